import SafeReplayModel
import Testing
@testable import SafeReplayUpload

/// A transport that answers from a script and remembers what it was sent.
final class ScriptedTransport: BatchTransport, @unchecked Sendable {
    enum Step { case status(Int, retryAfter: Double? = nil), fail }
    struct Sent { var body: [UInt8]; var headers: [(String, String)] }

    private let lock = NSLockish()
    private var script: [Step]
    private var log: [Sent] = []

    init(_ script: [Step]) { self.script = script }

    var sent: [Sent] { lock.locked { log } }

    func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse {
        let step = lock.locked { () -> Step in
            log.append(Sent(body: body, headers: headers))
            return script.isEmpty ? .status(200) : script.removeFirst()
        }
        switch step {
        case .status(let code, let retryAfter): return TransportResponse(status: code, retryAfter: retryAfter)
        case .fail: throw SafeReplayError(.io, "connection refused")
        }
    }
}

@Suite struct SenderTests {
    func pipeline(batches: Int, configuration: UploadConfiguration = .fastRetries()) throws -> UploadPipeline {
        var configuration = configuration
        configuration.maxEvents = 2
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: nil, sessionId: "s", policyHash: "p", clock: TestClock())
        for i in 0..<(batches * 2) { try pipeline.append(Events.incremental(i)) }
        return pipeline
    }

    @Test func sendsInOrderWithTheContractHeaders() async throws {
        var configuration = UploadConfiguration.fastRetries()
        configuration.authHeader = .bearer("token-123")
        let pipeline = try pipeline(batches: 3, configuration: configuration)
        let ids = pipeline.store.pending().map(\.batchId)
        let transport = ScriptedTransport([])
        let report = await pipeline.makeSender(transport: transport, sleeper: RecordingSleeper()).drain()
        #expect(report.sent.map(\.batchId) == ids)
        #expect(report.remaining == 0)
        #expect(transport.sent.count == 3)
        for (sent, id) in zip(transport.sent, ids) {
            let headers = Dictionary(uniqueKeysWithValues: sent.headers)
            #expect(headers["Content-Type"] == "application/json")
            #expect(headers["Content-Encoding"] == "gzip")
            #expect(headers["Idempotency-Key"] == id)
            #expect(headers["Authorization"] == "Bearer token-123")
            #expect(try DecodedBatch(json: Gzip.decompress(sent.body)).envelope.batchId == id)
        }
    }

    @Test func retriesTransientFailuresWithBackoffOnTheSameBatch() async throws {
        let pipeline = try pipeline(batches: 2)
        let ids = pipeline.store.pending().map(\.batchId)
        let transport = ScriptedTransport([.fail, .status(500), .status(503), .status(408), .status(429), .fail])
        let sleeper = RecordingSleeper()
        let sender = pipeline.makeSender(transport: transport, sleeper: sleeper, random: { 0.999_999 })
        let report = await sender.drain()
        #expect(report.sent.map(\.batchId) == ids)
        #expect(transport.sent.count == 8)
        // The first batch was tried seven times before the second was touched.
        let keys = transport.sent.map { Dictionary(uniqueKeysWithValues: $0.headers)["Idempotency-Key"] }
        #expect(keys == Array(repeating: ids[0], count: 7) + [ids[1]])
        // Full jitter with the draw near 1: each wait is close to the doubling ceiling, capped.
        let ceilings = [0.01, 0.02, 0.04, 0.05, 0.05, 0.05]
        #expect(sleeper.requested.count == 6)
        for (wait, ceiling) in zip(sleeper.requested, ceilings) {
            #expect(wait <= ceiling && wait > ceiling * 0.99)
        }
    }

    @Test func honoursRetryAfterUpToItsCap() async throws {
        var configuration = UploadConfiguration.fastRetries()
        configuration.retryAfterCap = 60
        let pipeline = try pipeline(batches: 1, configuration: configuration)
        let transport = ScriptedTransport([.status(429, retryAfter: 7), .status(503, retryAfter: 3_600), .status(200)])
        let sleeper = RecordingSleeper()
        let report = await pipeline.makeSender(transport: transport, sleeper: sleeper).drain()
        #expect(report.sent.count == 1)
        #expect(sleeper.requested == [7, 60])
    }

    @Test func permanentRefusalsAreDeadLetteredAndTheRestStillGoes() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ids = try SpoolTests.fill(dir.path, batches: 4, configuration: .fastRetries())
        let spool = try Spool(directory: dir.path, configuration: .fastRetries(), clock: TestClock())
        let transport = ScriptedTransport([.status(400), .status(200), .status(413), .status(200)])
        let sender = Sender(store: spool, transport: transport, configuration: .fastRetries(), sleeper: RecordingSleeper())
        let report = await sender.drain()
        #expect(report.deadLettered.map(\.batch.batchId) == [ids[0], ids[2]])
        #expect(report.deadLettered.map(\.reason) == ["HTTP 400", "HTTP 413"])
        #expect(report.sent.map(\.batchId) == [ids[1], ids[3]])
        #expect(spool.pending().isEmpty)
        #expect(listFiles(dir.path + "/dead-letter").count == 4)  // two batches, two reasons
        #expect(transport.sent.count == 4)  // no retries of a refusal
    }

    @Test func stopsAtTheAttemptLimitAndKeepsTheBatch() async throws {
        let pipeline = try pipeline(batches: 2)
        let transport = ScriptedTransport(Array(repeating: .status(500), count: 3))
        let sender = pipeline.makeSender(transport: transport, sleeper: RecordingSleeper())
        let report = await sender.drain(limits: .init(maxAttemptsPerBatch: 3))
        #expect(report.stoppedEarly)
        #expect(report.sent.isEmpty)
        #expect(report.remaining == 2)
        #expect(report.lastError == "HTTP 500")
        // Released: the next drain picks the same batch up again.
        let again = await sender.drain()
        #expect(again.sent.count == 2)
    }

    @Test func cancellationStopsWaitingAndKeepsTheBatch() async throws {
        let pipeline = try pipeline(batches: 1)
        let transport = ScriptedTransport(Array(repeating: .fail, count: 1_000))
        let sender = pipeline.makeSender(transport: transport, sleeper: RecordingSleeper(realSeconds: 0.01))
        let task = Task { await sender.drain() }
        try await Task.sleep(nanoseconds: 50_000_000)
        task.cancel()
        let report = await task.value
        #expect(report.sent.isEmpty)
        #expect(report.remaining == 1)
        #expect(pipeline.store.checkOut() != nil)
    }

    @Test func decisionsForEveryKindOfAnswer() {
        let backoff = Backoff(base: 1, cap: 300, random: { 0.5 })
        func decide(_ status: Int?, retryAfter: Double? = nil, attempt: Int = 0) -> SendDecision {
            SendDecision.decide(response: status.map { TransportResponse(status: $0, retryAfter: retryAfter) }, attempt: attempt, backoff: backoff, retryAfterCap: 100)
        }
        for status in [200, 201, 202, 204] { #expect(decide(status) == .acknowledged) }
        for status in [400, 401, 403, 404, 409, 410, 413, 415, 422] { #expect(decide(status) == .deadLetter(reason: "HTTP \(status)")) }
        for status in [nil, 408, 429, 500, 502, 503, 504, 301, 100] { #expect(decide(status, attempt: 3) == .retry(delay: 4)) }
        #expect(decide(429, retryAfter: 12) == .retry(delay: 12))
        #expect(decide(503, retryAfter: 1_000) == .retry(delay: 100))
        #expect(decide(400, retryAfter: 5) == .deadLetter(reason: "HTTP 400"))
    }

    @Test func backoffDoublesUpToTheCap() {
        let backoff = Backoff(base: 1, cap: 300)
        #expect((0..<12).map(backoff.ceiling) == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
        #expect(backoff.ceiling(attempt: 10_000) == 300)
        for attempt in 0..<20 {
            let d = backoff.delay(attempt: attempt)
            #expect(d >= 0 && d < backoff.ceiling(attempt: attempt))
        }
    }

    @Test func readsRetryAfterInBothForms() {
        let now: Int64 = 784_111_777_000  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds(from: "120", now: now) == 120)
        #expect(RetryAfter.seconds(from: " 0 ", now: now) == 0)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:51:37 GMT", now: now) == 120)
        #expect(RetryAfter.seconds(from: "Sunday, 06-Nov-94 08:50:37 GMT", now: now) == 60)
        #expect(RetryAfter.seconds(from: "Sun Nov  6 08:49:47 1994", now: now) == 10)
        #expect(RetryAfter.seconds(from: "Sat, 05 Nov 1994 08:49:37 GMT", now: now) == 0)
        for junk in ["", "soon", "-5", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT"] {
            #expect(RetryAfter.seconds(from: junk, now: now) == nil)
        }
    }
}
