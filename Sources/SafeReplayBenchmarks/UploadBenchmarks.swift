#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel
import SafeReplayUpload

/// The upload stage on one core: sanitized event JSON through batching, envelope, gzip
/// and the durable spool (fsync per batch), and its memory over a long session.
enum UploadBenchmarks: BenchSuite {
    static let name = "upload"

    /// rrweb's fixture events as the capture stage hands them over.
    static func events(_ context: BenchContext) -> [SanitizedEvent] {
        JSONBenchmarks.corpus(context).compactMap { line in
            guard let event = try? Event(json: line) else { return nil }
            return SanitizedEvent(timestamp: event.timestamp ?? 0, type: event.typeNumber, isCheckout: event.typeNumber == 2, json: line)
        }
    }

    /// A clock the benchmark moves: a simulated hour passes in seconds.
    final class SimulatedClock: UploadClock, @unchecked Sendable {
        var now: Int64 = 1_700_000_000_000
        func nowMilliseconds() -> Int64 { now }
    }

    static func freshDirectory() -> String {
        var template = Array("/tmp/safereplay-bench-XXXXXX".utf8CString)
        _ = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func removeSpool(_ path: String) {
        FileIO.removeTree(path)
    }

    /// Feeds `events` `repeats` times through a pipeline; returns batches filed.
    @discardableResult
    static func feed(_ events: [SanitizedEvent], repeats: Int, configuration: UploadConfiguration, spool: String?, clock: SimulatedClock, step: Int64 = 1) -> Int {
        guard let pipeline = try? UploadPipeline(configuration: configuration, spoolDirectory: spool, sessionId: "bench", policyHash: "sha256:bench", clock: clock) else {
            fatalError("cannot open the benchmark pipeline")
        }
        for _ in 0..<repeats {
            for event in events {
                clock.now += step
                try? pipeline.append(event)
            }
        }
        try? pipeline.close()
        return pipeline.currentStatistics.batchesClosed
    }

    static func run(_ context: BenchContext) -> [BenchResult] {
        let events = events(context)
        let corpusBytes = events.reduce(0) { $0 + $1.json.count }
        var results: [BenchResult] = []

        // Memory first: peak RSS only ever grows, so nothing else may run before it.
        results.append(longSession(events, context))

        let repeats = context.quick ? 2 : 40
        let totalBytes = corpusBytes * repeats
        var notes = JSONObject()
        notes["events"] = .int(Int64(events.count * repeats))
        notes["bytes"] = .int(Int64(totalBytes))
        notes["meanEventBytes"] = .int(Int64(events.isEmpty ? 0 : corpusBytes / events.count))

        var batches = 0
        let spooled = context.sampleMBps(bytes: totalBytes) {
            let dir = freshDirectory()
            batches = feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: dir, clock: SimulatedClock())
            removeSpool(dir)
        }
        var spoolNotes = notes
        spoolNotes["batches"] = .int(Int64(batches))
        spoolNotes["compressionLevel"] = .int(Int64(UploadConfiguration().compressionLevel))
        results.append(BenchResult(suite: name, name: "batch + gzip + spool (fsync per batch), 1 core", unit: "MB/s", higherIsBetter: true, samples: spooled, notes: spoolNotes))

        let inMemory = context.sampleMBps(bytes: totalBytes) {
            feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: nil, clock: SimulatedClock())
        }
        results.append(BenchResult(suite: name, name: "batch + gzip, memory store (no disk)", unit: "MB/s", higherIsBetter: true, samples: inMemory, notes: notes))

        // Throughput against batch size, for the growth plot.
        for maxBytes in [16_000, 64_000, 256_000, 1_000_000, 4_000_000] {
            var configuration = UploadConfiguration()
            configuration.maxBytes = maxBytes
            configuration.maxEvents = 1_000_000
            var filed = 0
            let samples = context.sampleMBps(bytes: totalBytes) {
                let dir = freshDirectory()
                filed = feed(events, repeats: repeats, configuration: configuration, spool: dir, clock: SimulatedClock())
                removeSpool(dir)
            }
            var sized = notes
            sized["maxBytes"] = .int(Int64(maxBytes))
            sized["batches"] = .int(Int64(filed))
            results.append(BenchResult(suite: name, name: "spool throughput, maxBytes \(maxBytes)", unit: "MB/s", higherIsBetter: true, samples: samples, notes: sized))
        }
        return results
    }

    /// An hour of recording at 20 events a second, offline (no endpoint), into a spool
    /// with the default 50 MB cap: peak RSS must not depend on the session's length.
    static func longSession(_ events: [SanitizedEvent], _ context: BenchContext) -> BenchResult {
        let before = Clock.peakRSS()
        let seconds = context.quick ? 60 : 3_600
        let perSecond = 20
        let total = seconds * perSecond
        let repeats = events.isEmpty ? 0 : (total + events.count - 1) / events.count
        var samples: [Double] = []
        var filed = 0
        for _ in 0..<max(1, context.runs) {
            let dir = freshDirectory()
            filed = feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: dir, clock: SimulatedClock(), step: Int64(1000 / perSecond))
            removeSpool(dir)
            samples.append(Double(Clock.peakRSS()) / 1_048_576)
        }
        var notes = JSONObject()
        notes["simulatedSeconds"] = .int(Int64(seconds))
        notes["events"] = .int(Int64(repeats * events.count))
        notes["eventBytes"] = .int(Int64(repeats * events.reduce(0) { $0 + $1.json.count }))
        notes["batches"] = .int(Int64(filed))
        notes["peakRSSBeforeMiB"] = .double(Double(before) / 1_048_576)
        return BenchResult(suite: name, name: "peak RSS, 1-hour simulated session (process, MiB)", unit: "MiB", higherIsBetter: false, samples: samples, notes: notes)
    }
}
