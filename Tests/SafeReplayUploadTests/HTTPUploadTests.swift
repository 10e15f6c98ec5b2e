#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayHTTP
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

/// The sender, the real HTTP transport and the spool against a real server on loopback.
@Suite(.serialized) struct HTTPUploadTests {
    func withServer(_ body: (IngestServer) async throws -> Void) async throws {
        let server = IngestServer()
        try await server.start()
        do {
            try await body(server)
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
        #expect(server.snapshot.violations.isEmpty)
    }

    func transport(_ server: IngestServer, read: Double = 5) throws -> HTTPBatchTransport {
        try HTTPBatchTransport(endpoint: server.url, timeouts: .init(connect: 0.3, read: read, request: 10))
    }

    func drain(_ spool: Spool, _ transport: HTTPBatchTransport, sleeper: any UploadSleeper = TaskSleeper(), limits: Sender.Limits = .none) async -> SendReport {
        let sender = Sender(store: spool, transport: transport, configuration: .fastRetries(), sleeper: sleeper)
        let report = await sender.drain(limits: limits)
        try? await transport.shutdown()
        return report
    }

    @Test func everyBatchArrivesOnceAfterTheServerWasDown() async throws {
        try await withServer { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let ids = try SpoolTests.fill(dir.path, batches: 6, configuration: .fastRetries())
            try await server.stop()  // connections refused from here on
            let spool = try Spool(directory: dir.path, configuration: .fastRetries())
            let http = try transport(server)
            let counted = FailureCountingTransport(http)
            let upload = Task {
                let sender = Sender(store: spool, transport: counted, configuration: .fastRetries())
                let report = await sender.drain(limits: .none)
                try? await http.shutdown()
                return report
            }
            // The server stays down until the sender has seen a send fail (AsyncHTTPClient's
            // pool retries a refused connect until the connect timeout, 0.3 s). A fixed wait
            // was not enough on a loaded machine: the first send could start after it.
            for _ in 0..<600 where counted.failures == 0 {
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            #expect(counted.failures > 0)
            try await server.start()
            let report = await upload.value
            #expect(report.transportErrors > 0)
            #expect(report.sent.map(\.batchId) == ids)
            #expect(server.snapshot.order == ids)
            #expect(spool.pending().isEmpty)
            #expect(listFiles(dir.path + "/batches").isEmpty)
        }
    }

    @Test func everyFaultIsRetriedAndDeduplicated() async throws {
        try await withServer { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let ids = try SpoolTests.fill(dir.path, batches: 5, configuration: .fastRetries())
            server.inject(
                .status(500),
                .retryAfter(status: 429, value: "2"),
                .slow(seconds: 1.5),  // stored, but the answer comes after the read timeout
                .resetMidBody,
                .status(503),
                .retryAfter(status: 503, value: Self.httpDate(secondsFromNow: 30)),
                .status(408)
            )
            let spool = try Spool(directory: dir.path, configuration: .fastRetries())
            let sleeper = RecordingSleeper(realSeconds: 0.005)
            let report = await drain(spool, try transport(server, read: 0.3), sleeper: sleeper)
            let seen = server.snapshot
            #expect(Set(seen.order) == Set(ids))
            #expect(seen.order.count == ids.count)
            #expect(seen.duplicates >= 1)  // the slow answer was lost to the timeout, the batch sent again
            #expect(report.sent.map(\.batchId) == ids)
            #expect(report.transportErrors >= 2)  // the timeout and the reset
            // Retry-After was obeyed in both forms rather than the millisecond backoff.
            #expect(sleeper.requested.contains(2))
            #expect(sleeper.requested.contains { $0 > 25 && $0 <= 30 })
        }
    }

    @Test func aRefusedBatchIsDeadLetteredAndTheRestDelivered() async throws {
        try await withServer { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let ids = try SpoolTests.fill(dir.path, batches: 4, configuration: .fastRetries())
            server.inject(.status(200), .status(422))
            let spool = try Spool(directory: dir.path, configuration: .fastRetries())
            let report = await drain(spool, try transport(server))
            #expect(report.deadLettered.map(\.batch.batchId) == [ids[1]])
            #expect(server.snapshot.order == [ids[2], ids[3]])  // the 200 fault stored nothing
            let listing = try SpoolListing(directory: dir.path)
            #expect(listing.batches.isEmpty)
            #expect(listing.deadLettered.count == 1)
            #expect(listing.deadLettered.first?.reason == "HTTP 422")
        }
    }

    @Test func aCappedSpoolSendsTheNewestAndReportsExactlyWhatWasDropped() async throws {
        try await withServer { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            var configuration = UploadConfiguration.fastRetries()
            configuration.maxBytes = 2_000
            configuration.spoolByteCap = 2_000
            // Offline: 30 batches of 5 events into a spool that holds a few.
            let ids = try SpoolTests.fill(dir.path, batches: 30, eventsEach: 5, configuration: configuration)
            let spool = try Spool(directory: dir.path, configuration: configuration)
            let kept = spool.pending()
            #expect(kept.count < 30 && kept.count > 0)
            #expect(kept.map(\.batchId) == Array(ids.suffix(kept.count)))
            let owed = spool.pendingLosses  // losses after the last batch was written
            let report = await drain(spool, try transport(server))
            #expect(report.sent.count == kept.count)
            var reported = UploadLosses()
            for batch in server.snapshot.batches.values { reported.merge(batch.envelope.losses) }
            reported.merge(owed)
            #expect(reported.spoolCapBatches == 30 - kept.count)
            #expect(reported.spoolCapEvents == (30 - kept.count) * 5)
            #expect(Set(server.snapshot.order) == Set(kept.map(\.batchId)))
        }
    }

    @Test func aTruncatedFileIsQuarantinedReportedAndTheRestSent() async throws {
        try await withServer { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let ids = try SpoolTests.fill(dir.path, batches: 5, configuration: .fastRetries())
            let victim = listFiles(dir.path + "/batches")[2]
            #expect(truncate(dir.path + "/batches/" + victim, 40) == 0)

            let pipeline = try UploadPipeline(configuration: .fastRetries(), spoolDirectory: dir.path, sessionId: "session-1",
                                              policyHash: "sha256:test", firstSequence: 5)
            let spool = try #require(pipeline.store as? Spool)
            #expect(spool.recovery.quarantined.map(\.name) == [victim])
            let report = await drain(spool, try transport(server))
            #expect(report.sent.map(\.batchId) == [ids[0], ids[1], ids[3], ids[4]])
            // The next envelope tells the server a file was lost.
            try pipeline.append(Events.incremental(99))
            try pipeline.close()
            let last = try #require(pipeline.store.pending().first)
            _ = await drain(spool, try transport(server))
            let delivered = try #require(server.snapshot.batches[last.batchId])
            #expect(delivered.envelope.losses.quarantinedFiles == 1)
            #expect(delivered.envelope.sequence == 5)
            #expect(listFiles(dir.path + "/quarantine").contains(victim))
        }
    }

    @Test func theTransportReportsStatusAndRetryAfter() async throws {
        try await withServer { server in
            server.inject(.retryAfter(status: 429, value: "17"))
            let transport = try transport(server)
            let response = try await transport.send(body: [1, 2, 3], headers: [("Content-Type", "application/json")])
            #expect(response == TransportResponse(status: 429, retryAfter: 17))
            // Not gzip: the server refuses and says why.
            let refused = try await transport.send(body: [1, 2, 3], headers: [("Content-Type", "application/json")])
            #expect(refused.status == 415)
            try await transport.shutdown()
            #expect(server.snapshot.violations == ["no Content-Encoding: gzip"])
            server.resetViolations()
        }
    }

    @Test func badEndpointsAreRefusedUpFront() {
        for endpoint in ["", "ftp://host/x", "not a url", "http://", "/relative/path"] {
            #expect(throws: SafeReplayError.self) { try HTTPBatchTransport(endpoint: endpoint) }
        }
    }

    static func httpDate(secondsFromNow: Int) -> String {
        var t = time(nil) + secondsFromNow
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

