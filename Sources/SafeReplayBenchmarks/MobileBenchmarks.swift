#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayMobile
import SafeReplayModel
import SafeReplayPolicy

/// The mobile capture stage: the `sr_touch` path per call, wireframe snapshot
/// sanitizing, and geohash encoding.
enum MobileBenchmarks: BenchSuite {
    static let name = "mobile"

    static func run(_ context: BenchContext) -> [BenchResult] {
        var results: [BenchResult] = []
        results += touches(context)
        results += snapshots(context)
        results += geohashes(context)
        return results
    }

    // Literals that load by construction; a failure is a bug in this file.
    static let policy: Policy = try! Policy.load(Array(#"{"version":1,"mobile":{"screens":[{"match":"*","level":"low"}]}}"#.utf8))
    /// Every touch position sent (the default sends one per 50 ms per finger).
    static let unsampled: Policy = try! Policy.load(Array(#"{"version":1,"sampling":{"mousemoveIntervalMs":0},"mobile":{"screens":[{"match":"*","level":"low"}]}}"#.utf8))

    /// A sanitizer on a wireframe screen whose snapshot the player already has.
    static func screen(clock: Int64, policy: Policy = policy) -> MobileSanitizer {
        let s = MobileSanitizer(policy: policy, now: { clock })
        _ = s.sanitize(Event(timestamp: 0, body: .meta(MetaData(href: "Home", width: 390, height: 844))))
        _ = s.sanitize(Event(timestamp: 1, body: .fullSnapshot(FullSnapshotData(content: .wireframes(tree(count: 20))))))
        return s
    }

    // MARK: touches

    static func touches(_ context: BenchContext) -> [BenchResult] {
        let gestures = context.quick ? 2_000 : 200_000
        let movesPerGesture = 20
        let calls = gestures * (movesPerGesture + 2)
        var results: [BenchResult] = []
        var notes = JSONObject()
        notes["calls"] = .int(Int64(calls))
        notes["clock"] = .string(cpuClockNote)
        notes["shape"] = .string("down, \(movesPerGesture) moves 8 ms apart, up: a swipe; TouchMove flushed every 50 ms")

        let mixName = "touch: sr_touch path, swipes (down + 20 moves + up), default policy, per call"
        if context.wants(mixName) {
            let samples = context.cpuNanosPerOp(operations: calls) {
                let s = screen(clock: Int64(gestures) * 1_000 + 1_000_000)
                var t: Int64 = 10
                var emitted = 0
                for g in 0..<gestures {
                    let x = Double(g % 300)
                    emitted &+= s.touch(pointerId: 0, phase: .down, x: x, y: 400, timestamp: t).count
                    for m in 1...movesPerGesture {
                        emitted &+= s.touch(pointerId: 0, phase: .move, x: x + Double(m) * 4, y: 400, timestamp: t + Int64(m) * 8).count
                    }
                    emitted &+= s.touch(pointerId: 0, phase: .up, x: x + 84, y: 400, timestamp: t + 170).count
                    t += 400
                }
                blackHole(emitted)
            }
            results.append(BenchResult(suite: name, name: mixName, unit: "ns/call", higherIsBetter: false, samples: samples, notes: notes))
        }

        for (label, movePolicy) in [("default policy: one position sent per 50 ms", policy), ("every position sent", unsampled)] {
            let moveName = "touch: sr_touch path, move only, \(label), per call"
            guard context.wants(moveName) else { continue }
            let moves = context.quick ? 20_000 : 4_000_000
            var moveNotes = JSONObject()
            moveNotes["calls"] = .int(Int64(moves))
            moveNotes["shape"] = .string("one finger, a move every 8 ms (120 Hz); TouchMove flushed every 50 ms")
            moveNotes["clock"] = .string(cpuClockNote)
            let samples = context.cpuNanosPerOp(operations: moves) {
                let s = screen(clock: Int64(moves) * 10 + 1_000_000, policy: movePolicy)
                _ = s.touch(pointerId: 0, phase: .down, x: 10, y: 400, timestamp: 10)
                var emitted = 0
                for i in 0..<moves {
                    emitted &+= s.touch(pointerId: 0, phase: .move, x: Double(i & 255), y: 400, timestamp: 10 + Int64(i) * 8).count
                }
                blackHole(emitted)
            }
            results.append(BenchResult(suite: name, name: moveName, unit: "ns/call", higherIsBetter: false, samples: samples, notes: moveNotes))
        }

        let tapName = "touch: sr_touch path, taps (down + up: TouchStart, TouchEnd, tap gesture), per call"
        if context.wants(tapName) {
            let taps = context.quick ? 2_000 : 200_000
            var tapNotes = JSONObject()
            tapNotes["calls"] = .int(Int64(taps * 2))
            tapNotes["clock"] = .string(cpuClockNote)
            let samples = context.cpuNanosPerOp(operations: taps * 2) {
                let s = screen(clock: Int64(taps) * 1_000 + 1_000_000)
                var emitted = 0
                for i in 0..<taps {
                    let t = 10 + Int64(i) * 700
                    let x = Double((i * 97) % 390)
                    emitted &+= s.touch(pointerId: 0, phase: .down, x: x, y: 300, timestamp: t).count
                    emitted &+= s.touch(pointerId: 0, phase: .up, x: x, y: 300, timestamp: t + 60).count
                }
                blackHole(emitted)
            }
            results.append(BenchResult(suite: name, name: tapName, unit: "ns/call", higherIsBetter: false, samples: samples, notes: tapNotes))
        }
        return results
    }

    // MARK: snapshots

    /// A screen of `count` wireframes: rows of a text, an input and an image under
    /// containers, with styles, the way a list screen looks.
    static func tree(count: Int) -> [Wireframe] {
        var id: Int64 = 1_000
        func next() -> Int64 {
            id += 1
            return id
        }
        var rows: [Wireframe] = []
        var made = 1
        var y = 0.0
        while made < count {
            var row = Wireframe(id: next(), x: 0, y: y, width: 390, height: 60, type: "div", style: ["backgroundColor": .string("#FFFFFF")])
            row.childWireframes = [
                Wireframe(id: next(), x: 16, y: y + 8, width: 200, height: 20, type: "text", text: "Jane Appleseed ordered 3 items",
                          style: ["color": .string("#000000"), "fontSize": .int(15), "fontFamily": .string("SF Pro")]),
                Wireframe(id: next(), x: 16, y: y + 32, width: 200, height: 20, type: "input", inputType: "email", value: .string("jane@example.com"), disabled: false),
                Wireframe(id: next(), x: 320, y: y + 8, width: 44, height: 44, type: "image", base64: "data:image/png;base64,iVBORw0KGgo="),
            ]
            rows.append(row)
            made += 4
            y += 60
        }
        return [Wireframe(id: next(), x: 0, y: 0, width: 390, height: 844, type: "div", childWireframes: rows)]
    }

    static func snapshots(_ context: BenchContext) -> [BenchResult] {
        let size = 1_000
        let repeats = context.quick ? 5 : 400
        let wireframes = tree(count: size)
        let count = wireframes.reduce(0) { $0 + countAll($1) }
        let event = Event(timestamp: 10, body: .fullSnapshot(FullSnapshotData(content: .wireframes(wireframes))))
        var notes = JSONObject()
        notes["wireframesPerSnapshot"] = .int(Int64(count))
        notes["snapshots"] = .int(Int64(repeats))
        notes["clock"] = .string(cpuClockNote)
        var results: [BenchResult] = []

        let snapshotName = "wireframes: FullSnapshot sanitized and encoded"
        if context.wants(snapshotName) {
            let s = screen(clock: 1_000_000)
            var bytes = 0
            let samples = context.sampleCPUSeconds {
                for _ in 0..<repeats {
                    for e in s.sanitize(event) { bytes &+= e.json.count }
                }
            }.map { Double(count * repeats) / $0 }
            blackHole(bytes)
            results.append(BenchResult(suite: name, name: snapshotName, unit: "wireframes/s", higherIsBetter: true, samples: samples, notes: notes))
        }

        let mutationName = "wireframes: update mutation of one 4-wireframe row"
        if context.wants(mutationName) {
            let s = screen(clock: 1_000_000)
            _ = s.sanitize(event)
            let row = wireframes[0].childWireframes![3]
            let mutation = Event(timestamp: 20, body: .incrementalSnapshot(.wireframeMutation(WireframeMutationData(updates: [WireframeMutation(parentId: wireframes[0].id, wireframe: row)]))))
            let updates = context.quick ? 1_000 : 200_000
            var mutationNotes = JSONObject()
            mutationNotes["mutations"] = .int(Int64(updates))
            mutationNotes["clock"] = .string(cpuClockNote)
            var bytes = 0
            let samples = context.sampleCPUSeconds {
                for _ in 0..<updates {
                    for e in s.sanitize(mutation) { bytes &+= e.json.count }
                }
            }.map { Double(4 * updates) / $0 }
            blackHole(bytes)
            results.append(BenchResult(suite: name, name: mutationName, unit: "wireframes/s", higherIsBetter: true, samples: samples, notes: mutationNotes))
        }
        return results
    }

    static func countAll(_ w: Wireframe) -> Int {
        1 + (w.childWireframes ?? []).reduce(0) { $0 + countAll($1) }
    }

    // MARK: geohash

    static func geohashes(_ context: BenchContext) -> [BenchResult] {
        let n = context.quick ? 10_000 : 2_000_000
        // Points spread over the globe, made once so the loop measures encoding only.
        var points: [(Double, Double)] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4_096 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let a = Double(state >> 11) / Double(1 << 53)
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let b = Double(state >> 11) / Double(1 << 53)
            points.append((a * 180 - 90, b * 360 - 180))
        }
        var results: [BenchResult] = []
        for precision in [5, 12] {
            let benchmarkName = "geohash: encode at precision \(precision)"
            guard context.wants(benchmarkName) else { continue }
            var notes = JSONObject()
            notes["encodes"] = .int(Int64(n))
            notes["clock"] = .string(cpuClockNote)
            var total = 0
            let samples = context.sampleCPUSeconds {
                for i in 0..<n {
                    let p = points[i & 4_095]
                    total &+= Geohash.encode(latitude: p.0, longitude: p.1, precision: precision)?.utf8.count ?? 0
                }
            }.map { Double(n) / $0 }
            blackHole(total)
            results.append(BenchResult(suite: name, name: benchmarkName, unit: "encodes/s", higherIsBetter: true, samples: samples, notes: notes))
        }
        return results
    }
}

/// Every figure of this suite is timed by the thread's CPU clock: the work is
/// single-threaded compute, and on a shared machine the wall clock also counts the time
/// other processes held the core (a 2-core box with several builds running stretched
/// wall figures 2–3×).
let cpuClockNote = "thread CPU time"

extension BenchContext {
    /// `sampleSeconds`, by this thread's CPU clock.
    func sampleCPUSeconds(_ body: () -> Void) -> [Double] {
        func now() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        body()
        return (0..<runs).map { _ in
            let start = now()
            body()
            return now() - start
        }
    }

    func cpuNanosPerOp(operations: Int, _ body: () -> Void) -> [Double] {
        sampleCPUSeconds(body).map { $0 * 1e9 / Double(operations) }
    }
}
