#!/usr/bin/env python3
"""Turns benchmark results (JSON lines from safereplay-bench and the peer scripts) into
BENCHMARKS.md tables and growth plots.

Each line: {"suite", "name", "unit", "higherIsBetter", "median", "min", "max", "samples",
"notes"?, "group"?, "system", "target"?}. Lines that share a group are the same work done
by different systems; the table gives each peer's ratio to SafeReplay. A result whose notes
carry "growth" (a series name), "x" and "xLabel" becomes a point on a growth plot.

Usage: report.py --out BENCHMARKS.md --plots DIR --command "..." results.jsonl...
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
from collections import OrderedDict, defaultdict

SUITE_TITLES = OrderedDict([
    ("json", "JSON ingest and write"),
    ("pii", "PII detectors"),
    ("pii-peers", "PII detectors: peers"),
    ("url", "URL canonicalizer"),
    ("web", "Web sanitizer"),
    ("rrweb", "Beside rrweb in Chromium"),
    ("mobile", "Mobile capture"),
    ("upload", "Batching, gzip and spool"),
    ("abi", "C ABI"),
])


def machine():
    model = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{model}, {cores} cores, {mem}, {platform.system()} {platform.release()}"


def fmt(v, unit):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if unit == "secrets" and float(v).is_integer():
        return str(int(v))
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def met(r):
    t = r.get("target")
    if t is None:
        return ""
    ok = r["median"] >= t if r.get("higherIsBetter", True) else r["median"] <= t
    sign = "≥" if r.get("higherIsBetter", True) else "≤"
    return f"{sign} {fmt(t, r['unit'])}: {'met' if ok else '**not met**'}"


def ratio(ours, peer):
    if not ours or not peer or peer["median"] == 0 or ours["median"] == 0:
        return ""
    if ours.get("higherIsBetter", True):
        x = ours["median"] / peer["median"]
    else:
        x = peer["median"] / ours["median"]
    # Two decimals near 1, so a 3 % difference does not read "1.0× worse".
    shown = f"{x:.2f}" if 0.9 < x < 1.1 else f"{x:.1f}"
    return f"{shown}× {'better' if x >= 1 else 'worse'}"


def table(results):
    by_group = defaultdict(list)
    for r in results:
        if r.get("group"):
            by_group[r["group"]].append(r)
    lines = ["| Benchmark | System | Median | Min | Max | Unit | vs SafeReplay | Target |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        ours = None
        if r.get("group") and r.get("system") != "SafeReplay":
            ours = next((x for x in by_group[r["group"]] if x.get("system") == "SafeReplay"), None)
        vs = ratio(ours, r) if ours else ""
        name = r["name"]
        lines.append(f"| {name} | {r.get('system', 'SafeReplay')} | {fmt(r['median'], r['unit'])} | "
                     f"{fmt(r['min'], r['unit'])} | {fmt(r['max'], r['unit'])} | {r['unit']} | {vs} | {met(r)} |")
    return "\n".join(lines)


# Suites whose figures are shown pair by pair first: each peer's figure beside SafeReplay's
# for the same group, then the full table.
SIDE_BY_SIDE = {"rrweb"}

# What a suite's figures are, above its tables.
SUITE_INTROS = {
    "rrweb": "The recorded fixture pages (Fixtures/web). rrweb 1.1.3 (django-rrweb 4.0.5) records "
             "them in headless Chromium with `maskAllInputs: true` (bench/peers/rrweb.sh); its "
             "full-snapshot time is DOM to JSON text in the page (warm: repeated "
             "`takeFullSnapshot` calls; at page load: the one rrweb takes when recording "
             "starts). SafeReplay's is the same page's raw first FullSnapshot (as rrweb recorded "
             "it with masking off), raw JSON to sanitized JSON with the fixture's policy "
             "(suite `rrweb` of safereplay-bench). SafeReplay sanitizes what rrweb records, so its "
             "time adds to rrweb's masking-off snapshot rather than replacing it: the time ratio "
             "says how small the addition is. Bytes are of the first FullSnapshot event "
             "and of the whole stream as JSON lines; secrets are the fixture's "
             "`<name>.secrets.txt` found in the output as written or lower/upper-cased, "
             "digits only, percent/form-encoded, JSON- or HTML-escaped.\n",
}


def span(r):
    """Median with min–max; for a count of secrets, also out of how many (notes.secrets)."""
    text = fmt(r["median"], r["unit"])
    if r["min"] != r["max"]:
        text += f" ({fmt(r['min'], r['unit'])}–{fmt(r['max'], r['unit'])})"
    total = (r.get("notes") or {}).get("secrets")
    if r["unit"] == "secrets" and total is not None:
        text += f" of {total}"
    return text


def side_by_side(results):
    """One row per peer figure that shares a group with a SafeReplay figure: the group (for
    the rrweb suite "<figure>, <fixture>"), SafeReplay's median (min–max), the peer's, and
    the ratio. A group whose SafeReplay figure is 0 (no secrets leaked) gets the difference."""
    groups = OrderedDict()
    for r in results:
        if r.get("group"):
            groups.setdefault(r["group"], []).append(r)
    lines = ["| Figure | Unit | SafeReplay | Peer | Peer's | SafeReplay vs peer |",
             "|---|---|---|---|---|---|"]
    rows = 0
    for group, members in groups.items():
        ours = next((x for x in members if x.get("system", "SafeReplay") == "SafeReplay"), None)
        if not ours:
            continue
        for peer in (x for x in members if x.get("system", "SafeReplay") != "SafeReplay"):
            vs = ratio(ours, peer)
            if not vs and ours["unit"] == peer["unit"] and ours["median"] != peer["median"]:
                d = peer["median"] - ours["median"]
                better = (d > 0) != ours.get("higherIsBetter", True)
                vs = f"{fmt(abs(d), ours['unit'])} {'fewer' if d > 0 else 'more'} ({'better' if better else 'worse'})"
            elif not vs and ours["median"] == peer["median"]:
                vs = "same"
            lines.append(f"| {group} | {ours['unit']} | {span(ours)} | {peer['system']} | {span(peer)} | {vs} |")
            rows += 1
    return "\n".join(lines) if rows else ""


def plots(results, directory):
    series = defaultdict(list)
    for r in results:
        n = r.get("notes") or {}
        if "growth" in n and "x" in n:
            series[n["growth"]].append((float(n["x"]), r["median"], r["unit"], n.get("xLabel", "x"), r.get("system", "SafeReplay")))
    made = []
    if not series:
        return made
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(directory, exist_ok=True)
    for name, points in sorted(series.items()):
        fig, ax = plt.subplots(figsize=(6, 4))
        for system in sorted({p[4] for p in points}):
            pts = sorted(p for p in points if p[4] == system)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=system)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(points[0][3])
        ax.set_ylabel(points[0][2])
        ax.set_title(name)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
        path = os.path.join(directory, f"{slug}.png")
        fig.tight_layout()
        fig.savefig(path, dpi=100)
        plt.close(fig)
        made.append((name, path, points))
    return made


def growth_finding(points):
    """Least-squares slope of log(cost) against log(work): 1 is linear."""
    import math
    pts = [(math.log(p[0]), math.log(p[1])) for p in points if p[0] > 0 and p[1] > 0 and p[4] == "SafeReplay"]
    if len(pts) < 2:
        return ""
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    den = sum((p[0] - mx) ** 2 for p in pts)
    if den == 0:
        return ""
    slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / den
    if points[0][2].endswith("/s"):
        # A throughput: flat (slope 0) means cost grows linearly with the work.
        verdict = "linear or better" if slope > -0.15 else "worse than linear: a finding"
        return f"log-log slope of throughput {slope:.2f} ({verdict})"
    verdict = "linear or better" if slope < 1.15 else "worse than linear: a finding"
    return f"log-log slope {slope:.2f} ({verdict})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--plots", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--preamble", help="a Markdown file kept above the generated tables")
    ap.add_argument("--run-info", help="bench/run's record of the run's commit and start time")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    results = []
    for path in a.inputs:
        if not os.path.exists(path):
            continue
        for line in open(path):
            line = line.strip()
            if line.startswith("{"):
                results.append(json.loads(line))
    suites = OrderedDict()
    for r in results:
        suites.setdefault(r["suite"], []).append(r)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    out = []
    if a.preamble and os.path.exists(a.preamble):
        out.append(open(a.preamble).read().rstrip() + "\n")
    out.append("<!-- Everything below is generated by bench/run; edit bench/preamble.md instead. -->\n")
    out.append(f"- Machine: {machine()}")
    written = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    if a.run_info and os.path.exists(a.run_info):
        # The run's own commit and time: the page may be written later, at another commit.
        info = json.load(open(a.run_info))
        run_commit, started = info["commit"], info["started"]
        page = "" if (run_commit, started[:13]) == (commit, written[:13]) else f"; this page written {written} at {commit}"
        out.append(f"- Date: run started {started}, commit {run_commit}{page}")
    else:
        out.append(f"- Date: {written} (this page; the run's own time was not recorded), commit {commit}")
    out.append(f"- Command: `{a.command}`")
    runs = {len(r.get('samples', [])) for r in results if r.get('samples')}
    out.append(f"- Runs per figure: {', '.join(str(x) for x in sorted(runs))} (median, min and max of those runs)")
    out.append("")
    order = list(SUITE_TITLES) + [s for s in suites if s not in SUITE_TITLES]
    for suite in order:
        if suite not in suites:
            continue
        out.append(f"## {SUITE_TITLES.get(suite, suite)}\n")
        if suite in SUITE_INTROS:
            out.append(SUITE_INTROS[suite])
        pairs = side_by_side(suites[suite]) if suite in SIDE_BY_SIDE else ""
        if pairs:
            out.append("Side by side (each peer figure beside SafeReplay's in the same group):\n")
            out.append(pairs)
            out.append("\nAll figures:\n")
        out.append(table(suites[suite]))
        notes = [r for r in suites[suite] if r.get("notes", {}).get("remark")]
        for r in notes:
            out.append(f"\n- {r['name']}: {r['notes']['remark']}")
        out.append("")
    made = plots(results, a.plots)
    if made:
        out.append("## Growth\n")
        for name, path, points in made:
            rel = os.path.relpath(path, os.path.dirname(os.path.abspath(a.out)))
            finding = growth_finding(points)
            out.append(f"### {name}\n\n![{name}]({rel})\n\n{finding}\n")
    with open(a.out, "w") as f:
        f.write("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
