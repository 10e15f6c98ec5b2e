#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import Foundation
import SafeReplayABI
import SafeReplayModel

/// Helpers for calling the C ABI from Swift the way a C host would.
enum ABI {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var lastError: String { String(cString: sr_last_error()) }
    static var lastErrorJSON: String { String(cString: sr_last_error_json()) }

    static func loadPolicy(_ json: String) throws -> OpaquePointer {
        var policy: OpaquePointer?
        let status = json.withCString { sr_policy_load($0, strlen($0), &policy) }
        guard status == SR_OK, let policy else { throw ABIError(status: status, message: lastError) }
        return policy
    }

    static func openSession(_ policy: OpaquePointer?, options: String? = nil) throws -> OpaquePointer {
        var session: OpaquePointer?
        let status: sr_status
        if let options {
            status = options.withCString { sr_session_open_ex(policy, $0, strlen($0), &session) }
        } else {
            status = sr_session_open(policy, nil, &session)
        }
        guard status == SR_OK, let session else { throw ABIError(status: status, message: lastError) }
        return session
    }

    /// Runs a blocking call on a thread of its own, as a host would make it, and awaits it.
    /// A test blocking in a call that waits for the core's own tasks (`sr_upload_stop`)
    /// must not do so on a thread of the cooperative pool: `swift test --parallel` runs
    /// tests there, and on a machine with few cores the waiting tests would starve the
    /// very tasks they wait for.
    static func onHostThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    static func ingest(_ session: OpaquePointer?, _ json: String) -> sr_status {
        json.withCString { sr_ingest_json(session, $0, strlen($0)) }
    }

    static func ingest(_ session: OpaquePointer?, bytes: [UInt8]) -> sr_status {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { sr_ingest_json(session, $0.baseAddress, $0.count) }
        }
    }

    /// Every waiting batch, as envelope bytes.
    static func drain(_ session: OpaquePointer?) throws -> [[UInt8]] {
        var batches: [[UInt8]] = []
        while true {
            var out: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = sr_next_batch(session, &out, &length)
            guard status == SR_OK else { throw ABIError(status: status, message: lastError) }
            guard let out else { break }
            batches.append(Array(UnsafeBufferPointer(start: out, count: length)))
            sr_free(out)
        }
        return batches
    }

    static func stats(_ session: OpaquePointer?) throws -> JSONValue {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = sr_session_stats(session, &out, &length)
        guard status == SR_OK, let out else { throw ABIError(status: status, message: lastError) }
        defer { sr_free(out) }
        return try JSONValue.parse(UnsafeRawBufferPointer(start: out, count: length))
    }

    /// An envelope's events as raw JSON text (between `"events":[` and the final `]}`).
    static func eventsSlice(_ envelope: [UInt8]) -> ArraySlice<UInt8>? {
        let key = Array(#""events":["#.utf8)
        guard envelope.count >= key.count + 2, envelope.suffix(2) == [UInt8(ascii: "]"), UInt8(ascii: "}")] else { return nil }
        guard let start = (0...(envelope.count - key.count)).first(where: { envelope[$0..<$0 + key.count].elementsEqual(key) }) else {
            return nil
        }
        return envelope[(start + key.count)..<(envelope.count - 2)]
    }

    /// A minimal web page: Meta and a FullSnapshot with one text node.
    static func page(_ text: String, at t: Int64 = 1_700_000_000_000) -> [String] {
        [
            #"{"type":4,"data":{"href":"https://shop.example/","width":800,"height":600},"timestamp":\#(t)}"#,
            #"{"type":2,"data":{"node":{"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[{"type":2,"id":3,"tagName":"body","attributes":{},"childNodes":[{"type":3,"id":4,"textContent":"\#(text)"}]}]}]},"initialOffset":{"top":0,"left":0}},"timestamp":\#(t + 1)}"#,
        ]
    }
}

struct ABIError: Error, CustomStringConvertible {
    var status: sr_status
    var message: String
    var description: String { "\(String(cString: sr_status_name(status))): \(message)" }
}
