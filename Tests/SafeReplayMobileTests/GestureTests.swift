import Testing
import SafeReplayModel
@testable import SafeReplayMobile

/// Boundaries one unit either side of every threshold (docs/mobile-capture.md).
@Suite struct GestureTests {
    /// A finger held at (x, y) for `ms`, then lifted.
    func press(_ r: Recorder, at t: Int64, holding ms: Int64, x: Double = 100, y: Double = 100) {
        r.touch(.down, x, y, at: t)
        r.touch(.up, x, y, at: t + ms)
    }

    static let intervals: [(Int64, [String])] = [(39, ["tap", "tap"]), (40, ["tap", "double-tap"]), (300, ["tap", "double-tap"]), (301, ["tap", "tap"])]

    @Test(arguments: intervals)
    func doubleTapInterval(gap: Int64, kinds: [String]) {
        let r = wireframeScreen()
        press(r, at: t0 + 1_000, holding: 50)
        press(r, at: t0 + 1_050 + gap, holding: 50)
        #expect(r.gestureKinds == kinds)
    }

    @Test(arguments: [(99.9, "double-tap"), (100.0, "tap")])
    func doubleTapDistanceBetweenDowns(distance: Double, second: String) {
        let r = wireframeScreen()
        press(r, at: t0 + 1_000, holding: 50, x: 100)
        press(r, at: t0 + 1_200, holding: 50, x: 100 + distance)
        #expect(r.gestureKinds == ["tap", second])
    }

    @Test func aThirdTapStartsOver() {
        let r = wireframeScreen(#"{"version":1,"mobile":{"rageTap":{"count":5},"screens":[{"match":"*","level":"low"}]}}"#)
        for i in 0..<4 { press(r, at: t0 + 1_000 + Int64(i) * 150, holding: 50) }
        #expect(r.gestureKinds == ["tap", "double-tap", "tap", "double-tap"])
    }

    @Test(arguments: [(7.9, "tap"), (8.0, "tap"), (8.1, nil)] as [(Double, String?)])
    func touchSlop(distance: Double, kind: String?) {
        let r = wireframeScreen()
        r.touch(.down, 100, 100, at: t0 + 1_000)
        r.touch(.move, 100 + distance, 100, at: t0 + 1_050)
        r.touch(.move, 100, 100, at: t0 + 1_100)
        r.touch(.up, 100, 100, at: t0 + 1_150)
        // Beyond the slop it is a drag; slow, so not a swipe either.
        #expect(r.gestureKinds == (kind.map { [$0] } ?? []))
    }

    @Test(arguments: [(499, "tap"), (500, "long-press"), (501, "long-press")] as [(Int64, String)])
    func longPressDuration(held: Int64, kind: String) {
        let r = wireframeScreen()
        press(r, at: t0 + 1_000, holding: held)
        #expect(r.gestureKinds == [kind])
    }

    @Test func leavingTheSlopBeforeTheLongPressTimeoutIsNotALongPress() {
        let r = wireframeScreen()
        r.touch(.down, 100, 100, at: t0 + 1_000)
        r.touch(.move, 120, 100, at: t0 + 1_499)
        r.touch(.up, 120, 100, at: t0 + 1_700)
        #expect(r.gestureKinds.isEmpty)
        // After the timeout the finger may wander: still a long press.
        r.touch(.down, 100, 100, at: t0 + 2_000)
        r.touch(.move, 120, 100, at: t0 + 2_500)
        r.touch(.up, 120, 100, at: t0 + 2_700)
        #expect(r.gestureKinds == ["long-press"])
    }

    /// A drag at constant `speed` units/s along `dx`/`dy` for one second, sampled every
    /// 10 ms, lifted at full speed.
    func fling(_ r: Recorder, speed: Double, dx: Double, dy: Double, at t: Int64) {
        r.touch(.down, 200, 400, at: t)
        for step in 1...100 {
            let d = speed * Double(step) / 100
            r.touch(.move, 200 + dx * d, 400 + dy * d, at: t + Int64(step) * 10)
        }
        r.touch(.up, 200 + dx * speed, 400 + dy * speed, at: t + 1_000)
    }

    @Test(arguments: [(49.0, false), (50.0, false), (51.0, true)])
    func flingVelocity(speed: Double, isSwipe: Bool) {
        let r = wireframeScreen()
        fling(r, speed: speed, dx: 1, dy: 0, at: t0 + 1_000)
        #expect(r.gestureKinds == (isSwipe ? ["swipe"] : []))
    }

    @Test(arguments: [(1.0, 0.0, "right"), (-1.0, 0.0, "left"), (0.0, 1.0, "down"), (0.0, -1.0, "up"), (0.6, -0.8, "up")])
    func swipeDirection(dx: Double, dy: Double, direction: String) {
        let r = wireframeScreen()
        fling(r, speed: 300, dx: dx, dy: dy, at: t0 + 1_000)
        #expect(r.gestures.first?["direction"]?.stringValue == direction)
        #expect(r.gestures.first?["x"] == .int(200))
    }

    @Test func gestureBytesAreWhatTheModelWrites() {
        // Gesture events are formatted by hand on the touch path; they must be exactly the
        // model's encoding of the same Custom event.
        let r = wireframeScreen()
        fling(r, speed: 300, dx: 0, dy: -1, at: t0 + 1_000)
        r.touch(.down, 100.4, 300, at: t0 + 3_000, pointer: 1)
        r.touch(.down, 200, 300, at: t0 + 3_010, pointer: 2)
        r.touch(.move, 80, 300, at: t0 + 3_100, pointer: 1)
        r.touch(.up, 80, 300, at: t0 + 3_200, pointer: 1)
        r.touch(.up, 200, 300, at: t0 + 3_210, pointer: 2)
        for (x, t) in [(10.0, 5_000), (11, 5_100), (12, 5_200)] as [(Double, Int64)] { r.tap(x, 10, at: t0 + t, holding: 20) }
        let emitted = r.output.filter { $0.type == 5 }
        #expect(r.gestureKinds == ["swipe", "pinch", "tap", "double-tap", "tap", "rage-tap"])
        for event in emitted {
            let v = event.value
            let model = Event(timestamp: v.timestamp, body: .custom(CustomData(tag: "gesture", payload: v.payload ?? .null)))
            #expect(event.json == model.jsonBytes, "\(String(decoding: event.json, as: UTF8.self))")
        }
    }

    @Test func restingBeforeLiftingIsNotAFling() {
        let r = wireframeScreen()
        r.touch(.down, 0, 0, at: t0 + 1_000)
        r.touch(.move, 300, 0, at: t0 + 1_100)
        r.touch(.up, 300, 0, at: t0 + 1_141)
        #expect(r.gestureKinds.isEmpty)
    }

    @Test(arguments: [(16.0, nil), (16.1, 1.161)] as [(Double, Double?)])
    func pinchSpan(growth: Double, scale: Double?) {
        let r = wireframeScreen()
        r.touch(.down, 100, 300, at: t0 + 1_000, pointer: 1)
        r.touch(.down, 200, 300, at: t0 + 1_010, pointer: 2)
        r.touch(.move, 100 - growth / 2, 300, at: t0 + 1_100, pointer: 1)
        r.touch(.move, 200 + growth / 2, 300, at: t0 + 1_100, pointer: 2)
        r.touch(.up, 100 - growth / 2, 300, at: t0 + 1_200, pointer: 1)
        r.touch(.up, 200 + growth / 2, 300, at: t0 + 1_210, pointer: 2)
        #expect(r.gestures.first?["scale"]?.doubleValue == scale)
        #expect(r.gestureKinds == (scale == nil ? [] : ["pinch"]))
    }
}

@Suite struct RageTapTests {
    func taps(_ r: Recorder, _ points: [(t: Int64, x: Double)]) {
        for p in points {
            r.touch(.down, p.x, 100, at: t0 + p.t)
            r.touch(.up, p.x, 100, at: t0 + p.t + 20)
        }
    }

    @Test(arguments: [(1_000, true), (1_001, false)] as [(Int64, Bool)])
    func windowFromTheFirstTap(lastDown: Int64, isRage: Bool) {
        // Taps are timed at their up (20 ms after each down): 1000 or 1001 ms after the first.
        let r = wireframeScreen()
        taps(r, [(0, 100), (500, 100), (lastDown, 100)])
        #expect(r.gestureKinds.filter { $0 == "rage-tap" }.count == (isRage ? 1 : 0))
    }

    @Test(arguments: [(30.0, true), (30.1, false)])
    func radiusFromTheFirstTap(offset: Double, isRage: Bool) {
        let r = wireframeScreen()
        taps(r, [(0, 100), (400, 100 + offset / 2), (800, 100 + offset)])
        #expect(r.gestureKinds.contains("rage-tap") == isRage)
    }

    @Test func firesOncePerBurstWithItsCount() {
        let r = wireframeScreen()
        taps(r, [(0, 100), (100, 100), (200, 100), (300, 100), (400, 100)])
        let rage = r.gestures.filter { $0["kind"]?.stringValue == "rage-tap" }
        #expect(rage.count == 1)
        #expect(rage.first?["count"] == .int(3))
        // Taps (and double taps) are still reported alongside.
        #expect(r.gestureKinds.filter { $0 != "rage-tap" }.count == 5)
    }

    @Test func policyNumbersApply() {
        let r = wireframeScreen(#"{"version":1,"mobile":{"rageTap":{"count":4,"windowMs":500,"radius":5},"screens":[{"match":"*","level":"low"}]}}"#)
        taps(r, [(0, 100), (100, 100), (200, 100)])
        #expect(!r.gestureKinds.contains("rage-tap"))
        taps(r, [(300, 104)])
        #expect(r.gestureKinds.contains("rage-tap"))
    }
}
