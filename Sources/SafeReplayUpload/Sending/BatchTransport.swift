/// Sends one compressed batch somewhere and says what the other side answered.
///
/// ``HTTPBatchTransport`` (module SafeReplayHTTP) posts over AsyncHTTPClient; a host with
/// its own HTTP stack wraps a callback in this protocol (the C ABI does). A transport
/// throws for anything that is not an HTTP answer (refused, reset, timed out): the sender
/// retries those. It must not retry by itself; the sender owns retries and ordering.
public protocol BatchTransport: Sendable {
    func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse
}

/// The answer to one send.
public struct TransportResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The server's `Retry-After`, in seconds from now, when it sent one.
    public var retryAfter: Double?

    public init(status: Int, retryAfter: Double? = nil) {
        self.status = status
        self.retryAfter = retryAfter
    }
}
