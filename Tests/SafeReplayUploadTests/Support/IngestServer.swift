import NIOCore
import NIOHTTP1
import NIOPosix
import SafeReplayModel
@testable import SafeReplayUpload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP ingest server on 127.0.0.1 for the upload tests.
///
/// It checks what the contract promises (`Content-Encoding: gzip`, an `Idempotency-Key`
/// equal to the envelope's `batchId`, a valid envelope), stores batches de-duplicated by
/// batch id, and injects faults on demand: a status, a status with `Retry-After`, a slow
/// answer, a connection reset in the middle of the body. Stopping it makes connections
/// be refused; starting it again reuses the port.
final class IngestServer: @unchecked Sendable {
    enum Fault: Sendable {
        case status(Int)
        case retryAfter(status: Int, value: String)
        /// Stores the batch, then answers after `seconds` (past a client's read timeout).
        case slow(seconds: Double)
        case resetMidBody
    }

    struct Snapshot {
        var batches: [String: DecodedBatch]
        /// Batch ids in the order first received.
        var order: [String]
        var requests: Int
        var duplicates: Int
        /// Protocol violations the server saw (a missing header, a key that does not match).
        var violations: [String]
    }

    private let lock = NSLockish()
    private var state = Snapshot(batches: [:], order: [], requests: 0, duplicates: 0, violations: [])
    private var faults: [Fault] = []
    private var every: Fault?
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private(set) var port = 0

    var url: String { "http://127.0.0.1:\(port)/ingest" }
    var snapshot: Snapshot { lock.locked { state } }

    /// Faults for the next requests, one each, in order.
    func inject(_ next: Fault...) { lock.locked { faults += next } }
    /// Forgets violations a test provoked on purpose.
    func resetViolations() { lock.locked { state.violations = [] } }

    /// A fault for every request from now on (`nil` to stop).
    func injectAlways(_ fault: Fault?) { lock.locked { every = fault } }

    func start() async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(IngestHandler(server: self))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    /// Stops listening: new connections are refused until ``start()``.
    func stop() async throws {
        try await channel?.close().get()
        channel = nil
    }

    func shutdown() async throws {
        try await stop()
        try await group.shutdownGracefully()
    }

    fileprivate func nextFault() -> Fault? {
        lock.locked {
            state.requests += 1
            return faults.isEmpty ? every : faults.removeFirst()
        }
    }

    /// Checks and stores one request; returns the status to answer.
    fileprivate func accept(headers: HTTPHeaders, body: [UInt8]) -> Int {
        guard headers.first(name: "Content-Encoding") == "gzip" else { return violation("no Content-Encoding: gzip", 415) }
        guard headers.first(name: "Content-Type") == "application/json" else { return violation("no Content-Type: application/json", 415) }
        guard let key = headers.first(name: "Idempotency-Key") else { return violation("no Idempotency-Key", 400) }
        guard let json = try? Gzip.decompress(body), let batch = try? DecodedBatch(json: json) else {
            return violation("body is not a gzip envelope", 400)
        }
        guard batch.envelope.batchId == key else { return violation("Idempotency-Key differs from batchId", 400) }
        lock.locked {
            if state.batches[key] != nil {
                state.duplicates += 1
            } else {
                state.batches[key] = batch
                state.order.append(key)
            }
        }
        return 200
    }

    private func violation(_ what: String, _ status: Int) -> Int {
        lock.locked { state.violations.append(what) }
        return status
    }
}

private final class IngestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: IngestServer
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var fault: IngestServer.Fault?

    init(server: IngestServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            fault = server.nextFault()
        case .body(let buffer):
            if case .resetMidBody = fault {
                reset(context)
                return
            }
            body += buffer.readableBytesView
        case .end:
            guard let head else { return }
            if case .resetMidBody = fault { return reset(context) }
            switch fault {
            case .status(let code):
                respond(context, head, status: code)
            case .retryAfter(let code, let value):
                respond(context, head, status: code, extra: [("Retry-After", value)])
            case .slow(let seconds):
                let status = server.accept(headers: head.headers, body: body)
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                    let (handler, context) = bound.value
                    handler.respond(context, head, status: status)
                }
            case .resetMidBody, nil:
                respond(context, head, status: server.accept(headers: head.headers, body: body))
            }
        }
    }

    private func reset(_ context: ChannelHandlerContext) {
        // SO_LINGER 0 turns the close into a TCP RST, as a crashed proxy would send.
        if let provider = context.channel as? any SocketOptionProvider {
            _ = provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
        }
        context.close(promise: nil)
    }

    private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, status: Int, extra: [(String, String)] = []) {
        var headers = HTTPHeaders([("Content-Length", "0")])
        for (name, value) in extra { headers.add(name: name, value: value) }
        let response = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
