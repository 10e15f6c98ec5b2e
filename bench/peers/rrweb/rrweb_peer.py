#!/usr/bin/env python3
"""rrweb itself beside SafeReplay (issue 7): records the fixture pages of Fixtures/web/pages
with rrweb 1.1.3 (the SHA-256 pinned django-rrweb 4.0.5 wheel) in headless Chromium, with
`maskAllInputs: true` and rrweb's default masking otherwise, the setting most users run.

    rrweb_peer.py --runs N [--quick] --out FILE.jsonl [fixture ...]

Per fixture and run, two page loads in a fresh headless Chromium each (real time, no
--virtual-time-budget):
  - rrweb `{maskAllInputs: true}` through the page's whole scenario: full-snapshot times
    (bench.js says exactly what is timed), the bytes of the first FullSnapshot event and of
    the whole stream as JSON lines (as Fixtures/web/*.jsonl are written), and how many of
    the fixture's secrets (<name>.secrets.txt) appear in that output in any of the forms the
    fixture tests look for;
  - rrweb with the fixtures' masking-off options (what SafeReplay's core is fed), load only:
    its full-snapshot times, the recorder SafeReplay sits behind.
Results are BenchResult JSON lines (suite "rrweb"), grouped with the figures the Swift suite
RRWebBenchmarks reports for SafeReplay on the checked-in raw streams; the last run's rrweb
output streams are kept in bench/out/rrweb/ for a look.
"""
import argparse
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts", "web-fixtures"))
from fixture_pages import (HARNESS, PageServer, ROOT, WEB, chromium_command, chromium_version,  # noqa: E402
                           ensure_chromium, ensure_recorder, event_line, read_manifest)

SUITE = "rrweb"
MASKED = "rrweb 1.1.3 maskAllInputs"
MASKED_COLD = "rrweb 1.1.3 maskAllInputs, at page load"
UNMASKED = "rrweb 1.1.3 masking off (SafeReplay's input)"
MODES = {
    # rrweb.record({emit, maskAllInputs: true}): everything else at rrweb's defaults.
    "masked": {"recordOptions": {"maskAllInputs": True}, "scenario": True},
    # The fixtures' recording options (scripts/web-fixtures/harness.js's defaults).
    "unmasked": {"recordOptions": None, "scenario": False},
}
PAGE_TIMEOUT_S = 120


def log(*args):
    print("rrweb peer:", *args, file=sys.stderr)


def leak_forms(secret):
    """The forms a leaked secret could take in rrweb JSON, as the fixture tests and the Swift
    suite look for them (Sources/SafeReplayModel/Support/LeakForms.swift, `leakForms`)."""
    forms = {secret, secret.lower(), secret.upper()}
    digits = "".join(c for c in secret if c.isascii() and c.isdigit())
    if len(digits) >= 6 and len(digits) != len(secret):
        forms.add(digits)
    # Percent-encoded UTF-8, only ASCII letters and digits and "-._~" left as they are.
    encoded = urllib.parse.quote(secret, safe="-._~")
    forms.update({encoded, encoded.replace("%20", "+"), encoded.lower()})
    for upper in (False, True):
        out = []
        for c in secret:
            if c == '"':
                out.append('\\"')
            elif c == "\\":
                out.append("\\\\")
            elif c == "/":
                out.append("\\/")
            elif ord(c) < 0x20 or ord(c) > 0x7E:
                units = c.encode("utf-16-be")
                for i in range(0, len(units), 2):
                    h = f"{int.from_bytes(units[i:i + 2], 'big'):04x}"
                    out.append("\\u" + (h.upper() if upper else h))
            else:
                out.append(c)
        json_form = "".join(out)
        forms.update({json_form, json_form.replace("\\/", "/")})
    forms.add(secret.replace("&", "&amp;"))
    forms.add(secret.replace("&", "\\u0026"))
    return forms


def read_secrets(name):
    path = os.path.join(WEB, f"{name}.secrets.txt")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line and not line.startswith("#")]


def leaked(secrets, text):
    return [s for s in secrets if any(form in text for form in leak_forms(s))]


class Browser:
    """One headless Chromium per page load, serving the fixture pages with bench.js and the
    fixture harness, and waiting for the page to POST its result."""

    def __init__(self, chromium, server, results, set_config):
        self.chromium, self.server, self.results, self.set_config = chromium, server, results, set_config

    def load(self, url, config):
        self.set_config(config)
        with tempfile.TemporaryDirectory(prefix="rrweb-peer-") as profile:
            command = chromium_command(self.chromium, self.server.port, url, f"--user-data-dir={profile}")
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            try:
                body = self.results.get(timeout=PAGE_TIMEOUT_S)
            except queue.Empty:
                sys.exit(f"rrweb peer: {url}: no result within {PAGE_TIMEOUT_S} s")
            finally:
                # Chromium and its helpers run in the session started for it: end that group.
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=20)
                except ProcessLookupError:
                    pass
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        result = json.loads(body)
        if "error" in result:
            sys.exit(f"rrweb peer: {url}: the page failed:\n{result['error']}")
        return result


def first_snapshot_line(lines):
    return next((line for line in lines if json.loads(line)["type"] == 2), "")


def stream_bytes(lines):
    """Bytes of the stream as JSON lines (one event a line, newline-terminated)."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def figure(name, unit, samples, group, system, notes, higher=False):
    return {"suite": SUITE, "name": name, "unit": unit, "higherIsBetter": higher,
            "median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "samples": samples, "group": group, "system": system, "notes": notes}


def measure(browser, name, url, runs, warm_repeats, keep_dir):
    secrets = read_secrets(name)
    with open(os.path.join(WEB, f"{name}.jsonl"), encoding="utf-8") as f:
        raw_lines = [line.rstrip("\n") for line in f if line.strip()]
    raw_text = "\n".join(raw_lines)
    s = {k: [] for k in ("warm", "warmSnap", "warmJSON", "cold", "coldSnap", "coldJSON",
                         "offWarm", "offCold", "snapBytes", "streamBytes", "secrets", "snapSecrets")}
    leaks = []
    for run in range(runs):
        for mode in ("masked", "unmasked"):
            config = dict(MODES[mode], warmRepeats=warm_repeats)
            r = browser.load(url, config)
            warm, cold = r["timing"]["warm"], r["timing"]["cold"]
            if mode == "unmasked":
                s["offWarm"].append(warm["snapshotMs"] + warm["stringifyMs"])
                s["offCold"].append(cold["snapshotMs"] + cold["stringifyMs"])
                continue
            s["warm"].append(warm["snapshotMs"] + warm["stringifyMs"])
            s["warmSnap"].append(warm["snapshotMs"])
            s["warmJSON"].append(warm["stringifyMs"])
            s["cold"].append(cold["snapshotMs"] + cold["stringifyMs"])
            s["coldSnap"].append(cold["snapshotMs"])
            s["coldJSON"].append(cold["stringifyMs"])
            lines = [event_line(e) for e in r["events"]]
            snapshot = first_snapshot_line(lines)
            text = "\n".join(lines)
            leaks = leaked(secrets, text)
            s["snapBytes"].append(len(snapshot.encode("utf-8")))
            s["streamBytes"].append(stream_bytes(lines))
            s["secrets"].append(len(leaks))
            s["snapSecrets"].append(len(leaked(secrets, snapshot)))
            if keep_dir and run == runs - 1:
                with open(os.path.join(keep_dir, f"{name}.maskAllInputs.jsonl"), "w", encoding="utf-8") as out:
                    out.write("".join(line + "\n" for line in lines))
        log(f"{name}: run {run + 1}/{runs}: warm {s['warm'][-1]:.2f} ms, at load {s['cold'][-1]:.2f} ms, "
            f"masking off warm {s['offWarm'][-1]:.2f} ms; {s['snapBytes'][-1]} + {s['streamBytes'][-1]} bytes; "
            f"{s['secrets'][-1]}/{len(secrets)} secrets")

    med = statistics.median
    time_notes = {
        "timed": "first FullSnapshot, DOM to JSON text: rrweb's takeFullSnapshot after its Meta "
                 "(snapshot(document) with its masking) plus JSON.stringify of the event, "
                 "performance.now() in the page (bench/peers/rrweb/bench.js)",
        "snapshotMs": med(s["warmSnap"]), "stringifyMs": med(s["warmJSON"]),
        "warmRepeats": warm_repeats, "clock": "wall (performance.now(), 100 µs grain; warm: repeats timed together)",
    }
    cold_notes = dict(time_notes, snapshotMs=med(s["coldSnap"]), stringifyMs=med(s["coldJSON"]),
                      when="the snapshot rrweb takes when recording starts, on load (first run of its code)")
    del cold_notes["warmRepeats"]
    off_notes = {"recordOptions": "the fixtures' (scripts/web-fixtures/harness.js): all masking off",
                 "atPageLoadMs": med(s["offCold"]), "warmRepeats": warm_repeats}
    secret_notes = {"secrets": len(secrets), "leaked": leaks,
                    "inFirstFullSnapshot": med(s["snapSecrets"]),
                    "inRawStream": len(leaked(secrets, raw_text)),
                    "forms": "as written, lower/upper-cased, digits only, percent/form-encoded, JSON-escaped, HTML-escaped"}
    return [
        figure(f"{name}: first FullSnapshot, warm", "ms", s["warm"], f"full snapshot time, {name}", MASKED, time_notes),
        figure(f"{name}: first FullSnapshot, at page load", "ms", s["cold"], f"full snapshot time, {name}", MASKED_COLD, cold_notes),
        figure(f"{name}: first FullSnapshot, warm", "ms", s["offWarm"], f"full snapshot time, {name}", UNMASKED, off_notes),
        figure(f"{name}: first FullSnapshot", "bytes", s["snapBytes"], f"full snapshot bytes, {name}", MASKED,
               {"rawBytes": len(first_snapshot_line(raw_lines).encode("utf-8"))}),
        figure(f"{name}: whole stream (JSON lines)", "bytes", s["streamBytes"], f"stream bytes, {name}", MASKED,
               {"rawBytes": stream_bytes(raw_lines)}),
        figure(f"{name}: fixture secrets in the output", "secrets", s["secrets"], f"secrets in output, {name}", MASKED, secret_notes),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="checkout only, fewer warm repeats")
    ap.add_argument("--out", required=True)
    ap.add_argument("fixtures", nargs="*")
    a = ap.parse_args()

    chromium = ensure_chromium(log)
    recorder = ensure_recorder(log)
    only = set(a.fixtures) or ({"checkout"} if a.quick else set())
    fixtures = read_manifest(only)
    warm_repeats = 5 if a.quick else 20
    keep_dir = os.path.join(ROOT, "bench", "out", "rrweb")
    os.makedirs(keep_dir, exist_ok=True)

    with open(os.path.join(HERE, "bench.js"), "rb") as f:
        bench_js = f.read()
    with open(HARNESS, "rb") as f:
        harness_js = f.read()
    current = {}

    def harness():
        prelude = f"window.__rrwebBenchConfig = {json.dumps(current['config'])};\n".encode()
        return prelude + bench_js + b"\n" + harness_js

    results = queue.Queue()
    with PageServer(recorder, fixtures, harness, on_result=results.put) as server:
        browser = Browser(chromium, server, results, lambda c: current.update(config=c))
        log(f"{chromium_version(chromium)}; rrweb recorder 1.1.3 (django-rrweb 4.0.5); {a.runs} runs")
        figures = []
        for name, url in fixtures:
            figures += measure(browser, name, url, max(a.runs, 1), warm_repeats, keep_dir)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as out:
        for f in figures:
            line = json.dumps(f, ensure_ascii=False)
            print(line)
            out.write(line + "\n")


if __name__ == "__main__":
    main()
