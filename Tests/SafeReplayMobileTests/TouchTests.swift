import Testing
import SafeReplayModel
@testable import SafeReplayMobile

/// A recorder on a wireframe screen with a snapshot the player already has.
func wireframeScreen(_ policyJSON: String = #"{"version":1,"mobile":{"screens":[{"match":"*","level":"low"}]}}"#) -> Recorder {
    let r = Recorder(policyJSON)
    r.meta("Home")
    r.snapshot(ScreenTests.tree, at: t0 + 1)
    r.clear()
    return r
}

@Suite struct TouchTests {
    @Test func downAndUpBecomeTouchStartAndEndOnTheBody() {
        let r = wireframeScreen()
        let down = r.touch(.down, 12.5, 30.2, at: t0 + 10)
        // Whole points, as the PostHog SDKs send them.
        #expect(down == [.object([
            "type": .int(3),
            "data": .object(["source": .int(2), "type": .int(7), "id": .int(0), "x": .int(13), "y": .int(30), "pointerType": .int(2)]),
            "timestamp": .int(t0 + 10),
        ])])
        // The bytes are what the model's own encoder writes for that event.
        let model = Event(timestamp: t0 + 10, body: .incrementalSnapshot(.mouseInteraction(MouseInteractionData(type: 7, id: 0, x: 13, y: 30, pointerType: 2))))
        #expect(r.output.first?.json == model.jsonBytes)
        let up = r.touch(.up, 12.5, 30, at: t0 + 20)
        #expect(up.first?.interaction == 9)
        #expect(up.last?.tag == "gesture")
        let cancel = r.touch(.down, 1, 1, at: t0 + 30) + r.touch(.cancel, 1, 1, at: t0 + 40)
        #expect(cancel.map(\.interaction) == [7, 10])
    }

    static let unsampled = #"{"version":1,"sampling":{"mousemoveIntervalMs":0},"mobile":{"screens":[{"match":"*","level":"low"}]}}"#

    @Test func movesAreBufferedAndFlushedEvery50msWithNonPositiveOffsets() {
        let r = wireframeScreen(Self.unsampled)
        r.touch(.down, 0, 0, at: t0 + 100)
        var flushed: [JSONValue] = []
        for i in 1...11 { flushed += r.touch(.move, Double(i) * 10, 0, at: t0 + 100 + Int64(i) * 10) }
        // Positions at 110…160 go out when the one at 160 makes the first 50 ms old.
        #expect(flushed.count == 1)
        let first = flushed[0]
        #expect(first.source == 6)
        let positions = first.data?["positions"]?.arrayValue ?? []
        #expect(positions.count == 6)
        #expect(positions.allSatisfy { ($0["timeOffset"]?.doubleValue ?? 1) <= 0 && $0["id"] == .int(0) })
        #expect(positions.last?["timeOffset"] == .int(0))
        #expect(first.timestamp == t0 + 160)
        let model = Event(timestamp: t0 + 160, body: .incrementalSnapshot(.pointerPositions(.touchMove, PointerPositionsData(positions: (1...6).map {
            PointerPosition(x: Double($0) * 10, y: 0, id: 0, timeOffset: Double($0 * 10 - 60))
        }))))
        #expect(r.output.first { $0.value.source == 6 }?.json == model.jsonBytes)
        // The rest goes out before the TouchEnd.
        let up = r.touch(.up, 130, 0, at: t0 + 230)
        #expect(up.map(\.source) == [6, 2, nil])
    }

    @Test func positionsAreSampledPerFingerLikePointerPositions() {
        // The policy's default `mousemoveIntervalMs` is 50: one position per 50 ms per finger.
        let r = wireframeScreen()
        r.touch(.down, 0, 0, at: t0 + 100, pointer: 1)
        r.touch(.down, 300, 0, at: t0 + 100, pointer: 2)
        for i in 1...20 {
            r.touch(.move, Double(i), 0, at: t0 + 100 + Int64(i) * 10, pointer: 1)
            r.touch(.move, 300 - Double(i), 0, at: t0 + 100 + Int64(i) * 10, pointer: 2)
        }
        r.flush(at: t0 + 400)
        let xs = r.all.filter { $0.source == 6 }.flatMap { $0.data?["positions"]?.arrayValue ?? [] }.compactMap { $0["x"]?.int64Value }
        #expect(xs == [1, 299, 6, 294, 11, 289, 16, 284])
    }

    @Test func flushPendingSendsBufferedMoves() {
        let r = wireframeScreen()
        r.touch(.down, 0, 0, at: t0 + 100)
        r.touch(.move, 5, 0, at: t0 + 110)
        let out = r.flush(at: t0 + 115)
        #expect(out.map(\.source) == [6])
        #expect(r.flush(at: t0 + 120).isEmpty)
    }

    @Test func fingersAreTrackedByPointerID() {
        let r = wireframeScreen()
        r.touch(.down, 10, 10, at: t0 + 10, pointer: 7)
        r.touch(.down, 100, 100, at: t0 + 20, pointer: 9)
        r.touch(.up, 100, 100, at: t0 + 30, pointer: 9)
        r.touch(.up, 10, 10, at: t0 + 40, pointer: 7)
        let interactions = r.all.compactMap(\.interaction)
        #expect(interactions == [7, 7, 9, 9])
        // Two fingers at once: no taps.
        #expect(r.gestureKinds.isEmpty)
        #expect(r.sanitizer.audit.dropped.isEmpty)
    }

    @Test func captureGesturesOffMeansNoTouchesAtAll() {
        let r = wireframeScreen(#"{"version":1,"mobile":{"captureGestures":false,"screens":[{"match":"*","level":"low"}]}}"#)
        r.tap(10, 10, at: t0 + 10)
        r.touch(.move, 10, 10, at: t0 + 20)
        #expect(r.all.isEmpty)
        #expect(r.sanitizer.audit.dropped["touch:gestures-off"] == 3)
    }

    @Test func inBandTouchesTakeTheSamePath() {
        let r = wireframeScreen()
        r.send(#"{"type":3,"timestamp":\#(t0 + 10),"data":{"source":2,"type":7,"id":0,"x":10,"y":20,"pointerType":2}}"#)
        r.send(#"{"type":3,"timestamp":\#(t0 + 80),"data":{"source":6,"positions":[{"x":11,"y":20,"id":0,"timeOffset":-40}]}}"#)
        r.send(#"{"type":3,"timestamp":\#(t0 + 90),"data":{"source":2,"type":9,"id":0,"x":11,"y":20,"pointerType":2}}"#)
        r.send(#"{"type":3,"timestamp":\#(t0 + 95),"data":{"source":2,"type":2,"id":5,"x":11,"y":20}}"#)
        #expect(r.all.map(\.source) == [2, 6, 2, nil])
        #expect(r.gestureKinds == ["tap"])
        #expect(r.sanitizer.audit.dropped["mouse-interaction"] == 1)
    }
}

@Suite struct KeyboardTests {
    @Test func touchesOnTheKeyboardAreDroppedAndCounted() {
        let r = wireframeScreen()
        let kb = r.keyboard(open: true, height: 300)
        #expect(kb.first?.payload == .object(["open": .bool(true), "height": .int(300)]))
        // The viewport is 844 high: the keyboard starts at 544.
        r.tap(100, 544, at: t0 + 10)
        r.tap(100, 700, at: t0 + 100)
        r.touch(.down, 100, 800, at: t0 + 200)
        r.touch(.move, 120, 800, at: t0 + 210)
        r.touch(.up, 120, 800, at: t0 + 220)
        #expect(r.all.filter { $0.type == 3 }.isEmpty)
        #expect(r.gestures.isEmpty)
        #expect(r.sanitizer.audit.dropped["touch:keyboard"] == 7)
        // Above it, touches are recorded.
        let above = r.tap(100, 543.9, at: t0 + 300)
        #expect(above.map(\.interaction) == [7, 9, nil])
        // A finger that slides onto the keyboard loses those positions and its lift.
        r.touch(.down, 100, 500, at: t0 + 400)
        r.touch(.move, 100, 600, at: t0 + 410)
        let lift = r.touch(.up, 100, 600, at: t0 + 420)
        #expect(lift.isEmpty)
        r.keyboard(open: false, at: t0 + 500)
        #expect(r.tap(100, 700, at: t0 + 600).map(\.interaction) == [7, 9, nil])
    }

    @Test func aKeyboardWithoutAKnownEdgeCoversTheWholeScreen() {
        let r = wireframeScreen()
        r.send(#"{"type":5,"timestamp":\#(t0),"data":{"tag":"keyboard","payload":{"open":true,"height":"tall"}}}"#)
        r.tap(10, 10, at: t0 + 10)
        #expect(r.all.isEmpty)
        #expect(r.sanitizer.audit.dropped["touch:keyboard"] == 2)
        #expect(r.sanitizer.audit.dropped["keyboard:invalid"] == 1)
    }

    @Test func reportedTopEdgeWins() {
        let r = wireframeScreen()
        r.send(##"{"type":5,"timestamp":\##(t0),"data":{"tag":"keyboard","payload":{"open":true,"height":200,"y":400,"styles":{"backgroundColor":"#000"}}}}"##)
        #expect(r.all.first?.payload == .object(["open": .bool(true), "height": .int(200), "y": .int(400)]))
        r.tap(10, 399, at: t0 + 10)
        r.tap(10, 400, at: t0 + 100)
        #expect(r.all.compactMap(\.interaction) == [7, 9])
    }
}
