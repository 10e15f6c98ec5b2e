#!/usr/bin/env python3
"""PII detection peers for SafeReplay's benchmark: the same corpus, the same metrics as
SafeReplayBenchmarks' `pii` suite, printed as one JSON document.

    python3 bench/peers/pii_peers.py --setup            # bench/.venv with the pinned peers
    bench/.venv/bin/python bench/peers/pii_peers.py Fixtures/pii/pii-dev.jsonl [--only regex+validation]

Peers
  presidio            presidio-analyzer's pattern recognizers (CreditCard, Email, Phone for the
                      corpus's ten regions, UsSsn, Iban, Ip) on NoOpNlpEngine: no spaCy model, and
                      tldextract kept on its bundled suffix list (no network).
  scrubadub           scrubadub 2.x with its non-NER detectors (email, phone, credit_card,
                      social_security_number), en_US.
  regex+validation    a careful hand-written baseline: one regex per type, then Luhn + IIN length,
                      IBAN length + mod-97, SSN area/group/serial, ipaddress, JWT header decoding,
                      and priority-based overlap resolution.

Metrics (as in the Swift suite): a gold span is masked when any prediction overlaps it by one
scalar or more; a prediction is correct when it overlaps any gold span. Predictions that only
overlap look-alikes of kinds ending in _AMBIG are left out of precision. Throughput is UTF-8
bytes of all texts over the time of one call per record, on one pinned CPU, both wall-clock and
the thread's CPU time (a shared machine inflates the first); the median of --runs passes (one
pass for peers slower than 1 MB/s).
"""
import argparse
import base64
import ipaddress
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TYPES = ["EMAIL", "CREDIT_CARD", "PHONE", "US_SSN", "IBAN", "IP_ADDRESS", "JWT", "BEARER_TOKEN", "API_KEY"]
REGIONS = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "JP", "IN"]


def setup():
    venv = os.path.join(ROOT, "bench", ".venv")
    subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([os.path.join(venv, "bin", "pip"), "install", "-q", "-r",
                           os.path.join(HERE, "requirements-pii.txt")])
    print(f"peers installed in {venv}", file=sys.stderr)


# ---------------------------------------------------------------- presidio
def make_presidio():
    import tldextract
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, EmailRecognizer, IbanRecognizer,
                                                          IpRecognizer, PhoneRecognizer, UsSsnRecognizer)
    registry = RecognizerRegistry(recognizers=[
        CreditCardRecognizer(), EmailRecognizer(), PhoneRecognizer(supported_regions=tuple(REGIONS)),
        UsSsnRecognizer(), IbanRecognizer(), IpRecognizer()])
    engine = AnalyzerEngine(registry=registry, nlp_engine=NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}]), supported_languages=["en"])
    names = {"CREDIT_CARD": "CREDIT_CARD", "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "US_SSN": "US_SSN",
             "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS"}

    def detect(text):
        return [(r.start, r.end, names[r.entity_type]) for r in engine.analyze(text=text, language="en")
                if r.entity_type in names]
    return detect


# ---------------------------------------------------------------- scrubadub
def make_scrubadub():
    import scrubadub
    from scrubadub.filth import MergedFilth
    scrubber = scrubadub.Scrubber(detector_list=["email", "phone", "credit_card", "social_security_number"],
                                  locale="en_US")
    names = {"email": "EMAIL", "phone": "PHONE", "credit_card": "CREDIT_CARD", "social_security_number": "US_SSN"}

    def flatten(filth):
        if isinstance(filth, MergedFilth):
            for inner in filth.filths:
                yield from flatten(inner)
        else:
            yield filth

    def detect(text):
        out = []
        for filth in scrubber.iter_filth(text):
            for f in flatten(filth):
                if f.type in names:
                    out.append((f.beg, f.end, names[f.type]))
        return out
    return detect


# ---------------------------------------------------------------- regex + validation
IBAN_LENGTHS = dict(AD=24, AE=23, AL=28, AT=20, AZ=28, BA=20, BE=16, BG=22, BH=22, BR=29, BY=28, CH=21, CR=22,
                    CY=28, CZ=24, DE=22, DK=18, DO=28, EE=20, EG=29, ES=24, FI=18, FO=18, FR=27, GB=22, GE=22,
                    GI=23, GL=18, GR=27, GT=28, HR=21, HU=28, IE=22, IL=23, IS=26, IT=27, JO=30, KW=30, KZ=20,
                    LB=28, LC=32, LI=21, LT=20, LU=20, LV=21, MC=27, MD=24, ME=22, MK=19, MR=27, MT=31, MU=30,
                    NL=18, NO=15, PK=24, PL=28, PS=29, PT=25, QA=29, RO=24, RS=22, SA=24, SE=24, SI=19, SK=24,
                    SM=27, TN=24, TR=26, UA=29, VG=24, XK=20)
RX = {
    "EMAIL": re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"),
    "CREDIT_CARD": re.compile(r"(?<![\w-])\d{4}(?:[ -]?\d{2,6}){2,4}(?![\w-])"),
    "US_SSN": re.compile(r"(?<![\w-])\d{3}([- ]?)\d{2}\1\d{4}(?![\w-])"),
    "IBAN": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"),
    "IPV4": re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)"),
    "IPV6": re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])"),
    "JWT": re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*"),
    "BEARER_TOKEN": re.compile(r"(?i)\bbearer\s+([\w\-.~+/]{12,}=*)"),
    "API_KEY": re.compile(
        r"\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{40,}|[spr]k_(?:live|test)_[A-Za-z0-9]{10,}"
        r"|xox[abpors]-[\w-]{10,}|AIza[\w-]{35}|sk-(?:proj-)?[\w-]{20,}|SG\.[\w-]{22}\.[\w-]{43}|SK[0-9a-f]{32}"
        r"|glpat-[\w-]{20})(?![\w-])"
        r"|(?<![\w-])(?i:api[_-]?key|secret|token|password|passwd|key)[\"']?\s*[:=]?\s*[\"']?([\w\-+/=.]{16,})"),
    "PHONE": re.compile(
        r"(?<![\w+/.-])(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,12}(?:[ .-]\d{2,8}){0,4}"
        r"(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w.:-]?\d)"),
}
VERSION_WORD = re.compile(r"(?i)(?:version|build|firmware|release|v)\s*$")
ID_WORD = re.compile(r"(?i)(?:order|invoice|ref|booking|confirmation|tracking|fedex|ups|usps|sku|serial|isbn|ean|"
                     r"barcode|ts|timestamp|time|t|id)\W{0,3}(?:number|no\.?|#)?\W{0,2}$")
PRIORITY = {"JWT": 0, "API_KEY": 1, "BEARER_TOKEN": 2, "EMAIL": 3, "IBAN": 4, "CREDIT_CARD": 5, "IP_ADDRESS": 6,
            "US_SSN": 7, "PHONE": 8}


def luhn(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def card_brand_ok(d):
    n = len(d)
    if d[0] == "4":
        return n in (13, 16, 19)
    if "51" <= d[:2] <= "55" or "2221" <= d[:4] <= "2720":
        return n == 16
    if d[:2] in ("34", "37"):
        return n == 15
    if d[:2] == "35" or d[:4] == "6011" or d[:2] in ("62", "65") or "644" <= d[:3] <= "649":
        return n >= 16
    if d[:2] in ("36", "38", "39") or "300" <= d[:3] <= "305":
        return n >= 14
    if d[:4] in ("1800", "2131"):
        return n == 15
    return (d[:2] == "50" or "56" <= d[:2] <= "69") and n >= 12


def iban_ok(s):
    s = s.replace(" ", "")
    if IBAN_LENGTHS.get(s[:2]) != len(s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def jwt_ok(token):
    head = token.split(".")[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except Exception:
        return False
    return isinstance(header, dict) and isinstance(header.get("alg"), str)


def phone_ok(value, before):
    digits = re.sub(r"\D", "", re.split(r"(?i)\s?(?:x|ext)", value)[0])
    if value.startswith("+"):
        return 8 <= len(digits) <= 15
    if not 9 <= len(digits) <= 12 or ID_WORD.search(before):
        return False
    if re.fullmatch(r"(?:19|20)\d\d[-/. ]\d\d[-/. ]\d\d|\d\d[-/. ]\d\d[-/. ](?:19|20)\d\d", value):
        return False
    return digits[0] == "0" or (len(digits) == 10 and digits[0] in "23456789") or (len(digits) == 9 and digits[0] in "36789")


def make_regex_validation():
    def detect(text):
        found = []
        for m in RX["EMAIL"].finditer(text):
            found.append((m.start(), m.end(), "EMAIL"))
        for m in RX["CREDIT_CARD"].finditer(text):
            digits = re.sub(r"\D", "", m.group())
            seps = set(re.sub(r"\d", "", m.group()))
            if 12 <= len(digits) <= 19 and len(seps) <= 1 and card_brand_ok(digits) and luhn(digits):
                found.append((m.start(), m.end(), "CREDIT_CARD"))
        for m in RX["US_SSN"].finditer(text):
            d = re.sub(r"\D", "", m.group())
            if d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000" \
                    and not (m.group(1) == "" and ID_WORD.search(text[max(0, m.start() - 24):m.start()])):
                found.append((m.start(), m.end(), "US_SSN"))
        for m in RX["IBAN"].finditer(text):
            if iban_ok(m.group()):
                found.append((m.start(), m.end(), "IBAN"))
        for key in ("IPV4", "IPV6"):
            for m in RX[key].finditer(text):
                try:
                    address = ipaddress.ip_address(m.group())
                except ValueError:
                    continue
                if address.is_loopback or address.is_unspecified or VERSION_WORD.search(text[max(0, m.start() - 24):m.start()]):
                    continue
                found.append((m.start(), m.end(), "IP_ADDRESS"))
        for m in RX["JWT"].finditer(text):
            if jwt_ok(m.group()):
                found.append((m.start(), m.end(), "JWT"))
        for m in RX["BEARER_TOKEN"].finditer(text):
            found.append((m.start(1), m.end(1), "BEARER_TOKEN"))
        for m in RX["API_KEY"].finditer(text):
            if m.lastindex:
                value = m.group(1)
                if len(set(value)) >= 8 and re.search(r"\d", value):
                    found.append((m.start(1), m.end(1), "API_KEY"))
            else:
                found.append((m.start(), m.end(), "API_KEY"))
        for m in RX["PHONE"].finditer(text):
            if phone_ok(m.group(), text[max(0, m.start() - 24):m.start()]):
                found.append((m.start(), m.end(), "PHONE"))
        found.sort(key=lambda f: (PRIORITY[f[2]], f[0] - f[1]))
        kept = []
        for f in found:
            if all(f[1] <= k[0] or k[1] <= f[0] for k in kept):
                kept.append(f)
        return sorted(kept)
    return detect


# ---------------------------------------------------------------- evaluation
def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def evaluate(records, predictions):
    gold, masked, predicted, correct = {}, {}, {}, {}
    for record, spans in zip(records, predictions):
        for g in record["spans"]:
            t = g["type"]
            gold[t] = gold.get(t, 0) + 1
            if any(overlaps(s, e, g["start"], g["end"]) for s, e, _ in spans):
                masked[t] = masked.get(t, 0) + 1
        for s, e, t in spans:
            hit = any(overlaps(s, e, g["start"], g["end"]) for g in record["spans"])
            ambiguous = any(n["kind"].endswith("_AMBIG") and overlaps(s, e, n["start"], n["end"])
                            for n in record.get("negatives", []))
            if ambiguous and not hit:
                continue
            predicted[t] = predicted.get(t, 0) + 1
            correct[t] = correct.get(t, 0) + (1 if hit else 0)
    per_type = {t: {"gold": gold.get(t, 0), "predicted": predicted.get(t, 0),
                    "recall": masked.get(t, 0) / gold[t] if gold.get(t) else None,
                    "precision": correct.get(t, 0) / predicted[t] if predicted.get(t) else None} for t in TYPES}
    total_gold, total_predicted = sum(gold.values()), sum(predicted.values())
    return {"mask_recall": sum(masked.values()) / total_gold if total_gold else None,
            "mask_precision": sum(correct.values()) / total_predicted if total_predicted else None,
            "per_type": per_type}


def throughput(detect, texts, runs):
    """(wall-clock MB/s samples, thread-CPU-time MB/s samples)."""
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        for t in texts:
            detect(t)
        wall.append(nbytes / (time.perf_counter() - start) / 1e6)
        cpu.append(nbytes / (time.thread_time() - start_cpu) / 1e6)
        if wall[-1] < 1.0:
            break  # one pass of a slow peer is minutes; more would not change the picture
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "Fixtures", "pii", "pii-dev.jsonl"))
    ap.add_argument("--only", default="")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--setup", action="store_true")
    a = ap.parse_args()
    if a.setup:
        setup()
        return
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass
    records = [json.loads(line) for line in open(a.corpus, encoding="utf-8")]
    texts = [r["text"] for r in records]
    makers = {"presidio": make_presidio, "scrubadub": make_scrubadub, "regex+validation": make_regex_validation}
    chosen = [n for n in (a.only.split(",") if a.only else makers)]
    out = {"corpus": os.path.basename(a.corpus), "records": len(records),
           "bytes": sum(len(t.encode("utf-8")) for t in texts), "peers": {}}
    for name in chosen:
        try:
            detect = makers[name]()
        except ImportError as error:
            out["peers"][name] = {"error": f"not installed ({error}); run pii_peers.py --setup"}
            continue
        for t in texts[:20]:
            detect(t)  # warm-up: lazy imports, compiled patterns
        result = evaluate(records, [detect(t) for t in texts])
        wall, cpu = throughput(detect, texts, a.runs)
        result["mbps"] = statistics.median(wall)
        result["mbps_samples"] = wall
        result["mbps_cpu"] = statistics.median(cpu)
        result["mbps_cpu_samples"] = cpu
        out["peers"][name] = result
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
