import Testing
import SafeReplayModel
@testable import SafeReplayMobile

/// Bad input is dropped and counted; it never crashes and never changes what comes next.
@Suite struct GarbageTests {
    @Test(arguments: [
        (Double.nan, 10.0), (10, .nan), (.infinity, 10), (10, -.infinity),
        (1e300, 10), (10, -1e9), (100_000.5, 10),
    ])
    func nonFiniteOrHugeCoordinates(x: Double, y: Double) {
        let r = wireframeScreen()
        r.touch(.down, x, y, at: t0 + 10)
        r.touch(.move, x, y, at: t0 + 20)
        r.touch(.up, x, y, at: t0 + 30)
        #expect(r.all.isEmpty)
        #expect(r.sanitizer.audit.dropped["touch:invalid"] == 3)
        #expect(r.tap(10, 10, at: t0 + 40).compactMap(\.interaction) == [7, 9])
    }

    @Test func unknownPhasesAndBadTimestamps() {
        let r = wireframeScreen()
        #expect(r.sanitizer.touch(pointerId: 0, rawPhase: 4, x: 1, y: 1, timestamp: t0).isEmpty)
        #expect(r.sanitizer.touch(pointerId: 0, rawPhase: -1, x: 1, y: 1, timestamp: t0).isEmpty)
        r.touch(.down, 1, 1, at: -5)
        r.touch(.down, 1, 1, at: clock + 3_600_000)   // an hour in the future
        r.touch(.down, 1, 1, at: Int64.max)
        #expect(r.all.isEmpty)
        #expect(r.sanitizer.audit.dropped["touch:invalid"] == 5)
        // None of that moved the clock: an ordinary tap still goes through.
        #expect(r.tap(10, 10, at: t0 + 10).compactMap(\.interaction) == [7, 9])
    }

    @Test func outOfOrderAndOrphanTouches() {
        let r = wireframeScreen()
        r.touch(.up, 1, 1, at: t0 + 10)
        r.touch(.move, 1, 1, at: t0 + 11)
        r.touch(.cancel, 1, 1, at: t0 + 12)
        r.touch(.down, 1, 1, at: t0 + 100)
        r.touch(.move, 2, 1, at: t0 + 50)
        r.touch(.down, 1, 1, at: t0 + 110)   // again, without an up
        let audit = r.sanitizer.audit.dropped
        #expect(audit["touch:without-down"] == 3)
        #expect(audit["touch:out-of-order"] == 1)
        #expect(audit["touch:duplicate-down"] == 1)
        #expect(r.all.compactMap(\.interaction) == [7, 7])
    }

    @Test func tooManyFingers() {
        let r = wireframeScreen()
        for p in 0..<12 { r.touch(.down, Double(p) * 10, 10, at: t0 + 10, pointer: p) }
        #expect(r.sanitizer.audit.dropped["touch:too-many-pointers"] == 2)
        for p in 0..<12 { r.touch(.up, Double(p) * 10, 10, at: t0 + 20, pointer: p) }
        #expect(r.sanitizer.audit.dropped["touch:without-down"] == 2)
    }

    @Test func randomTouchStreamsNeverCrashAndStayOrdered() {
        var rng = SeededRandom(seed: 42)
        let r = wireframeScreen()
        let values: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e308, -1e308, 5, 400, 99_999, .leastNonzeroMagnitude]
        var t = t0
        for _ in 0..<20_000 {
            t += Int64.random(in: -20...40, using: &rng)
            let x = Bool.random(using: &rng) ? values.randomElement(using: &rng)! : Double.random(in: -100...500, using: &rng)
            let y = Double.random(in: -100...900, using: &rng)
            let phase = Int32.random(in: -1...4, using: &rng)
            _ = r.recordRaw(r.sanitizer.touch(pointerId: Int.random(in: -2...12, using: &rng), rawPhase: phase, x: x, y: y, timestamp: t))
        }
        r.flush(at: t)
        let stamps = r.all.compactMap(\.timestamp)
        #expect(stamps == stamps.sorted())
        for e in r.all where e.source == 6 {
            #expect(e.data?["positions"]?.arrayValue?.allSatisfy { ($0["timeOffset"]?.doubleValue ?? 1) <= 0 } == true)
        }
        #expect(r.all.allSatisfy { $0.type == 3 || $0.type == 5 })
    }

    @Test func hostileEventsAreCountedNotPassedThrough() {
        let r = wireframeScreen()
        r.send(#"{"type":6,"timestamp":1,"data":{"plugin":"rrweb/console@1","payload":{"level":"log","payload":["card 4111"]}}}"#)
        r.send(#"{"type":5,"timestamp":1,"data":{"tag":"identify","payload":{"email":"jane@example.com"}}}"#)
        r.send(#"{"type":5,"timestamp":1,"data":{"tag":"keyboard","payload":"open"}}"#)
        r.send(#"{"type":3,"timestamp":1,"data":{"source":5,"id":3,"text":"hunter2","isChecked":false}}"#)
        r.send(#"{"type":7,"timestamp":1,"data":{"url":"x","payload":{}}}"#)
        r.send(#"{"type":42,"timestamp":1,"data":{"x":"y"}}"#)
        r.send(#"{"type":2,"timestamp":1,"data":{"node":{"type":0,"id":1,"childNodes":[]},"initialOffset":{"top":0,"left":0}}}"#)
        #expect(r.all.isEmpty)
        let d = r.sanitizer.audit.dropped
        #expect(d["plugin"] == 1 && d["custom-tag"] == 1 && d["keyboard:invalid"] == 1)
        #expect(d["incremental-source"] == 1 && d["unknown-event-type"] == 2 && d["dom-on-mobile"] == 1)
    }

    @Test func garbageWireframeNumbersAreLeftOut() {
        let r = wireframeScreen()
        let out = r.snapshot(#"[{"id":1,"x":1e300,"y":-5,"width":-1e7,"height":20,"type":"div","disabled":true}]"#, at: t0 + 5)
        let w = out.last?.snapshotWireframes.first
        #expect(w?["x"] == nil && w?["width"] == nil)
        #expect(w?["y"] == .int(-5) && w?["height"] == .int(20))
        #expect(r.sanitizer.audit.dropped["wireframe:invalid-frame"] == 1)
    }

    @Test func takeAuditHandsOutOnlyWhatIsNew() {
        let r = wireframeScreen()
        r.touch(.up, 1, 1, at: t0 + 10)
        let first = r.sanitizer.takeAudit()
        #expect(first.dropped["touch:without-down"] == 1)
        #expect(r.sanitizer.takeAudit().isEmpty)
        r.touch(.up, 1, 1, at: t0 + 11)
        #expect(r.sanitizer.takeAudit().dropped == ["touch:without-down": 1])
        #expect(r.sanitizer.audit.dropped["touch:without-down"] == 2)
    }
}

@Suite struct LocationTests {
    static let on = #"{"version":1,"location":{"capture":true,"precision":6,"minIntervalMs":60000},"mobile":{"screens":[{"match":"*","level":"low"}]}}"#

    func recorder(_ policy: String = on) -> Recorder {
        let r = Recorder(policy)
        r.meta("Home")
        r.clear()
        return r
    }

    @Test func offByDefault() {
        let r = recorder(#"{"version":1}"#)
        #expect(r.location(48.8583701, 2.2944813, at: t0).isEmpty)
        #expect(r.sanitizer.audit.dropped["location:off"] == 1)
    }

    @Test func aGeohashAtThePolicyPrecisionNeverCoordinates() {
        let r = recorder()
        let out = r.location(48.8583701, 2.2944813, accuracy: 5, at: t0)
        #expect(out.map(\.tag) == ["location"])
        #expect(out.first?.payload == .object(["geohash": .string("u09tun"), "precision": .int(6)]))
        #expect(!r.text.contains("48.85") && !r.text.contains("2.29"))
    }

    @Test(arguments: [
        (0.0, 6), (600, 6), (1_000, 5), (4_800, 5), (5_000, 4), (40_000, 3), (1e7, 1),
    ])
    func coarserWhenTheAccuracyIsWorse(accuracy: Double, precision: Int) {
        // At the equator a p6 cell's smaller side is 610 m, p5's 4.89 km, p4's 19.5 km.
        let r = recorder()
        let out = r.location(0.01, 0.01, accuracy: accuracy, at: t0)
        #expect(out.first?.payload?["precision"] == .int(Int64(precision)))
        #expect(out.first?.payload?["geohash"]?.stringValue?.count == precision)
    }

    @Test func cellsNarrowTowardThePoles() {
        // At 60° a p5 cell is 2.4 km wide, so 3 km accuracy is p4 there but p5 at the equator.
        let r = recorder()
        #expect(r.location(60, 10, accuracy: 3_000, at: t0).first?.payload?["precision"] == .int(4))
        #expect(r.location(0, 10, accuracy: 3_000, at: t0 + 60_000).first?.payload?["precision"] == .int(5))
    }

    @Test func rateLimitedByMinInterval() {
        let r = recorder()
        #expect(r.location(1, 1, at: t0).count == 1)
        #expect(r.location(1, 1, at: t0 + 59_999).isEmpty)
        #expect(r.location(1, 1, at: t0 + 60_000).count == 1)
        #expect(r.location(1, 1, at: t0 + 1).isEmpty)
        let d = r.sanitizer.audit.dropped
        #expect(d["location:rate-limit"] == 1 && d["location:out-of-order"] == 1)
    }

    @Test(arguments: [
        (Double.nan, 1.0, 10.0), (1, .nan, 10), (91, 1, 10), (1, -180.5, 10), (1, 1, -1), (1, 1, .nan), (1, 1, .infinity),
    ])
    func invalidFixes(lat: Double, lon: Double, accuracy: Double) {
        let r = recorder()
        #expect(r.location(lat, lon, accuracy: accuracy, at: t0).isEmpty)
        #expect(r.sanitizer.audit.dropped["location:invalid"] == 1)
        // An invalid fix does not count against the rate limit.
        #expect(r.location(1, 1, at: t0 + 1).count == 1)
    }

    @Test func pausedScreensSendNoLocation() {
        let r = Recorder(#"{"version":1,"location":{"capture":true},"mobile":{"screens":[{"match":"*","level":"high"}]}}"#)
        r.meta("Vault")
        #expect(r.location(1, 1, at: t0).isEmpty)
        #expect(r.sanitizer.audit.dropped["paused"] == 1)
    }
}
