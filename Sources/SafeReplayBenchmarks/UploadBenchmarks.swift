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

    /// rrweb's fixture events as the capture stage hands them over. The fixtures are a
    /// hundred short recordings, one FullSnapshot every ten events or so; a real session
    /// checks out every few minutes, so the snapshots here ride as ordinary events rather
    /// than cutting a tiny batch each.
    static func events(_ context: BenchContext) -> [SanitizedEvent] {
        JSONBenchmarks.corpus(context).compactMap { line in
            guard let event = try? Event(json: line) else { return nil }
            return SanitizedEvent(timestamp: event.timestamp ?? 0, type: event.typeNumber, json: line)
        }
    }

    /// CPU seconds (user + system) this process has used.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
        feedAndKeep(events, repeats: repeats, configuration: configuration, spool: spool, clock: clock, step: step).currentStatistics.batchesClosed
    }

    static func feedAndKeep(_ events: [SanitizedEvent], repeats: Int, configuration: UploadConfiguration, spool: String?, clock: SimulatedClock, step: Int64 = 1) -> UploadPipeline {
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
        return pipeline
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
        var cpuSamples: [Double] = []
        let spooled = context.sampleMBps(bytes: totalBytes) {
            let dir = freshDirectory()
            let cpu = cpuSeconds()
            batches = feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: dir, clock: SimulatedClock())
            cpuSamples.append(Double(totalBytes) / (cpuSeconds() - cpu) / 1e6)
            removeSpool(dir)
        }
        var spoolNotes = notes
        spoolNotes["batches"] = .int(Int64(batches))
        spoolNotes["compressionLevel"] = .int(Int64(UploadConfiguration().compressionLevel))
        results.append(BenchResult(suite: name, name: "batch + gzip + spool (fsync per batch), wall clock", unit: "MB/s", higherIsBetter: true, samples: spooled, notes: spoolNotes))
        // Wall time includes waiting for the disk (two fsyncs per batch); per CPU second
        // is what one core sustains.
        results.append(BenchResult(suite: name, name: "batch + gzip + spool, per CPU second (1 core)", unit: "MB/s", higherIsBetter: true, samples: Array(cpuSamples.dropFirst()), notes: spoolNotes))

        let inMemory = context.sampleMBps(bytes: totalBytes) {
            feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: nil, clock: SimulatedClock())
        }
        results.append(BenchResult(suite: name, name: "batch + gzip, memory store (no disk)", unit: "MB/s", higherIsBetter: true, samples: inMemory, notes: notes))

        // CPU cost and ratio against the zlib level (memory store: no disk in the way).
        for level: Int32 in [1, 4, 6] {
            var configuration = UploadConfiguration()
            configuration.compressionLevel = level
            configuration.spoolByteCap = 1 << 30
            var perCPU: [Double] = []
            var compressed = 0
            for _ in 0...context.runs {
                let cpu = cpuSeconds()
                compressed = feedAndKeep(events, repeats: repeats, configuration: configuration, spool: nil, clock: SimulatedClock()).store.byteCount
                perCPU.append(Double(totalBytes) / (cpuSeconds() - cpu) / 1e6)
            }
            var levelNotes = notes
            levelNotes["compressionLevel"] = .int(Int64(level))
            levelNotes["compressedBytes"] = .int(Int64(compressed))
            levelNotes["ratio"] = .double((Double(totalBytes) / Double(max(compressed, 1)) * 10).rounded() / 10)
            results.append(BenchResult(suite: name, name: "batch + gzip level \(level), per CPU second", unit: "MB/s", higherIsBetter: true, samples: Array(perCPU.dropFirst()), notes: levelNotes))
        }

        // Throughput against batch size, for the growth plot (a quarter of the data: small
        // batches are fsync-bound and slow).
        let sweepRepeats = max(1, repeats / 4)
        let sweepBytes = corpusBytes * sweepRepeats
        for maxBytes in [64_000, 256_000, 1_000_000, 4_000_000] {
            var configuration = UploadConfiguration()
            configuration.maxBytes = maxBytes
            configuration.maxEvents = 1_000_000
            var filed = 0
            let samples = context.sampleMBps(bytes: sweepBytes) {
                let dir = freshDirectory()
                filed = feed(events, repeats: sweepRepeats, configuration: configuration, spool: dir, clock: SimulatedClock())
                removeSpool(dir)
            }
            var sized = notes
            sized["bytes"] = .int(Int64(sweepBytes))
            sized["maxBytes"] = .int(Int64(maxBytes))
            sized["batches"] = .int(Int64(filed))
            sized["growth"] = .string("Spool throughput against batch size")
            sized["x"] = .int(Int64(maxBytes))
            sized["xLabel"] = .string("batch size limit (bytes before gzip)")
            results.append(BenchResult(suite: name, name: "spool throughput, maxBytes \(maxBytes)", unit: "MB/s", higherIsBetter: true, samples: samples, notes: sized))
        }
        results += spoolOpen(events, context)
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
        // Once per process: peak RSS only grows, so a second run could not show anything
        // the first did not. Medians come from separate invocations.
        let dir = freshDirectory()
        let filed = feed(events, repeats: repeats, configuration: UploadConfiguration(), spool: dir, clock: SimulatedClock(), step: Int64(1000 / perSecond))
        removeSpool(dir)
        let samples = [Double(Clock.peakRSS()) / 1_048_576]
        var notes = JSONObject()
        notes["simulatedSeconds"] = .int(Int64(seconds))
        notes["events"] = .int(Int64(repeats * events.count))
        notes["eventBytes"] = .int(Int64(repeats * events.reduce(0) { $0 + $1.json.count }))
        notes["batches"] = .int(Int64(filed))
        notes["peakRSSBeforeMiB"] = .double(Double(before) / 1_048_576)
        notes["spoolByteCap"] = .int(Int64(UploadConfiguration().spoolByteCap))
        return BenchResult(suite: name, name: "peak RSS, 1-hour simulated session (process, MiB)", unit: "MiB", higherIsBetter: false, samples: samples, notes: notes, target: 32)
    }
}
