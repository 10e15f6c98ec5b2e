#!/usr/bin/env bash
# rrweb itself beside SafeReplay: records the fixture pages (Fixtures/web/pages) with rrweb
# 1.1.3 `maskAllInputs: true` in headless Chromium and reports its full-snapshot time, output
# bytes and the fixture secrets in its output (bench/peers/rrweb/rrweb_peer.py says what is
# measured; the SafeReplay side is the Swift suite `rrweb`). Benchmarks only: not a test.
#
#   bench/peers/rrweb.sh --runs N [--quick] --out FILE.jsonl [fixture ...]
#
# Installs what it needs: Debian's chromium (apt-get, through scripts/install-deps) and
# rrweb's recorder from the SHA-256 pinned django-rrweb 4.0.5 wheel (pip download, with the
# pip of bench/run's virtual environment, into the git-ignored .build-fixtures/).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps chromium
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
exec bench/.venv/bin/python bench/peers/rrweb/rrweb_peer.py "$@"
