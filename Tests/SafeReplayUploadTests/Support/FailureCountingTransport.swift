@testable import SafeReplayUpload

/// Forwards to a transport and counts the sends that threw.
final class FailureCountingTransport: BatchTransport, @unchecked Sendable {
    private let inner: any BatchTransport
    private let lock = NSLockish()
    private var failed = 0

    init(_ inner: any BatchTransport) { self.inner = inner }

    var failures: Int { lock.locked { failed } }

    func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse {
        do {
            return try await inner.send(body: body, headers: headers)
        } catch {
            lock.locked { failed += 1 }
            throw error
        }
    }
}
