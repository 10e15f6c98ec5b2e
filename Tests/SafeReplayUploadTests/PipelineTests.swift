import Dispatch
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct PipelineTests {
    @Test func memoryModeHandsOutEnvelopesInOrder() throws {
        var configuration = UploadConfiguration()
        configuration.maxEvents = 4
        let clock = TestClock()
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: nil, sessionId: "mem-1", policyHash: "sha256:p", clock: clock)
        var audit = AuditCounters()
        audit.mask("EMAIL")
        let t0 = clock.nowMilliseconds()
        for i in 0..<10 { try pipeline.append(Events.incremental(i, timestamp: t0 + Int64(i)), audit: audit) }
        try pipeline.close()
        var batches: [DecodedBatch] = []
        while let json = try pipeline.nextBatch() { batches.append(try DecodedBatch(json: json)) }
        #expect(batches.map(\.envelope.sequence) == [0, 1, 2])
        #expect(batches.map(\.envelope.eventCount) == [4, 4, 2])
        #expect(batches.flatMap { $0.events.compactMap { Events.number(of: $0) } } == Array(0..<10))
        #expect(batches[0].envelope.startTimestamp == t0)
        #expect(batches[0].envelope.endTimestamp == t0 + 3)
        #expect(batches.map { $0.envelope.audit.masked["EMAIL"] } == [4, 4, 2])
        #expect(batches.allSatisfy { $0.envelope.sessionId == "mem-1" && $0.envelope.policyHash == "sha256:p" && $0.envelope.retentionDays == 30 })
        #expect(Set(batches.map(\.envelope.batchId)).count == 3)
        #expect(try pipeline.nextBatch() == nil)
    }

    @Test func closingTwiceIsFineAppendingAfterIsNot() throws {
        let pipeline = try UploadPipeline(configuration: UploadConfiguration(), spoolDirectory: nil, sessionId: "s", policyHash: "p")
        try pipeline.append(Events.incremental(1))
        try pipeline.close()
        try pipeline.close()
        let error = #expect(throws: SafeReplayError.self) { try pipeline.append(Events.incremental(2)) }
        #expect(error?.code == .state)
        #expect(pipeline.currentStatistics.batchesClosed == 1)
    }

    @Test func badArgumentsAreRefusedUpFront() {
        for session in ["", "../etc", "a/b", "with space", ".hidden", String(repeating: "a", count: 129)] {
            let error = #expect(throws: SafeReplayError.self) {
                try UploadPipeline(configuration: UploadConfiguration(), spoolDirectory: nil, sessionId: session, policyHash: "p")
            }
            #expect(error?.code == .argument)
        }
        var bad = UploadConfiguration()
        bad.maxEvents = 0
        #expect(throws: SafeReplayError.self) { try bad.validate() }
        bad = UploadConfiguration()
        bad.maxAge = .nan
        #expect(throws: SafeReplayError.self) { try bad.validate() }
        bad = UploadConfiguration()
        bad.authHeader = AuthHeader(name: "X-Key", value: "secret\r\nInjected: 1")
        let error = #expect(throws: SafeReplayError.self) { try bad.validate() }
        #expect(error.map { !$0.description.contains("secret") } == true)
    }

    @Test func manyThreadsLoseNothingAndNumberingStaysDense() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = UploadConfiguration()
        configuration.maxEvents = 7
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: dir.path, sessionId: "threads", policyHash: "p")
        let threads = 8, perThread = 250
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread {
                try? pipeline.append(Events.incremental(t * perThread + i))
                if i % 50 == 0 { try? pipeline.flush() }
            }
        }
        try pipeline.close()
        let listing = try SpoolListing(directory: dir.path)
        var seen: [Int] = []
        for entry in listing.batches { seen += try listing.read(entry.batch).events.compactMap { Events.number(of: $0) } }
        #expect(seen.sorted() == Array(0..<(threads * perThread)))
        #expect(listing.batches.map(\.batch.sequence) == Array(0..<listing.batches.count))
        #expect(pipeline.currentStatistics.eventsBatched == threads * perThread)
    }

    @Test func theSenderLoopShipsBatchesAsTheyCloseAndOnAge() async throws {
        var configuration = UploadConfiguration.fastRetries()
        configuration.maxEvents = 3
        configuration.maxAge = 0.05
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: nil, sessionId: "loop", policyHash: "p")
        let transport = ScriptedTransport([.status(503)])
        let loop = Task { await pipeline.runSender(transport: transport) }
        for i in 0..<7 { try pipeline.append(Events.incremental(i)) }
        // The seventh event's batch closes on age without any further call.
        var waited = 0
        while transport.sent.count < 4 && waited < 500 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        try pipeline.close()
        await loop.value
        let delivered = transport.sent.dropFirst().map { try? DecodedBatch(json: Gzip.decompress($0.body)).envelope.eventCount }
        #expect(delivered == [3, 3, 1])
        #expect(pipeline.store.pending().isEmpty)
    }

    @Test func theAuthHeaderNeverReachesTheSpool() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = UploadConfiguration()
        configuration.authHeader = .bearer("top-secret-token")
        configuration.endpoint = "http://127.0.0.1:9/ingest"
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: dir.path, sessionId: "s", policyHash: "p")
        for i in 0..<20 { try pipeline.append(Events.incremental(i)) }
        try pipeline.close()
        let listing = try SpoolListing(directory: dir.path)
        for entry in listing.batches {
            let json = try listing.read(entry.batch).json
            #expect(!String(decoding: json, as: UTF8.self).contains("top-secret"))
        }
        for name in listFiles(dir.path) where name != "batches" && name != "quarantine" && name != "dead-letter" {
            let bytes = (try? FileIO.read(dir.path + "/" + name, limit: 1 << 20)) ?? []
            #expect(!String(decoding: bytes, as: UTF8.self).contains("top-secret"))
        }
    }
}
