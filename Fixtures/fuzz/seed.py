#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz target (Sources/SafeReplayFuzz) into corpus/.

The first byte of an input picks the mode (see FuzzTarget.run): 0 a policy document,
1/2 observation lines under the shop/default policy, 3 binary touch/location records.
Seeds come from the repository's fixtures; libFuzzer adds what it finds to corpus/, and
Bindings/fuzz.sh --merge keeps the set minimal.
"""
import glob
import hashlib
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)


def write(data: bytes):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


for path in sorted(glob.glob(os.path.join(root, "Fixtures/policies/*/*.json")))[:40]:
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 20000:
        write(b"\x00" + data)

for path in sorted(glob.glob(os.path.join(root, "Fixtures/conformance/*/observations.jsonl"))):
    with open(path, "rb") as f:
        lines = [l for l in f.read().split(b"\n") if l.startswith(b"{")]
    write(b"\x01" + b"\n".join(lines))
    write(b"\x02" + b"\n".join(lines[:6]))

records = b""
for i, (kind, a, b, t, extra) in enumerate([
    (0, 10.0, 20.0, 1700000000000, 0), (2, 11.0, 21.0, 1700000000010, 0), (4, 12.0, 22.0, 1700000000020, 0),
    (1, 59.91, 10.75, 1700000000030, 12), (6, float("nan"), 1.0, 1700000000040, 4), (1, 91.0, 0.0, -1, 255),
    (0xFF, 0.0, 0.0, 1700000000050, 0),
]):
    records += struct.pack("<BddqB", kind, a, b, t, extra)
write(b"\x03" + records)
print(f"{len(os.listdir(out))} seeds in {out}")
