"""Tests of the Python binding against the built libsafereplay.

    python3 -m unittest discover -s Bindings/python/tests
"""

import gzip
import json
import math
import os
import random
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

import safereplay  # noqa: E402
from safereplay import Policy, Session  # noqa: E402

CONFORMANCE = os.path.join(ROOT, "Fixtures", "conformance")


def page(text, t=1700000000000):
    return [
        json.dumps({"type": 4, "data": {"href": "https://shop.example/", "width": 800, "height": 600}, "timestamp": t}),
        json.dumps({"type": 2, "data": {"node": {"type": 0, "id": 1, "childNodes": [
            {"type": 2, "id": 2, "tagName": "html", "attributes": {}, "childNodes": [
                {"type": 2, "id": 3, "tagName": "body", "attributes": {}, "childNodes": [
                    {"type": 3, "id": 4, "textContent": text}]}]}]},
            "initialOffset": {"top": 0, "left": 0}}, "timestamp": t + 1}),
    ]


def events_slice(envelope: bytes) -> bytes:
    """The events array's contents: between the first "events":[ and the final ]}."""
    key = b'"events":['
    assert envelope.endswith(b"]}"), "an envelope ends with its events"
    start = envelope.index(key) + len(key)
    return envelope[start:-2]


def run_vector(directory):
    """Runs a conformance vector (Fixtures/conformance/README.md); returns the output bytes."""
    with open(os.path.join(directory, "policy.json"), "rb") as f:
        policy_json = f.read()
    with open(os.path.join(directory, "options.json"), "rb") as f:
        options = f.read()
    with open(os.path.join(directory, "observations.jsonl"), "rb") as f:
        lines = f.read().split(b"\n")
    statuses = []
    with Policy.load(policy_json) as policy, Session(policy, options=options) as session:
        for line in lines:
            if not line or line.startswith(b"#"):
                continue
            try:
                if line.startswith(b"{"):
                    session.ingest_json(line)
                elif line.startswith(b"["):
                    command = json.loads(line)
                    kind = command[0]
                    if kind == "touch" and len(command) == 6:
                        session.touch(command[1], command[2], float(command[3]), float(command[4]), command[5])
                    elif kind == "location" and len(command) == 5:
                        session.location(float(command[1]), float(command[2]), float(command[3]), command[4])
                    elif kind == "flush" and len(command) == 1:
                        session.flush()
                    else:
                        raise AssertionError(f"malformed command {line!r}")
                else:
                    raise AssertionError(f"malformed line {line!r}")
                statuses.append(0)
            except safereplay.SafeReplayError as error:
                statuses.append(error.status)
        session.end()
        events = []
        for envelope in session.batches():
            parsed = json.loads(envelope)
            assert parsed["formatVersion"] == 1
            assert parsed["eventCount"] == len(parsed["events"])
            chunk = events_slice(envelope)
            if chunk:
                events.append(chunk)
    return (b'{"statuses":[' + ",".join(str(s) for s in statuses).encode() + b'],"events":[' + b",".join(events)
            + b"]}\n")


class ConformanceTests(unittest.TestCase):
    def test_every_vector_matches_expected_byte_for_byte(self):
        names = sorted(n for n in os.listdir(CONFORMANCE)
                       if os.path.exists(os.path.join(CONFORMANCE, n, "observations.jsonl")))
        self.assertGreaterEqual(len(names), 5)
        for name in names:
            with self.subTest(vector=name):
                output = run_vector(os.path.join(CONFORMANCE, name))
                with open(os.path.join(CONFORMANCE, name, "expected.json"), "rb") as f:
                    expected = f.read()
                self.assertEqual(output, expected)


class PolicyTests(unittest.TestCase):
    def test_policy_errors_carry_status_message_and_issues(self):
        with self.assertRaises(safereplay.PolicyError) as caught:
            Policy.load('{"version":1,"defaultLevel":"extreme","retentionDays":0}')
        error = caught.exception
        self.assertEqual(error.status, -3)
        self.assertEqual(error.name, "SR_E_POLICY")
        self.assertIn("sr_policy_load", error.message)
        paths = {issue["path"] for issue in error.issues}
        self.assertIn("defaultLevel", paths)
        self.assertIn("retentionDays", paths)
        self.assertIsInstance(error, ValueError)

    def test_garbage_policies(self):
        for document in [b"", b"\xff\xfe", b"[]", random.Random(3).randbytes(1 << 20)]:
            with self.assertRaises(safereplay.PolicyError):
                Policy.load(document)
        with self.assertRaises(TypeError):
            Policy.load(12)

    def test_str_and_bytes_both_work(self):
        with Policy.load('{"version":1}'), Policy.load(b'{"version":1}'), Policy.load(bytearray(b'{"version":1}')):
            pass

    def test_freed_policy_is_refused(self):
        policy = Policy.load('{"version":1}')
        policy.close()
        policy.close()  # idempotent
        with self.assertRaises(safereplay.StateError):
            Session(policy)


class SessionTests(unittest.TestCase):
    def setUp(self):
        self.policy = Policy.load('{"version":1}')

    def tearDown(self):
        self.policy.close()

    def test_a_page_goes_through_and_the_context_manager_closes(self):
        with Session(self.policy, options={"version": 1, "sessionId": "py-page"}) as session:
            for line in page("Hello Quentin Abernathy-Solberg"):
                session.ingest_json(line)
            session.end()
            batches = list(session.batches())
            stats = session.stats()
        self.assertTrue(batches)
        self.assertNotIn(b"Quentin", b"".join(batches))
        self.assertEqual(stats["sessionId"], "py-page")
        self.assertEqual(stats["received"], 2)
        with self.assertRaises(safereplay.StateError):
            session.flush()
        session.close()  # idempotent

    def test_garbage_is_refused_with_the_right_exception_and_counted(self):
        with Session(self.policy) as session:
            refused = 0
            for data, error in [(b"", safereplay.JSONError), (b"{", safereplay.JSONError),
                                (b'{"type":5,"data":{"tag":"\xc3("}}', safereplay.JSONError),
                                (random.Random(5).randbytes(1 << 20), safereplay.JSONError),
                                ("{\"type\": 3, \"data\": 7}", safereplay.JSONError)]:
                with self.assertRaises(error) as caught:
                    session.ingest_json(data)
                self.assertTrue(caught.exception.message)
                refused += 1
            for call in [lambda: session.touch(0, 9, 1.0, 1.0, 1), lambda: session.touch(0, 0, math.nan, 1.0, 1),
                         lambda: session.location(95.0, 0.0, 1.0, 1), lambda: session.location(0.0, 0.0, -1.0, 1)]:
                with self.assertRaises(safereplay.ArgumentError):
                    call()
            with self.assertRaises(TypeError):
                session.ingest_json(None)
            for line in page("after garbage"):
                session.ingest_json(line)
            stats = session.stats()
            self.assertEqual(stats["rejected"], refused)
            session.end()
            self.assertTrue(list(session.batches()))

    def test_bad_options(self):
        for options in [{"sessionId": 3}, {"nope": 1}, {"version": 2}, b"{"]:
            with self.assertRaises((safereplay.ArgumentError, safereplay.JSONError)):
                Session(self.policy, options=options)

    def test_spool_directory(self):
        import tempfile
        with tempfile.TemporaryDirectory() as spool:
            with Session(self.policy, spool_dir=spool) as first:
                for line in page("spooled"):
                    first.ingest_json(line)
                first.end()
                emitted = first.stats()["emitted"]
            # Not drained: the second session finds the first one's batch in the spool.
            with Session(self.policy, spool_dir=spool) as second:
                found = sum(json.loads(b)["eventCount"] for b in second.batches())
            self.assertGreaterEqual(emitted, 2)
            self.assertEqual(found, emitted)
        with self.assertRaises(safereplay.IOError_):
            Session(self.policy, spool_dir="/proc/safereplay/no")

    def test_threads_share_a_session(self):
        threads, per_thread = 4, 2000
        with Session(self.policy, options={"sessionId": "py-threads", "fixedClockMs": 1700000000000}) as session:
            for line in page("threads"):
                session.ingest_json(line)

            def write(index):
                for i in range(per_thread):
                    session.ingest_json(b'{"type":3,"data":{"source":3,"id":1,"x":%d,"y":%d},"timestamp":%d}'
                                        % (index, i, 1700000000100 + i))

            workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
            for w in workers:
                w.start()
            tally = {"events": 0, "writers": set(), "accounted": 0}

            def take(batch):
                envelope = json.loads(batch)
                tally["events"] += envelope["eventCount"]
                for event in envelope["events"]:
                    data = event.get("data", {})
                    if event["type"] == 3 and data.get("source") == 3 and data.get("id") == 1:
                        key = (data["x"], data["y"])
                        self.assertNotIn(key, tally["writers"])
                        tally["writers"].add(key)
                audit = envelope["audit"]
                tally["accounted"] += sum(audit["dropped"].values()) + sum(audit["blocked"].values())

            while any(w.is_alive() for w in workers):
                for batch in session.batches():
                    take(batch)
                time.sleep(0.001)
            session.end()
            for batch in session.batches():
                take(batch)
            stats = session.stats()
        self.assertEqual(stats["received"], threads * per_thread + 2)
        self.assertEqual(tally["events"], stats["emitted"])
        # Every writer's event arrived once, or was counted as dropped or blocked.
        self.assertEqual(len(tally["writers"]) + tally["accounted"], threads * per_thread)

    def test_errors_are_per_thread(self):
        results = {}

        def fail():
            try:
                Policy.load("{")
            except safereplay.PolicyError as error:
                results["other"] = error.message

        with self.assertRaises(safereplay.PolicyError) as mine:
            Policy.load("[]")
        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
        self.assertNotEqual(results["other"], mine.exception.message)


class UploadTests(unittest.TestCase):
    def test_upload_through_a_python_transport(self):
        calls = []
        lock = threading.Lock()

        def transport(body, headers):
            with lock:
                envelope = json.loads(gzip.decompress(body))
                calls.append((headers["Idempotency-Key"], envelope["sequence"], envelope["eventCount"]))
                if len(calls) == 1:
                    return safereplay.Response(503, retry_after="0")
                if len(calls) == 2:
                    raise ConnectionError("simulated reset")  # no answer: retried
                return 200

        with Policy.load('{"version":1,"upload":{"maxEvents":4}}') as policy, Session(policy) as session:
            session.start_upload(transport)
            with self.assertRaises(safereplay.StateError):
                session.start_upload(transport)
            with self.assertRaises(safereplay.StateError):
                session.next_batch()
            for line in page("upload"):
                session.ingest_json(line)
            for i in range(9):
                session.ingest_json(b'{"type":3,"data":{"source":3,"id":1,"x":0,"y":%d},"timestamp":%d}'
                                    % (i, 1700000000100 + i))
            session.end()
            session.stop_upload(30000)
            stats = session.stats()
        self.assertGreaterEqual(len(calls), 3)
        self.assertEqual(calls[0][0], calls[1][0])
        self.assertEqual(calls[1][0], calls[2][0])
        delivered = {seq: count for _, seq, count in calls[2:]}
        self.assertEqual(sorted(delivered), list(range(len(delivered))))
        self.assertEqual(sum(delivered.values()), stats["emitted"])
        self.assertEqual(stats["upload"]["pendingBatches"], 0)


if __name__ == "__main__":
    unittest.main()
