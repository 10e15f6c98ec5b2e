public import SafeReplayModel

extension MobileSanitizer {
    /// Coordinates beyond this (points or dp) are garbage.
    static let touchCoordinateLimit = 100_000.0
    /// A down timestamped further than this past the clock is refused, so one garbage
    /// timestamp cannot make every later touch look out of order.
    static let touchFutureToleranceMs: Int64 = 60_000

    /// One touch from the host's touch feed (the C ABI's `sr_touch`).
    ///
    /// Down, up and cancel become TouchStart/TouchEnd/TouchCancel on the body; moves are
    /// buffered into TouchMove events; lifts may add Custom `gesture` events. Garbage is
    /// dropped and counted, never a crash and never a change of state.
    public func touch(pointerId: Int, phase: TouchPhase, x: Double, y: Double, timestamp: Int64) -> [SanitizedEvent] {
        handleTouch(pointerID: pointerId, phase: phase, x: x, y: y, timestamp: timestamp)
        return out.take()
    }

    /// `touch` with the phase as the C ABI passes it; an unknown phase is dropped.
    public func touch(pointerId: Int, rawPhase: Int32, x: Double, y: Double, timestamp: Int64) -> [SanitizedEvent] {
        guard let phase = TouchPhase(rawValue: rawPhase) else {
            ledger.drop(.touchInvalid)
            return []
        }
        return touch(pointerId: pointerId, phase: phase, x: x, y: y, timestamp: timestamp)
    }

    func handleTouch(pointerID: Int, phase: TouchPhase, x: Double, y: Double, timestamp t: Int64) {
        guard capturesGestures else {
            ledger.drop(.gesturesOff)
            return
        }
        guard abs(x) <= Self.touchCoordinateLimit, abs(y) <= Self.touchCoordinateLimit, t >= 0 else {
            // NaN fails the comparisons too.
            ledger.drop(.touchInvalid)
            return
        }
        guard admitsInput() else { return }
        guard t >= lastTouchTime else {
            ledger.drop(.touchOutOfOrder)
            return
        }
        switch phase {
        case .down: touchDown(pointerID, x: x, y: y, at: t)
        case .move: touchMove(pointerID, x: x, y: y, at: t)
        case .up, .cancel: touchEnd(pointerID, x: x, y: y, at: t, cancelled: phase == .cancel)
        }
    }

    /// Why a touch at (x, y) may not be recorded, if it may not.
    @inline(__always)
    private func suppression(x: Double, y: Double) -> DropReason? {
        if keyboard.covers(y: y) { return .touchKeyboard }
        if mirror.dropsTouch(x: x, y: y) { return .touchView }
        return nil
    }

    private func touchDown(_ id: Int, x: Double, y: Double, at t: Int64) {
        guard t <= now() &+ Self.touchFutureToleranceMs else {
            ledger.drop(.touchInvalid)
            return
        }
        if let stale = pointers.slot(of: id) {
            ledger.drop(.touchDuplicateDown)
            if pointers[stale].suppressedBy == nil { gestures.pointerCancelled(stale) }
            pointers.end(stale)
        }
        let suppressed = suppression(x: x, y: y)
        guard let slot = pointers.begin(id: id, x: x, y: y, time: t, suppressedBy: suppressed) else {
            ledger.drop(.touchTooManyPointers)
            return
        }
        lastTouchTime = t
        if let suppressed {
            ledger.drop(suppressed)
            return
        }
        gestures.pointerDown(slot, in: pointers)
        switch mode {
        case .wireframes:
            flushMoves()
            payCheckout(at: t)
            out.touchInteraction(.touchStart, x: x, y: y, timestamp: t)
        case .heatmap:
            flushMoves()
            emitHeatmap(kind: "touch", points: [VelocitySample(x: x, y: y, time: t)], at: t)
        default:
            break
        }
    }

    private func touchMove(_ id: Int, x: Double, y: Double, at t: Int64) {
        guard let slot = pointers.slot(of: id) else {
            ledger.drop(.touchWithoutDown)
            return
        }
        lastTouchTime = t
        if let reason = pointers[slot].suppressedBy ?? suppression(x: x, y: y) {
            ledger.drop(reason)
            return
        }
        pointers.move(slot, x: x, y: y, time: t, slop: thresholds.touchSlop)
        guard mode == .wireframes || mode == .heatmap, pointers.samples(slot, at: t, interval: moveIntervalMs) else { return }
        if moves.append(x: x, y: y, time: t) { flushMoves() }
    }

    private func touchEnd(_ id: Int, x: Double, y: Double, at t: Int64, cancelled: Bool) {
        guard let slot = pointers.slot(of: id) else {
            ledger.drop(.touchWithoutDown)
            return
        }
        lastTouchTime = t
        defer { pointers.end(slot) }
        if let reason = pointers[slot].suppressedBy {
            ledger.drop(reason)
            return
        }
        // Lifting on the keyboard or a touch-dropping view: the position may not go out,
        // so the finger ends without an event and without a gesture.
        if let reason = suppression(x: x, y: y) {
            ledger.drop(reason)
            gestures.pointerCancelled(slot)
            return
        }
        pointers.move(slot, x: x, y: y, time: t, slop: thresholds.touchSlop)
        var recognized = GesturePair.none
        if cancelled {
            gestures.pointerCancelled(slot)
        } else {
            recognized = gestures.pointerUp(slot, in: pointers)
        }
        switch mode {
        case .wireframes:
            flushMoves()
            payCheckout(at: t)
            out.touchInteraction(cancelled ? .touchCancel : .touchEnd, x: x, y: y, timestamp: t)
        case .heatmap:
            flushMoves()
            return
        default:
            break
        }
        if let g = recognized.first { emitGesture(g, at: t) }
        if let g = recognized.second { emitGesture(g, at: t) }
    }

    /// Sends the buffered move positions as one TouchMove (or heatmap) event.
    func flushMoves() {
        guard let newest = moves.positions.last?.time else { return }
        switch mode {
        case .wireframes:
            payCheckout(at: newest)
            out.touchMoves(moves.positions)
        case .heatmap:
            emitHeatmap(kind: "move", points: moves.positions, at: newest)
        default:
            break
        }
        // Emptied after writing: with no other reference left the buffer is kept.
        moves.removeAll()
    }

    private func emitHeatmap(kind: String, points: [VelocitySample], at t: Int64) {
        let screen = screenTemplate, width = viewportWidth, height = viewportHeight
        out.custom(.heatmap, timestamp: t) { w in
            w.field("kind")
            w.string(kind)
            w.field("screen")
            w.string(screen)
            w.field("points")
            w.beginArray()
            for p in points {
                w.beginArray()
                w.int64(TouchEventBytes.coordinate(p.x))
                w.int64(TouchEventBytes.coordinate(p.y))
                w.endArray()
            }
            w.endArray()
            if let width {
                w.field("width")
                w.double(width)
            }
            if let height {
                w.field("height")
                w.double(height)
            }
        }
    }

    private func emitGesture(_ g: Gesture, at t: Int64) {
        out.gesture(g, screen: screenTemplateJSON, timestamp: t)
    }
}
