#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import SafeReplay
import SafeReplayABI

/// The C ABI's cost per call: `sr_touch` and `sr_ingest_json` (through the exported C
/// entry points, as a host calls them), each beside the same work through the Swift
/// Session API, so the difference is what the ABI shell adds (handle lookup, argument
/// checks, UTF-8 validation, error bookkeeping). Batches are drained between runs, outside
/// the timing. Python's per-call overhead is measured by Bindings/python/bench.py.
enum ABIBenchmarks: BenchSuite {
    static let name = "abi"

    static let policyJSON = #"{"version":1,"location":{"capture":true}}"#
    static let options = #"{"version":1,"sessionId":"bench","fixedClockMs":1700000000000}"#

    static func run(_ context: BenchContext) -> [BenchResult] {
        var results: [BenchResult] = []
        var policy: OpaquePointer?
        guard policyJSON.withCString({ sr_policy_load($0, strlen($0), &policy) }) == SR_OK else { return [] }
        defer { sr_policy_free(policy) }
        let swiftPolicy = try? Policy.load(Array(policyJSON.utf8))

        // ---- touches, on a screen (before the first Meta names one, the mobile stage drops
        // every touch unseen, which would time only the drop) ----
        let touches = context.quick ? 20_000 : 400_000
        let screen = Array(#"{"type":4,"data":{"href":"HomeViewController","width":390,"height":844},"timestamp":1700000000000}"#.utf8)
        var notes = JSONObject()
        notes["callsPerRun"] = .int(Int64(touches))
        notes["clock"] = .string("thread CPU time of the host's thread, which posts each touch; the session's touch worker processes them (its CPU is in the all-threads figure)")
        notes["phases"] = .string("on a named screen: down, then moves, up every 50th, 8 ms apart")
        notes["bursts"] = .string("posted in bursts of \(touchBurst) (16 s of touches at 8 ms); between bursts, untimed, a call that processes what waits (sr_session_stats; Session.currentStatistics)")
        let touchClockMs: Int64 = 1_700_000_000_000 + 8 * Int64(touches + 1)
        if context.wants("sr_touch") {
            // The session's clock stands at the last touch's time: a down stamped more
            // than a minute past the clock is refused as garbage, which would time drops.
            let touchOptions = #"{"version":1,"sessionId":"bench","fixedClockMs":"# + String(touchClockMs) + "}"
            var allThreads: [Double] = []
            let samples = sampleEachRun(context, open: {
                let session = openSession(policy, options: touchOptions)
                _ = ingest(session, screen)
                return session
            }) { session in
                var t: Int64 = 1_700_000_000_000
                let processStart = Clock.processCPU()
                let nanos = timeInBursts(touches, settle: {
                    var stats: UnsafeMutablePointer<CChar>?
                    _ = sr_session_stats(session, &stats, nil)
                    sr_free(stats)
                }) { i in
                    t += 8
                    let phase: Int32 = i % 50 == 0 ? SR_TOUCH_DOWN : (i % 50 == 49 ? SR_TOUCH_UP : SR_TOUCH_MOVE)
                    _ = sr_touch(session, 0, phase, Double(i & 1023), Double(i & 511), t)
                }
                // sr_flush returns once every closed batch is compressed and filed.
                _ = sr_flush(session)
                allThreads.append(Double(Clock.processCPU() - processStart) / Double(touches))
                return nanos
            }
            var callerNotes = notes
            callerNotes["remark"] = .string("the host's thread checks the touch and posts it to the session's inbox; the session's touch worker (or the next call) runs the gesture stage and batching, so this is what a UI thread pays per touch. The next line counts every thread's CPU: the work per touch in total. Touches are posted in bursts of \(touchBurst), as a feed delivers them, not in one tight loop that would fill the inbox.")
            results.append(BenchResult(suite: name, name: "sr_touch (C ABI)", unit: "ns/call", higherIsBetter: false, samples: samples,
                                       notes: callerNotes, target: 100))
            var totalNotes = notes
            totalNotes["clock"] = .string("process CPU time, the filing thread's gzip included, through sr_flush")
            results.append(BenchResult(suite: name, name: "sr_touch (C ABI), all threads' CPU", unit: "ns/call", higherIsBetter: false,
                                       samples: Array(allThreads.dropFirst()), notes: totalNotes))
        }
        if context.wants("Session.touch"), let swiftPolicy {
            var last: SessionStatistics?
            let samples = sampleEachSession(context, swiftPolicy, setup: [screen], clockMs: touchClockMs, inspect: { last = $0 }) { session in
                var t: Int64 = 1_700_000_000_000
                return timeInBursts(touches, settle: { _ = session.currentStatistics }) { i in
                    t += 8
                    let phase: TouchPhase = i % 50 == 0 ? .down : (i % 50 == 49 ? .up : .move)
                    try? session.touch(pointerId: 0, phase: phase, x: Double(i & 1023), y: Double(i & 511), timestamp: t)
                }
            }
            // What one run did, so the figure is known to time the recording path, not drops.
            var swiftNotes = notes
            if let last {
                swiftNotes["eventsEmittedPerRun"] = .int(Int64(last.emitted))
                swiftNotes["touchesDroppedPerRun"] = .int(Int64(last.audit.totalDropped))
            }
            results.append(BenchResult(suite: name, name: "Session.touch (Swift, no ABI)", unit: "ns/call", higherIsBetter: false, samples: samples, notes: swiftNotes))
        }

        // ---- JSON events: a typical session's incremental events, with and without DOM
        // mutations (which cost the web stage the most), then a sampled-out session where
        // only the ABI, decoding and counting remain ----
        var generator = SyntheticSession()
        let all = generator.events(nodes: 1_500, seconds: context.quick ? 10 : 120)
        let setup = all.prefix(2).map(\.jsonBytes) // Meta + FullSnapshot, ingested untimed
        let incrementals = all.dropFirst(2)
        let corpora: [(String, [[UInt8]])] = [
            ("typical session", incrementals.map(\.jsonBytes)),
            ("typical session without mutations", incrementals.filter {
                if case .incrementalSnapshot(.mutation) = $0.body { return false }
                return true
            }.map(\.jsonBytes)),
        ]
        for (corpus, lines) in corpora {
            let meanBytes = Double(lines.reduce(0) { $0 + $1.count }) / Double(max(lines.count, 1))
            var notes = JSONObject()
            notes["eventsPerRun"] = .int(Int64(lines.count))
            notes["clock"] = .string(cpuClockNote)
            notes["meanEventBytes"] = .double(meanBytes.rounded())
            notes["corpus"] = .string(corpus + " (SyntheticSession: 1,500-node page, incremental events after it)")
            let abiName = "sr_ingest_json (C ABI), \(corpus), per 200 bytes"
            if context.wants(abiName) {
                let perEvent = sampleEachRun(context, open: {
                    let session = openSession(policy)
                    for line in setup { _ = ingest(session, line) }
                    return session
                }) { session in
                    time(lines.count) { i in _ = ingest(session, lines[i]) }
                }
                results.append(BenchResult(suite: name, name: abiName, unit: "µs/200 B", higherIsBetter: false,
                                           samples: perEvent.map { $0 / 1000 * 200 / meanBytes }, notes: notes, target: 1.5))
            }
            let swiftName = "Session.ingest(json:) (Swift, no ABI), \(corpus), per 200 bytes"
            if context.wants(swiftName), let swiftPolicy {
                let perEvent = sampleEachSession(context, swiftPolicy, setup: setup) { session in
                    time(lines.count) { i in lines[i].withUnsafeBytes { try? session.ingest(json: $0) } }
                }
                results.append(BenchResult(suite: name, name: swiftName, unit: "µs/200 B", higherIsBetter: false,
                                           samples: perEvent.map { $0 / 1000 * 200 / meanBytes }, notes: notes))
            }
        }

        // What the ABI shell adds: a session the sampling rate leaves out still decodes and
        // counts every event, so the difference between these two is the ABI's own work
        // (handle lookup, UTF-8 validation, error bookkeeping).
        let lines = incrementals.map(\.jsonBytes)
        let meanBytes = Double(lines.reduce(0) { $0 + $1.count }) / Double(max(lines.count, 1))
        var sampledNotes = JSONObject()
        sampledNotes["eventsPerRun"] = .int(Int64(lines.count * 10))
        sampledNotes["clock"] = .string(cpuClockNote)
        sampledNotes["meanEventBytes"] = .double(meanBytes.rounded())
        sampledNotes["policy"] = .string(#"{"sampling":{"sessionRate":0}}: decode and count only"#)
        var sampledOut: OpaquePointer?
        let sampledJSON = #"{"version":1,"sampling":{"sessionRate":0}}"#
        _ = sampledJSON.withCString { sr_policy_load($0, strlen($0), &sampledOut) }
        defer { sr_policy_free(sampledOut) }
        if context.wants("sampled-out"), let swiftSampled = try? Policy.load(Array(sampledJSON.utf8)) {
            let abi = sampleEachRun(context, open: { openSession(sampledOut) }) { session in
                time(lines.count * 10) { i in _ = ingest(session, lines[i % lines.count]) }
            }
            let direct = sampleEachSession(context, swiftSampled) { session in
                time(lines.count * 10) { i in lines[i % lines.count].withUnsafeBytes { try? session.ingest(json: $0) } }
            }
            results.append(BenchResult(suite: name, name: "sr_ingest_json (C ABI), sampled-out session, per event", unit: "ns/event",
                                       higherIsBetter: false, samples: abi, notes: sampledNotes))
            results.append(BenchResult(suite: name, name: "Session.ingest(json:) (Swift, no ABI), sampled-out session, per event",
                                       unit: "ns/event", higherIsBetter: false, samples: direct, notes: sampledNotes))
        }
        return results
    }

    static func openSession(_ policy: OpaquePointer?, options: String = options) -> OpaquePointer? {
        var session: OpaquePointer?
        _ = options.withCString { sr_session_open_ex(policy, $0, strlen($0), &session) }
        return session
    }

    static func ingest(_ session: OpaquePointer?, _ line: [UInt8]) -> sr_status {
        line.withUnsafeBufferPointer { b in b.withMemoryRebound(to: CChar.self) { sr_ingest_json(session, $0.baseAddress, $0.count) } }
    }

    /// Nanoseconds per iteration of `body` over `count` iterations, by this thread's CPU
    /// clock (every call is synchronous work on the calling thread; see `cpuClockNote`).
    @inline(__always)
    static func time(_ count: Int, _ body: (Int) -> Void) -> Double {
        let start = Clock.threadCPU()
        for i in 0..<count { body(i) }
        return Double(Clock.threadCPU() - start) / Double(count)
    }

    /// Touches per burst: fewer than the session's touch inbox holds (4,096), as a touch
    /// feed delivers them (at most a few hundred per second), so the figure is the cost a
    /// host thread pays to hand one over; a tight loop of 400,000 would fill the inbox and
    /// time the poster processing them itself, which no real feed makes it do.
    static let touchBurst = 2_000

    /// Nanoseconds per call of `body` on this thread's CPU clock, over `count` calls made in
    /// bursts of ``touchBurst``; `settle` runs between bursts, untimed.
    @inline(__always)
    static func timeInBursts(_ count: Int, settle: () -> Void, _ body: (Int) -> Void) -> Double {
        var spent: UInt64 = 0
        var i = 0
        while i < count {
            let end = min(i + touchBurst, count)
            let start = Clock.threadCPU()
            while i < end {
                body(i)
                i += 1
            }
            spent += Clock.threadCPU() - start
            settle()
        }
        return Double(spent) / Double(count)
    }

    /// One warm-up and `runs` timed runs, each in a fresh ABI session closed (and drained)
    /// outside the timing.
    static func sampleEachRun(_ context: BenchContext, open: () -> OpaquePointer?, _ run: (OpaquePointer?) -> Double) -> [Double] {
        (0...context.runs).map { _ in
            let session = open()
            let nanos = run(session)
            _ = sr_session_end(session)
            drain(session)
            _ = sr_session_close(session)
            return nanos
        }.dropFirst().map { $0 }
    }

    static func sampleEachSession(
        _ context: BenchContext, _ policy: Policy, setup: [[UInt8]] = [], clockMs: Int64 = 1_700_000_000_000,
        inspect: (SessionStatistics) -> Void = { _ in }, _ run: (Session) -> Double
    ) -> [Double] {
        (0...context.runs).compactMap { _ -> Double? in
            guard let session = try? Session(policy: policy, sessionId: "bench", clock: { clockMs }) else { return nil }
            for line in setup { try? session.ingest(json: line) }
            let nanos = run(session)
            inspect(session.currentStatistics)
            try? session.close()
            while (try? session.nextBatch()) != nil {}
            return nanos
        }.dropFirst().map { $0 }
    }

    static func drain(_ session: OpaquePointer?) {
        while true {
            var out: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard sr_next_batch(session, &out, &length) == SR_OK, let out else { return }
            sr_free(out)
        }
    }
}
