/// Recognizes taps, double taps, long presses, swipes, pinches and rage taps from the
/// captured pointers, deciding when a finger lifts (a passive recorder sees no timers,
/// so a long press is reported at its release).
///
/// One finger: still inside the slop → tap (or double tap when the previous tap's up was
/// 40–300 ms before this down and the downs are closer than 100); held ≥ 500 ms before
/// leaving the slop → long press; otherwise a release faster than 50 units/s on either
/// axis → swipe in the dominant direction, else nothing (a drag or a scroll). A second
/// finger makes the sequence multi-touch: no tap, press or swipe until all fingers are up;
/// exactly two fingers whose span changed by more than 16 make a pinch.
struct GestureRecognizer {
    let thresholds: GestureThresholds
    private var rage: RageTapDetector
    /// More than one captured finger was down at once since the last time none was.
    private var multiTouch = false
    private var pinch: (a: Int, b: Int, span: Double)?
    /// The last tap, for double taps: its up time and its down position.
    private var lastTap: (upTime: Int64, x: Double, y: Double)?

    init(thresholds: GestureThresholds) {
        self.thresholds = thresholds
        rage = RageTapDetector(count: thresholds.rageCount, windowMs: thresholds.rageWindowMs, radius: thresholds.rageRadius)
    }

    /// A captured finger went down; `captured` are all captured fingers down now.
    mutating func pointerDown(_ slot: Int, in table: PointerTable) {
        let captured = table.capturedSlots()
        if captured.count <= 1 {
            multiTouch = false
            pinch = nil
            return
        }
        multiTouch = true
        if captured.count == 2 {
            let a = table[captured[0]], b = table[captured[1]]
            pinch = (captured[0], captured[1], Self.distance(a.x, a.y, b.x, b.y))
        } else {
            pinch = nil
        }
    }

    /// A captured finger lifted (after its last position was recorded).
    mutating func pointerUp(_ slot: Int, in table: PointerTable) -> GesturePair {
        var result = GesturePair.none
        let p = table[slot]
        if multiTouch {
            if let (a, b, start) = pinch, slot == a || slot == b {
                pinch = nil
                let pa = table[a], pb = table[b]
                let end = Self.distance(pa.x, pa.y, pb.x, pb.y)
                // Fingers that start closer than the slop make no measurable pinch (and an
                // unbounded scale).
                if start > thresholds.pinchSpanSlop, abs(end - start) > thresholds.pinchSpanSlop {
                    result.append(Gesture(kind: .pinch, x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2, scale: (end / start * 1_000).rounded() / 1_000))
                }
            }
            lastTap = nil
            return result
        }
        let heldInPlace = p.leftTapRegionAt >= p.downTime + thresholds.longPressMs
        if p.time - p.downTime >= thresholds.longPressMs && heldInPlace {
            lastTap = nil
            result.append(Gesture(kind: .longPress, x: p.downX, y: p.downY))
        } else if p.isInTapRegion {
            result.append(tap(p))
            if let burst = rage.tap(x: p.downX, y: p.downY, at: p.time) {
                result.append(Gesture(kind: .rageTap, x: burst.x, y: burst.y, count: burst.count))
            }
        } else {
            lastTap = nil
            let v = table.velocity(slot, window: thresholds.velocityWindowMs, stopped: thresholds.pointerStoppedMs)
            if max(abs(v.vx), abs(v.vy)) > thresholds.minimumFlingVelocity {
                let direction: Gesture.Direction = abs(v.vx) >= abs(v.vy) ? (v.vx > 0 ? .right : .left) : (v.vy > 0 ? .down : .up)
                result.append(Gesture(kind: .swipe, x: p.downX, y: p.downY, direction: direction))
            }
        }
        return result
    }

    private mutating func tap(_ p: TouchPointer) -> Gesture {
        if let last = lastTap {
            let interval = p.downTime - last.upTime
            if interval >= thresholds.doubleTapMinMs, interval <= thresholds.doubleTapMaxMs,
               Self.distance(p.downX, p.downY, last.x, last.y) < thresholds.doubleTapSlop {
                lastTap = nil
                return Gesture(kind: .doubleTap, x: p.downX, y: p.downY)
            }
        }
        lastTap = (p.time, p.downX, p.downY)
        return Gesture(kind: .tap, x: p.downX, y: p.downY)
    }

    /// A finger was cancelled (or lifted where it may not be recorded): no gesture.
    mutating func pointerCancelled(_ slot: Int) {
        if let (a, b, _) = pinch, slot == a || slot == b { pinch = nil }
        lastTap = nil
    }

    /// Forgets everything (entering a paused screen).
    mutating func reset() {
        multiTouch = false
        pinch = nil
        lastTap = nil
        rage.reset()
    }

    static func distance(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
        let dx = x1 - x2, dy = y1 - y2
        return (dx * dx + dy * dy).squareRoot()
    }
}
