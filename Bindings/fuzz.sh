#!/usr/bin/env bash
# Builds the libFuzzer target over the C ABI (Sources/SafeReplayFuzz: sr_policy_load,
# sr_ingest_json, sr_touch, sr_location; AddressSanitizer on) and runs it.
#
#   Bindings/fuzz.sh [RUNS] [libFuzzer flags...]   fuzz RUNS inputs (default 1,000,000),
#                                                  starting from Fixtures/fuzz/corpus; new
#                                                  inputs go to .build-fuzz/new
#   Bindings/fuzz.sh --merge                       add the new inputs that widen coverage
#                                                  to Fixtures/fuzz/corpus (minimized)
#
# A crash leaves crash-<sha1> in the current directory: replay it with
# .build-fuzz/release/safereplay-fuzz crash-<sha1>.
set -euo pipefail
cd "$(dirname "$0")/.."
build=.build-fuzz
corpus=Fixtures/fuzz/corpus
echo "== swift build (libFuzzer + AddressSanitizer) into $build"
swift build -c release --build-path "$build" --product safereplay-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
  -Xlinker --export-dynamic-symbol=LLVMFuzzerRunDriver
bin="$build/release/safereplay-fuzz"
mkdir -p "$build/new"
if [ "${1:-}" = --merge ]; then
  # Inputs cut to 1 KiB: the checked-in corpus stays small (a run finds tens of MB).
  "$bin" -merge=1 -max_len=1024 "$corpus" "$build/new"
  exit 0
fi
runs=${1:-1000000}
[ $# -gt 0 ] && shift
"$bin" -runs="$runs" -max_len=65536 -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 "$@" "$build/new" "$corpus"
