#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct SpoolTests {
    /// Files `count` batches of `eventsEach` events through a pipeline on `directory` and
    /// returns their batch ids in order.
    @discardableResult
    static func fill(_ directory: String, batches count: Int, eventsEach: Int = 5, configuration: UploadConfiguration = UploadConfiguration(),
                     clock: TestClock = TestClock(), session: String = "session-1", firstSequence: Int = 0) throws -> [String] {
        var configuration = configuration
        configuration.maxEvents = eventsEach
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: directory, sessionId: session,
                                          policyHash: "sha256:test", firstSequence: firstSequence, clock: clock)
        let before = Set(pipeline.store.pending().map(\.batchId))
        for i in 0..<(count * eventsEach) {
            try pipeline.append(Events.incremental(firstSequence * eventsEach + i, timestamp: clock.nowMilliseconds()))
        }
        try pipeline.close()
        return pipeline.store.pending().map(\.batchId).filter { !before.contains($0) }
    }

    @Test func batchesSurviveAReopenInOrder() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ids = try Self.fill(dir.path, batches: 4)
        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: TestClock())
        #expect(spool.recovery.recovered == 4)
        #expect(spool.recovery.quarantined.isEmpty)
        #expect(spool.pending().map(\.batchId) == ids)
        #expect(spool.pending().map(\.sequence) == [0, 1, 2, 3])
        let first = try DecodedBatch(json: Gzip.decompress(try spool.body(of: spool.pending()[0])))
        #expect(first.envelope.batchId == ids[0])
        #expect(first.events.compactMap { Events.number(of: $0) } == [0, 1, 2, 3, 4])
        #expect(listFiles(dir.path + "/batches").allSatisfy { $0.hasSuffix(".json.gz") })
    }

    /// Three batches filed in `dir`; the second one's file name and path, to damage.
    static func fillWithVictim(_ dir: TemporaryDirectory) throws -> (ids: [String], victim: String, path: String) {
        let ids = try fill(dir.path, batches: 3)
        let victim = listFiles(dir.path + "/batches")[1]
        return (ids, victim, dir.path + "/batches/" + victim)
    }

    @Test func aTruncatedFileIsQuarantinedAndTheRestKept() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (ids, victim, path) = try Self.fillWithVictim(dir)
        let size = FileIO.attributes(path)!.size
        #expect(truncate(path, off_t(size / 2)) == 0)

        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: TestClock())
        #expect(spool.recovery.quarantined.map(\.name) == [victim])
        #expect(spool.recovery.quarantined[0].reason.contains("truncated"))
        #expect(spool.pending().map(\.batchId) == [ids[0], ids[2]])
        #expect(listFiles(dir.path + "/quarantine").sorted() == [victim, victim + ".reason"])
        #expect(spool.pendingLosses.quarantinedFiles == 1)
    }

    @Test func aFileDamagedInsideIsQuarantinedBeforeItIsSent() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (ids, victim, path) = try Self.fillWithVictim(dir)
        // Same size and framing, one byte of the deflate data changed: opening (which does not
        // inflate) keeps it; reading it to send verifies it whole.
        var bytes = try FileIO.read(path, limit: 1 << 20)
        bytes[bytes.count / 2] ^= 0x5A
        try FileIO.writeDurably(bytes, to: path, directory: dir.path + "/batches")
        #expect(throws: SafeReplayError.self) { try Gzip.verify(bytes) }

        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: TestClock())
        #expect(spool.recovery.quarantined.isEmpty)
        #expect(spool.pending().map(\.batchId) == ids)
        let damaged = spool.pending()[1]
        #expect(throws: SafeReplayError.self) { try spool.body(of: damaged) }
        #expect(spool.pending().map(\.batchId) == [ids[0], ids[2]])
        #expect(listFiles(dir.path + "/quarantine").sorted() == [victim, victim + ".reason"])
        #expect(spool.pendingLosses.quarantinedFiles == 1)
        #expect(try Gzip.decompress(spool.body(of: spool.pending()[1])).count > 0)
    }

    @Test func leftoversOfACrashAreQuarantinedNotFatal() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ids = try Self.fill(dir.path, batches: 2)
        // A write cut before its rename, a stray file, an empty file with a batch's name,
        // a directory where a file should be, and a damaged losses file.
        let batches = dir.path + "/batches/"
        try FileIO.writeDurably(Array("partial".utf8), to: batches + "0000000000000099_x.json.gz.tmp", directory: dir.path)
        try FileIO.writeDurably(Array("hello".utf8), to: batches + "notes.txt", directory: dir.path)
        let fake = listFiles(batches)[0].replacingOccurrences(of: "0000000000000001_", with: "0000000000000050_")
        try FileIO.writeDurably([], to: batches + fake, directory: dir.path)
        #expect(mkdir(batches + "0000000000000060_0000000000000_0000000000_1_" + BatchID.random() + "_s.json.gz", 0o700) == 0)
        try FileIO.writeDurably(Array("{oops".utf8), to: dir.path + "/losses.json", directory: dir.path)

        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: TestClock())
        #expect(spool.pending().map(\.batchId) == ids)
        #expect(spool.recovery.quarantined.count == 5)
        #expect(spool.pendingLosses.quarantinedFiles == 5)
        #expect(listFiles(batches).count == 2)
    }

    @Test func overTheCapTheOldestGoAndTheNextEnvelopeSaysSo() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        var configuration = UploadConfiguration()
        configuration.maxBytes = 1_000
        // Each batch of 5 events compresses to roughly the same size; measure one.
        let probe = TemporaryDirectory()
        defer { probe.remove() }
        try Self.fill(probe.path, batches: 1, configuration: configuration, clock: clock)
        let one = try Spool(directory: probe.path, configuration: configuration, clock: clock).byteCount
        configuration.spoolByteCap = one * 3 + one / 2  // room for three

        let ids = try Self.fill(dir.path, batches: 10, eventsEach: 5, configuration: configuration, clock: clock)
        let spool = try Spool(directory: dir.path, configuration: configuration, clock: clock)
        let kept = spool.pending()
        #expect(kept.count == 3)
        #expect(spool.byteCount <= configuration.spoolByteCap)
        // The survivors are the newest, and all that went is counted exactly.
        #expect(kept.map(\.batchId) == Array(ids.suffix(3)))
        var reported = UploadLosses()
        for batch in kept { reported.merge(try DecodedBatch(json: Gzip.decompress(spool.body(of: batch))).envelope.losses) }
        reported.merge(spool.pendingLosses)
        #expect(reported.spoolCapBatches == 7)
        #expect(reported.spoolCapEvents == 35)
    }

    @Test func expiredBatchesAreDeletedUnsentAndCounted() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        var configuration = UploadConfiguration()
        configuration.retentionDays = 1
        try Self.fill(dir.path, batches: 2, configuration: configuration, clock: clock)
        clock.advance(seconds: 3_600)
        let fresh = try Self.fill(dir.path, batches: 1, configuration: configuration, clock: clock, firstSequence: 2)
        clock.advance(seconds: 86_400 - 1_800)

        let spool = try Spool(directory: dir.path, configuration: configuration, clock: clock)
        #expect(spool.recovery.expiredBatches == 2)
        #expect(spool.recovery.expiredEvents == 10)
        #expect(spool.pending().map(\.batchId) == fresh)
        #expect(spool.pendingLosses.expiredBatches == 2)
        clock.advance(seconds: 3_600)
        #expect(spool.checkOut() == nil)  // the last one expired meanwhile
        #expect(spool.pendingLosses.expiredBatches == 3)
    }

    @Test func lossesSurviveARestartUntilAnEnvelopeCarriesThem() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        try Self.fill(dir.path, batches: 2, clock: clock)
        truncate(dir.path + "/batches/" + listFiles(dir.path + "/batches")[0], 10)
        _ = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: clock)
        // A second restart still owes the report.
        #expect(try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: clock).pendingLosses.quarantinedFiles == 1)
        let ids = try Self.fill(dir.path, batches: 1, clock: clock, firstSequence: 5)
        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: clock)
        let newest = try #require(spool.pending().first { $0.batchId == ids[0] })
        #expect(try DecodedBatch(json: Gzip.decompress(spool.body(of: newest))).envelope.losses.quarantinedFiles == 1)
        #expect(spool.pendingLosses.isEmpty)
    }

    @Test func oneUploaderPerSpool() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let first = try Spool(directory: dir.path, configuration: UploadConfiguration())
        let error = #expect(throws: SafeReplayError.self) { try Spool(directory: dir.path, configuration: UploadConfiguration()) }
        #expect(error?.code == .state)
        withExtendedLifetime(first) {}
    }

    @Test func anUnusableDirectoryIsAClearError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileIO.writeDurably([1], to: dir.path + "/file", directory: dir.path)
        let error = #expect(throws: SafeReplayError.self) { try Spool(directory: dir.path + "/file", configuration: UploadConfiguration()) }
        #expect(error?.code == .io)
    }

    @Test func aDeadLetterKeepsTheBatchAsideWithItsReason() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try Self.fill(dir.path, batches: 2)
        let spool = try Spool(directory: dir.path, configuration: UploadConfiguration(), clock: TestClock())
        let batch = try #require(spool.checkOut())
        try spool.deadLetter(batch, reason: "HTTP 400")
        #expect(spool.pending().count == 1)
        #expect(listFiles(dir.path + "/dead-letter") == [batch.name, batch.name + ".reason"])
        #expect(spool.pendingLosses.deadLetteredBatches == 1)
        #expect(spool.pendingLosses.deadLetteredEvents == 5)
        let listing = try SpoolListing(directory: dir.path)
        #expect(listing.deadLettered.map(\.reason) == ["HTTP 400"])
        #expect(listing.batches.count == 1)
    }

    @Test func theBatchInFlightIsNeverEvicted() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = UploadConfiguration()
        configuration.maxBytes = 1_000
        configuration.maxEvents = 5
        configuration.spoolByteCap = 1_000  // a few batches: every later one evicts
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: dir.path, sessionId: "s", policyHash: "p", clock: TestClock())
        for i in 0..<5 { try pipeline.append(Events.incremental(i)) }
        let inFlight = try #require(pipeline.store.checkOut())
        for i in 5..<100 { try pipeline.append(Events.incremental(i)) }
        // Nineteen batches were filed after it into room for a few: it outlived them all.
        #expect(pipeline.store.pending().count < 10)
        #expect(pipeline.store.pending().first == inFlight)
        try pipeline.store.acknowledge(inFlight)
        #expect(!pipeline.store.pending().contains(inFlight))
    }
}
