import AsyncHTTPClient
import Foundation
import NIOCore
public import SafeReplayModel
public import SafeReplayUpload

/// Posts batches over AsyncHTTPClient: the sender's default transport.
///
/// AsyncHTTPClient rather than URLSession: on Linux URLSession comes from
/// FoundationNetworking, a libcurl wrapper with its own thread and its own idea of
/// timeouts; AsyncHTTPClient is SwiftNIO all the way down (the same event loops as the
/// test server), has separate connect and read timeouts, a per-request deadline, pooled
/// keep-alive connections and no redirects unless asked. See docs/envelope.md.
///
/// One request at a time is what the sender makes; the transport itself does not retry.
/// Call ``shutdown()`` before dropping it.
public final class HTTPBatchTransport: BatchTransport {
    public struct Timeouts: Sendable {
        /// Establishing the TCP (and TLS) connection.
        public var connect: Double = 10
        /// Silence while waiting for the next bytes of the answer.
        public var read: Double = 30
        /// The whole request, body upload included.
        public var request: Double = 120

        public init(connect: Double = 10, read: Double = 30, request: Double = 120) {
            self.connect = connect
            self.read = read
            self.request = request
        }
    }

    public let endpoint: String
    public let timeouts: Timeouts
    private let client: HTTPClient

    /// - Throws: `.argument` when `endpoint` is not an absolute http(s) URL with a host.
    public init(endpoint: String, timeouts: Timeouts = Timeouts()) throws(SafeReplayError) {
        try Self.validate(endpoint: endpoint)
        guard timeouts.connect > 0, timeouts.read > 0, timeouts.request > 0 else {
            throw SafeReplayError(.argument, "timeouts must be positive", context: ["field": "timeouts"])
        }
        self.endpoint = endpoint
        self.timeouts = timeouts
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.amount(timeouts.connect), read: Self.amount(timeouts.read))
        )
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Checks that `endpoint` is an absolute http(s) URL with a host.
    public static func validate(endpoint: String) throws(SafeReplayError) {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else {
            throw SafeReplayError(.argument, "endpoint must be an absolute http:// or https:// URL", context: ["field": "endpoint"])
        }
    }

    public func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: Self.amount(timeouts.request))
            // Read (and discard) the answer so the connection can be reused; a chatty
            // server cannot make us hold more than a little of it.
            var remaining = 64 << 10
            for try await chunk in response.body {
                remaining -= chunk.readableBytes
                if remaining < 0 { break }
            }
        } catch {
            // Only the error's kind: its description may repeat the URL, which can carry
            // a key in its query.
            throw SafeReplayError(.io, "batch upload failed", context: ["error": String(describing: type(of: error)) + "." + Self.shortName(error)])
        }
        let retryAfter = response.headers.first(name: "Retry-After").flatMap {
            RetryAfter.seconds(from: $0, now: SystemUploadClock().nowMilliseconds())
        }
        return TransportResponse(status: Int(response.status.code), retryAfter: retryAfter)
    }

    /// Closes the client's connections. Required before the transport goes away.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(min(seconds, 86_400) * 1e9))
    }

    /// `HTTPClientError.readTimeout` → `readTimeout`; other errors by their first word.
    static func shortName(_ error: any Error) -> String {
        let text = String(describing: error)
        let cut = text.firstIndex(where: { $0 == "(" || $0 == ":" || $0 == " " }) ?? text.endIndex
        return String(text[..<cut].split(separator: ".").last ?? Substring(text[..<cut]))
    }
}
