"""Per-call overhead of the Python binding (a benchmark, not a test).

    SAFEREPLAY_LIBRARY=Bindings/build/lib/libsafereplay.so.1 python3 Bindings/python/bench.py [--runs 5]

Prints one JSON line per figure (median of the runs, nanoseconds per call):
  ctypes call, sr_abi_version     the floor: a ctypes call that does nothing
  ctypes call, sr_touch           sr_touch through ctypes, no Python wrapper
  Session.touch                   the binding's method (wrapper + status check)
  Session.ingest_json, ~200 B     one typical 200-byte event through the binding
Subtract the C figures (safereplay-bench abi) to get what Python adds per call.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safereplay  # noqa: E402
from safereplay import _lib  # noqa: E402

EVENT = (b'{"type":3,"data":{"source":1,"positions":[{"x":412,"y":288,"id":37,"timeOffset":0},'
         b'{"x":415,"y":290,"id":37,"timeOffset":-25},{"x":420,"y":297,"id":41,"timeOffset":-50}]},'
         b'"timestamp":1700000000160}')
PAGE = [
    b'{"type":4,"data":{"href":"https://shop.example/","width":1280,"height":800},"timestamp":1700000000000}',
    b'{"type":2,"data":{"node":{"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},'
    b'"childNodes":[{"type":2,"id":37,"tagName":"body","attributes":{},"childNodes":[{"type":2,"id":41,'
    b'"tagName":"div","attributes":{},"childNodes":[]}]}]}]},"initialOffset":{"top":0,"left":0}},'
    b'"timestamp":1700000000001}',
]
# Touches go to a named screen: before a Meta names one the mobile stage drops them unseen.
SCREEN = [b'{"type":4,"data":{"href":"HomeViewController","width":390,"height":844},"timestamp":1700000000000}']
OPTIONS = {"version": 1, "sessionId": "pybench", "fixedClockMs": 1700000000000}


def per_call(n, body):
    # This thread's CPU time, as safereplay-bench abi: the machine may be shared.
    start = time.thread_time_ns()
    body(n)
    return (time.thread_time_ns() - start) / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200_000)
    args = parser.parse_args()
    n = args.calls
    policy = safereplay.Policy.load(b'{"version":1}')
    figures = {}

    def fresh(setup=()):
        session = safereplay.Session(policy, options=OPTIONS)
        for line in setup:
            session.ingest_json(line)
        return session

    def done(session):
        session.end()
        for _ in session.batches():
            pass
        session.close()

    def abi_version(k):
        f = _lib.sr_abi_version
        for _ in range(k):
            f()

    def raw_touch(session):
        def run(k):
            f, h = _lib.sr_touch, session.handle
            for i in range(k):
                f(h, 0, 1 if i % 50 else 0, 10.0, 20.0, 1700000000000 + i)
        return run

    def wrapped_touch(session):
        def run(k):
            touch = session.touch
            for i in range(k):
                touch(0, 1 if i % 50 else 0, 10.0, 20.0, 1700000000000 + i)
        return run

    def wrapped_ingest(session):
        def run(k):
            ingest = session.ingest_json
            for _ in range(k):
                ingest(EVENT)
        return run

    cases = [
        ("ctypes call, sr_abi_version", None, lambda s: abi_version),
        ("ctypes call, sr_touch", SCREEN, raw_touch),
        ("Session.touch", SCREEN, wrapped_touch),
        (f"Session.ingest_json, {len(EVENT)} B event", PAGE, wrapped_ingest),
    ]
    for name, setup, make in cases:
        samples = []
        for run in range(args.runs + 1):
            session = fresh(setup) if setup is not None else None
            ns = per_call(n if setup is None or "touch" in name else n // 4, make(session))
            if session is not None:
                done(session)
            if run:
                samples.append(ns)  # the first run warms up
        figures[name] = samples
        print(json.dumps({"suite": "python", "name": name, "unit": "ns/call", "median": statistics.median(samples),
                          "samples": samples}))
    policy.close()


if __name__ == "__main__":
    main()
