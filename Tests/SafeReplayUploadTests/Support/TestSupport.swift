#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel
@testable import SafeReplayUpload

/// A clock tests move by hand.
final class TestClock: UploadClock, @unchecked Sendable {
    private let lock = NSLockish()
    private var now: Int64

    /// Starts at the real time: spools a test fills may be opened by code on the system
    /// clock, which would otherwise find the batches years old and expire them.
    init(_ start: Int64 = SystemUploadClock().nowMilliseconds()) { now = start }

    func nowMilliseconds() -> Int64 { lock.locked { now } }

    func advance(seconds: Double) { lock.locked { now += Int64(seconds * 1000) } }
}

/// Records the waits it is asked for and waits only a token time, so retry tests run fast
/// and can assert the schedule.
final class RecordingSleeper: UploadSleeper, @unchecked Sendable {
    private let lock = NSLockish()
    private var delays: [Double] = []
    let realSeconds: Double

    init(realSeconds: Double = 0) { self.realSeconds = realSeconds }

    var requested: [Double] { lock.locked { delays } }

    func sleep(seconds: Double) async throws {
        lock.locked { delays.append(seconds) }
        if realSeconds > 0 { try await Task.sleep(nanoseconds: UInt64(realSeconds * 1e9)) }
        try Task.checkCancellation()
    }
}

/// A minimal pthread lock for test doubles.
final class NSLockish: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "spool") {
        var template = Array("/tmp/safereplay-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func remove() { removeTree(path) }
}

/// `rm -rf` without spawning a shell.
func removeTree(_ path: String) {
    FileIO.removeTree(path)
}

func listFiles(_ path: String) -> [String] {
    (try? FileIO.list(path)) ?? []
}

enum Events {
    /// A small incremental (mouse move) event with a recognisable id.
    static func incremental(_ n: Int, timestamp: Int64 = 1_700_000_000_000, padding: Int = 0) -> SanitizedEvent {
        let pad = String(repeating: "x", count: padding)
        let json = #"{"type":3,"data":{"source":1,"positions":[{"x":\#(n),"y":2,"id":7,"timeOffset":0}],"pad":"\#(pad)"},"timestamp":\#(timestamp)}"#
        return SanitizedEvent(timestamp: timestamp, type: 3, json: Array(json.utf8))
    }

    static func meta(timestamp: Int64 = 1_700_000_000_000) -> SanitizedEvent {
        let json = #"{"type":4,"data":{"href":"https://example.test/","width":800,"height":600},"timestamp":\#(timestamp)}"#
        return SanitizedEvent(timestamp: timestamp, type: 4, json: Array(json.utf8))
    }

    static func fullSnapshot(timestamp: Int64 = 1_700_000_000_000) -> SanitizedEvent {
        let json = #"{"type":2,"data":{"node":{"type":0,"childNodes":[],"id":1},"initialOffset":{"left":0,"top":0}},"timestamp":\#(timestamp)}"#
        return SanitizedEvent(timestamp: timestamp, type: 2, isCheckout: true, json: Array(json.utf8))
    }

    /// The `x` of an event made by ``incremental(_:timestamp:padding:)``.
    static func number(of json: some Collection<UInt8>) -> Int? {
        guard case .object(let o)? = try? JSONValue.parse(json),
              case .object(let data)? = o["data"], case .array(let positions)? = data["positions"],
              case .object(let first)? = positions.first, let x = first["x"]?.int64Value
        else { return nil }
        return Int(x)
    }
}

extension UploadConfiguration {
    /// Short waits everywhere, for tests that retry.
    static func fastRetries() -> UploadConfiguration {
        var c = UploadConfiguration()
        c.backoffBase = 0.01
        c.backoffCap = 0.05
        return c
    }
}
