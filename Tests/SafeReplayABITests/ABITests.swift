#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import Foundation
import SafeReplayABI
import SafeReplayModel
import Testing

@Suite struct ABITests {
    @Test func versionAndStatusNames() {
        #expect(sr_abi_version() == SR_ABI_VERSION)
        #expect(sr_abi_version() >> 16 == UInt32(SR_ABI_VERSION_MAJOR))
        #expect(String(cString: sr_status_name(SR_E_LIMIT)) == "SR_E_LIMIT")
        #expect(String(cString: sr_status_name(-99)) == "SR_E_UNKNOWN")
    }

    @Test func policyErrorsListEveryIssueWithItsPath() throws {
        var policy: OpaquePointer? = OpaquePointer(bitPattern: 0x10)
        let bad = #"{"version":1,"defaultLevel":"extreme","retentionDays":0,"bogus":true}"#
        let status = bad.withCString { sr_policy_load($0, strlen($0), &policy) }
        #expect(status == SR_E_POLICY)
        #expect(policy == nil)
        #expect(ABI.lastError.hasPrefix("sr_policy_load: policy: "))
        let json = try JSONValue.parse(ABI.lastErrorJSON)
        #expect(json["status"]?.int64Value == Int64(SR_E_POLICY))
        #expect(json["function"]?.stringValue == "sr_policy_load")
        let paths = (json["issues"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        #expect(paths.contains("defaultLevel"))
        #expect(paths.contains("retentionDays"))
        #expect(paths.count >= 3)

        // A success clears the error.
        let ok = try ABI.loadPolicy(#"{"version":1}"#)
        #expect(ABI.lastError == "")
        #expect(ABI.lastErrorJSON == "{}")
        sr_policy_free(ok)
    }

    @Test func policyGarbage() {
        var policy: OpaquePointer?
        #expect(sr_policy_load(nil, 3, &policy) == SR_E_ARG)
        #expect(sr_policy_load("{}", 2, nil) == SR_E_ARG)
        #expect(sr_policy_load("", 0, &policy) == SR_E_POLICY)
        #expect(sr_policy_load("{}", Int(bitPattern: UInt.max), &policy) == SR_E_LIMIT)
        var rng = SystemRandomNumberGenerator()
        let noise = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let status = noise.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { sr_policy_load($0.baseAddress, $0.count, &policy) }
        }
        #expect(status == SR_E_POLICY)
        #expect(policy == nil)
        #expect(!ABI.lastError.isEmpty)
    }

    @Test func handlesAreValidatedNeverDereferenced() throws {
        var local = 0
        let fakes: [OpaquePointer?] = [
            OpaquePointer(bitPattern: 1), OpaquePointer(bitPattern: 0xdead_beef), OpaquePointer(bitPattern: UInt.max),
            withUnsafeMutablePointer(to: &local) { OpaquePointer($0) },
        ]
        for fake in fakes {
            #expect(sr_flush(fake) == SR_E_ARG)
            #expect(sr_touch(fake, 0, 0, 1, 1, 1) == SR_E_ARG)
            #expect(ABI.ingest(fake, "{}") == SR_E_ARG)
            #expect(sr_session_close(fake) == SR_E_ARG)
            sr_policy_free(fake)
            #expect(ABI.lastError.contains("not a policy handle"))
        }
        #expect(sr_flush(nil) == SR_E_ARG)
        #expect(ABI.lastError == "sr_flush: argument: session is NULL")

        let policy = try ABI.loadPolicy(#"{"version":1}"#)
        let session = try ABI.openSession(policy)
        // Kinds do not mix.
        #expect(sr_flush(policy) == SR_E_ARG)
        var other: OpaquePointer?
        #expect(sr_session_open(session, nil, &other) == SR_E_ARG)
        // A freed policy: refused, but its sessions live on.
        sr_policy_free(policy)
        #expect(sr_session_open(policy, nil, &other) == SR_E_STATE)
        sr_policy_free(policy)
        #expect(ABI.lastError.contains("already freed"))
        #expect(sr_touch(session, 1, 0, 10, 10, 1_700_000_000_000) == SR_OK)
        // A closed session: refused everywhere, and recognised as closed.
        #expect(sr_session_close(session) == SR_OK)
        #expect(sr_touch(session, 1, 0, 10, 10, 1) == SR_E_STATE)
        #expect(ABI.lastError.contains("closed"))
        #expect(sr_session_close(session) == SR_E_STATE)
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        #expect(sr_next_batch(session, &out, &length) == SR_E_STATE)
    }

    /// The UTF-8 check reads ASCII in 64-byte blocks, the last one overlapping bytes already
    /// read: a bad byte anywhere in a long event, before, inside or after that overlap, is
    /// reported at its own offset, and valid multi-byte text anywhere is accepted.
    @Test func invalidUTF8IsFoundAtEveryOffsetOfALongEvent() throws {
        let policy = try ABI.loadPolicy(#"{"version":1}"#)
        defer { sr_policy_free(policy) }
        let session = try ABI.openSession(policy, options: #"{"version":1,"sessionId":"swift-utf8"}"#)
        defer { sr_session_close(session) }
        let head = Array(#"{"type":5,"data":{"tag":"t","payload":{"text":""#.utf8)
        let tail = Array(#""}},"timestamp":1700000000000}"#.utf8)
        let filler = 150
        for at in stride(from: 0, to: filler, by: 7) {
            var text = [UInt8](repeating: UInt8(ascii: "a"), count: filler)
            text[at] = 0xC3
            text[at + 1] = 0x28
            let bytes = head + text + tail
            #expect(ABI.ingest(session, bytes: bytes) == SR_E_JSON)
            #expect(ABI.lastErrorJSON.contains("\"offset\":\"\(head.count + at)\""), "bad byte at \(head.count + at) of \(bytes.count)")
            text[at] = 0xC3
            text[at + 1] = 0xA9
            #expect(ABI.ingest(session, bytes: head + text + tail) == SR_OK, "é at \(head.count + at)")
        }
    }

    @Test func ingestGarbageIsRefusedAndCounted() throws {
        let policy = try ABI.loadPolicy(#"{"version":1}"#)
        defer { sr_policy_free(policy) }
        let session = try ABI.openSession(policy, options: #"{"version":1,"sessionId":"swift-garbage"}"#)
        defer { sr_session_close(session) }
        var refused = 0
        func refuse(_ status: sr_status, _ want: sr_status, _ line: Int = #line) {
            #expect(status == want, "line \(line): \(ABI.lastError)")
            #expect(!ABI.lastError.isEmpty)
            refused += 1
        }
        refuse(ABI.ingest(session, ""), SR_E_JSON)
        refuse(ABI.ingest(session, "{"), SR_E_JSON)
        refuse(ABI.ingest(session, "[1,2]"), SR_E_JSON)
        refuse(ABI.ingest(session, bytes: Array(#"{"type":5,"data":{"tag":"x"#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)), SR_E_JSON)
        refuse(ABI.ingest(session, bytes: [0xF4, 0x90, 0x80, 0x80]), SR_E_JSON)
        var rng = SystemRandomNumberGenerator()
        refuse(ABI.ingest(session, bytes: (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &rng) }), SR_E_JSON)
        refuse(sr_ingest_json(session, "{}", Int(bitPattern: UInt.max)), SR_E_LIMIT)
        #expect(sr_ingest_json(session, nil, 0) == SR_E_ARG)
        #expect(sr_touch(session, 0, 7, 1, 1, 1) == SR_E_ARG)
        #expect(sr_touch(session, 0, 0, .nan, 1, 1) == SR_E_ARG)
        #expect(sr_touch(session, 0, 0, 1e300, 1, 1) == SR_E_ARG)
        #expect(sr_touch(session, 0, 0, 1, 1, .max) == SR_E_ARG)
        #expect(sr_location(session, 0, 200, 1, 1) == SR_E_ARG)
        #expect(sr_location(session, 0, 0, .infinity, 1) == SR_E_ARG)

        for line in ABI.page("still works") { #expect(ABI.ingest(session, line) == SR_OK) }
        #expect(sr_session_end(session) == SR_OK)
        let batches = try ABI.drain(session)
        #expect(!batches.isEmpty)
        let stats = try ABI.stats(session)
        #expect(stats["rejected"]?.int64Value == Int64(refused))
        #expect(stats["received"]?.int64Value == Int64(refused + 2))
        #expect(stats["sessionId"]?.stringValue == "swift-garbage")
        #expect(stats["ended"]?.boolValue == true)
        #expect(stats["version"]?.int64Value == 1)
    }

    @Test func optionsAreCheckedStrictly() throws {
        let policy = try ABI.loadPolicy(#"{"version":1}"#)
        defer { sr_policy_free(policy) }
        let refused: [(String, sr_status)] = [
            (#"{"sessionId":1}"#, SR_E_ARG), (#"{"nope":true}"#, SR_E_ARG), (#"{"version":2}"#, SR_E_ARG),
            (#"{"sessionId":".hidden"}"#, SR_E_ARG), (#"{"fixedClockMs":1.5}"#, SR_E_ARG), ("{", SR_E_JSON),
            ("[]", SR_E_ARG), (#"{"spoolDirectory":""}"#, SR_E_ARG),
        ]
        for (options, want) in refused {
            var session: OpaquePointer?
            let status = options.withCString { sr_session_open_ex(policy, $0, strlen($0), &session) }
            #expect(status == want, "\(options): \(ABI.lastError)")
            #expect(session == nil)
        }
        var session: OpaquePointer?
        #expect(sr_session_open_ex(policy, nil, 0, &session) == SR_OK)
        let id = try ABI.stats(session)["sessionId"]?.stringValue ?? ""
        #expect(id.count == 32)
        #expect(sr_session_close(session) == SR_OK)
    }

    @Test func lastErrorIsPerThread() throws {
        var policy: OpaquePointer?
        #expect(sr_policy_load("[]", 2, &policy) == SR_E_POLICY)
        let mine = ABI.lastError
        // Another thread fails differently; this thread's error stays as it was.
        let box = ResultBox()
        var thread = pthread_t()
        pthread_create(&thread, nil, { raw in
            let box = Unmanaged<ResultBox>.fromOpaque(raw!).takeUnretainedValue()
            var p: OpaquePointer?
            _ = sr_policy_load("{", 1, &p)
            box.value = String(cString: sr_last_error())
            return nil
        }, Unmanaged.passUnretained(box).toOpaque())
        pthread_join(thread, nil)
        #expect(ABI.lastError == mine)
        #expect(box.value != mine && box.value.hasPrefix("sr_policy_load"))
    }

    @Test func freeRefusesWhatItDidNotHandOut() throws {
        let foreign = malloc(8)
        sr_free(foreign)
        #expect(!ABI.lastError.isEmpty)
        free(foreign)
        let policy = try ABI.loadPolicy(#"{"version":1}"#)
        defer { sr_policy_free(policy) }
        let session = try ABI.openSession(policy)
        defer { sr_session_close(session) }
        var out: UnsafeMutablePointer<CChar>?
        #expect(sr_session_stats(session, &out, nil) == SR_OK)
        sr_free(out)
        #expect(ABI.lastError == "")
        sr_free(out)
        #expect(ABI.lastError.contains("already freed"))
    }

    @Test func uploadThroughAHostCallback() async throws {
        let policy = try ABI.loadPolicy(#"{"version":1,"upload":{"maxEvents":5}}"#)
        defer { sr_policy_free(policy) }
        let session = try ABI.openSession(policy)
        let recorder = Recorder()
        let context = Unmanaged.passRetained(recorder).toOpaque()
        let send: sr_send_fn = { context, body, length, headers, count, response in
            let recorder = Unmanaged<Recorder>.fromOpaque(context!).takeUnretainedValue()
            var key = ""
            for i in 0..<count where String(cString: headers![i].name) == "Idempotency-Key" {
                key = String(cString: headers![i].value)
            }
            let call = recorder.record(key: key, bytes: length)
            if call == 0 {
                response!.pointee.status = 429
                withUnsafeMutableBytes(of: &response!.pointee.retry_after) { raw in
                    raw[0] = UInt8(ascii: "0")
                    raw[1] = 0
                }
            } else {
                response!.pointee.status = 204
            }
        }
        let release: sr_release_fn = { context in
            Unmanaged<Recorder>.fromOpaque(context!).takeRetainedValue().released()
        }
        #expect(sr_upload_start(session, send, release, context) == SR_OK)
        #expect(sr_upload_start(session, send, release, context) == SR_E_STATE)
        for line in ABI.page("upload") { #expect(ABI.ingest(session, line) == SR_OK) }
        for i in 0..<12 {
            #expect(ABI.ingest(session, #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":\#(i)},"timestamp":\#(1_700_000_000_100 + i)}"#) == SR_OK)
        }
        #expect(sr_session_end(session) == SR_OK)
        // The sender is a task on the cooperative pool, queued behind every other test when
        // the suite runs in parallel on a small machine; the deadline only bounds a failure
        // (sr_upload_stop returns as soon as nothing is pending).
        let handle = UInt(bitPattern: session)
        #expect(await ABI.onHostThread { sr_upload_stop(OpaquePointer(bitPattern: handle), 120_000) } == SR_OK)
        let calls = recorder.snapshot()
        #expect(recorder.releaseCount == 1)
        #expect(calls.count >= 2)
        #expect(calls.count >= 2 && calls[0].key == calls[1].key && !calls[0].key.isEmpty)
        #expect(try ABI.stats(session)["upload"]?["pendingBatches"]?.int64Value == 0)
        #expect(sr_session_close(session) == SR_OK)
    }
}

final class ResultBox: @unchecked Sendable {
    var value = ""
}

final class Recorder: @unchecked Sendable {
    struct Call {
        var key: String
        var bytes: Int
    }

    private let lock = NSLock()
    private var calls: [Call] = []
    private var releases = 0

    func record(key: String, bytes: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        calls.append(Call(key: key, bytes: bytes))
        return calls.count - 1
    }

    func released() {
        lock.lock()
        releases += 1
        lock.unlock()
    }

    func snapshot() -> [Call] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }

    var releaseCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return releases
    }
}
