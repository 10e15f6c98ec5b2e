#!/usr/bin/env bash
# The Python binding's per-call overhead (ctypes over libsafereplay.so), beside the C ABI's
# figures of the `abi` suite: builds the release library and runs Bindings/python/bench.py.
#
#   bench/peers/python-abi.sh --runs N [--quick] --out FILE.jsonl
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --quick) shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || { echo "usage: $0 --runs N [--quick] --out FILE.jsonl" >&2; exit 2; }
Bindings/build.sh -c release >/dev/null
SAFEREPLAY_LIBRARY=Bindings/build/lib/libsafereplay.so.1 python3 Bindings/python/bench.py --runs "$runs" |
  python3 -c '
import json, sys
# bench.py prints {suite, name, unit, median, samples}; the report wants the full shape.
for line in sys.stdin:
    r = json.loads(line)
    s = sorted(r["samples"])
    print(json.dumps({"suite": "abi", "name": "Python: " + r["name"], "unit": r["unit"], "higherIsBetter": False,
                      "median": r["median"], "min": s[0], "max": s[-1], "samples": r["samples"],
                      "system": "Python binding (ctypes)"}))
' > "$out"
cat "$out"
