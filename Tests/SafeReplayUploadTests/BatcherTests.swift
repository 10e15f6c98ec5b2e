import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct BatcherTests {
    let t0: Int64 = 1_700_000_000_000

    /// The batch's events, read back through an envelope.
    func events(_ batch: ClosedBatch) throws -> [ArraySlice<UInt8>] {
        let envelope = BatchEnvelope(
            batchId: BatchID.random(), sessionId: "s", sequence: 0, policyHash: "p", sdkVersion: "v", retentionDays: 1,
            startTimestamp: 0, endTimestamp: 0, eventCount: batch.eventCount
        )
        return try DecodedBatch(json: envelope.encoded(eventsJSON: batch.eventsJSON)).events
    }

    func numbers(_ batch: ClosedBatch) throws -> [Int] {
        try events(batch).compactMap { Events.number(of: $0) }
    }

    @Test func closesAtMaxEvents() throws {
        var batcher = Batcher(maxEvents: 3, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        for i in 0..<7 { batcher.append(Events.incremental(i), now: t0, into: &closed) }
        #expect(closed.map(\.eventCount) == [3, 3])
        #expect(closed.allSatisfy { $0.reason == .maxEvents })
        #expect(try closed.flatMap(numbers) == [0, 1, 2, 3, 4, 5])
        batcher.finish(now: t0, into: &closed)
        #expect(try numbers(closed[2]) == [6])
        #expect(closed[2].reason == .sessionEnd)
    }

    @Test func closesBeforeMaxBytesAndNeverSplitsAnEvent() throws {
        let size = Events.incremental(0, padding: 100).json.count
        // Room for exactly two events and their separator.
        var batcher = Batcher(maxEvents: 100, maxBytes: 2 * size + 1, maxAge: 5)
        var closed: [ClosedBatch] = []
        for i in 0..<5 { batcher.append(Events.incremental(i, padding: 100), now: t0, into: &closed) }
        batcher.finish(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [2, 2, 1])
        #expect(closed.prefix(2).allSatisfy { $0.reason == .maxBytes && $0.eventsJSON.count == 2 * size + 1 })
        #expect(try closed.flatMap(numbers) == [0, 1, 2, 3, 4])
    }

    @Test func dropsAndCountsAnEventLargerThanTheLimit() throws {
        var batcher = Batcher(maxEvents: 100, maxBytes: 300, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.append(Events.incremental(2, padding: 500), now: t0, into: &closed)
        batcher.append(Events.incremental(3), now: t0, into: &closed)
        batcher.finish(now: t0, into: &closed)
        #expect(closed.count == 1)
        #expect(try numbers(closed[0]) == [1, 3])
        #expect(closed[0].audit.dropped == [Batcher.oversizeReason: 1])
    }

    @Test func closesAtMaxAgeOnTheInjectedClock() {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.tick(now: t0 + 4_999, into: &closed)
        #expect(closed.isEmpty)
        #expect(batcher.millisecondsUntilDue(now: t0 + 4_000) == 1_000)
        batcher.tick(now: t0 + 5_000, into: &closed)
        #expect(closed.map(\.reason) == [.maxAge])
        // An event arriving late closes the old batch first and opens a new one.
        batcher.append(Events.incremental(2), now: t0 + 6_000, into: &closed)
        batcher.append(Events.incremental(3), now: t0 + 11_000, into: &closed)
        #expect(closed.map(\.eventCount) == [1, 1])
        #expect(batcher.openEventCount == 1)
    }

    @Test func aCheckoutStartsANewBatchWithItsMeta() throws {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.meta(), now: t0, into: &closed)
        batcher.append(Events.fullSnapshot(), now: t0, into: &closed)
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.append(Events.meta(), now: t0, into: &closed)
        #expect(closed.isEmpty)  // the Meta waits to see what follows
        batcher.append(Events.fullSnapshot(), now: t0, into: &closed)
        #expect(closed.count == 1)
        #expect(closed[0].reason == .checkout)
        #expect(closed[0].eventCount == 3)
        batcher.finish(now: t0, into: &closed)
        let types = try events(closed[1]).compactMap { try? JSONValue.parse($0)["type"]?.int64Value }
        #expect(types == [4, 2])
    }

    @Test func aMetaWithoutACheckoutStaysInTheCurrentBatch() {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.append(Events.meta(), now: t0, into: &closed)
        batcher.append(Events.incremental(2), now: t0, into: &closed)
        batcher.finish(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [3])
    }

    @Test func aCheckoutWithoutMetaAlsoStartsABatch() {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.append(Events.fullSnapshot(), now: t0, into: &closed)
        batcher.finish(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [1, 1])
        #expect(closed.map(\.reason) == [.checkout, .sessionEnd])
    }

    @Test func flushClosesButKeepsAHeldMetaForItsSnapshot() {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.incremental(1), now: t0, into: &closed)
        batcher.append(Events.meta(), now: t0, into: &closed)
        batcher.flush(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [1])
        #expect(closed[0].reason == .flush)
        batcher.flush(now: t0, into: &closed)
        #expect(closed.count == 1)  // nothing open: nothing to close
        batcher.append(Events.fullSnapshot(), now: t0, into: &closed)
        batcher.finish(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [1, 2])
    }

    @Test func sessionEndReleasesAHeldMeta() {
        var batcher = Batcher(maxEvents: 100, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        batcher.append(Events.meta(), now: t0, into: &closed)
        batcher.finish(now: t0, into: &closed)
        #expect(closed.map(\.eventCount) == [1])
    }

    @Test func countsRideInTheBatchAndAloneOnlyAtFlushOrEnd() {
        var batcher = Batcher(maxEvents: 2, maxBytes: 1_000_000, maxAge: 5)
        var closed: [ClosedBatch] = []
        var audit = AuditCounters()
        audit.block("rule:payment")
        let alert = DriftAlert(kind: .route, subject: "/new/:id", appliedLevel: "high")
        batcher.record(audit: audit, drift: [alert], now: t0)
        batcher.append(Events.incremental(1), audit: audit, drift: [alert], now: t0, into: &closed)
        batcher.append(Events.incremental(2), now: t0, into: &closed)
        #expect(closed.count == 1)
        #expect(closed[0].audit.blocked == ["rule:payment": 2])
        #expect(closed[0].drift == [alert])  // de-duplicated within a batch
        batcher.record(audit: audit, drift: [], now: t0 + 10_000)
        batcher.tick(now: t0 + 20_000, into: &closed)
        #expect(closed.count == 1)  // counts alone do not close for age
        batcher.flush(now: t0 + 20_000, into: &closed)
        #expect(closed.count == 2)
        #expect(closed[1].eventCount == 0)
        #expect(closed[1].startTimestamp == nil)
        #expect(closed[1].audit.blocked == ["rule:payment": 1])
    }
}
