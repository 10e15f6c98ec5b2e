/// The fingers currently down, by pointer id, in fixed storage: a touch move touches
/// no allocator and no hash table.
struct PointerTable {
    /// More simultaneous pointers than this are garbage (ten fingers).
    static let capacity = 10
    /// Samples kept per pointer for velocity: 100 ms at 240 Hz needs 24.
    static let ringSize = 32

    private(set) var pointers = [TouchPointer](repeating: TouchPointer(), count: capacity)
    private var ring = [VelocitySample](repeating: VelocitySample(x: 0, y: 0, time: 0), count: capacity * ringSize)
    private(set) var activeCount = 0

    subscript(slot: Int) -> TouchPointer { pointers[slot] }

    @inline(__always)
    func slot(of id: Int) -> Int? {
        guard activeCount > 0 else { return nil }
        for i in 0..<Self.capacity where pointers[i].active && pointers[i].id == id { return i }
        return nil
    }

    /// The other active, captured pointers' slots (for multi-touch gestures).
    func capturedSlots() -> [Int] {
        (0..<Self.capacity).filter { pointers[$0].active && pointers[$0].suppressedBy == nil }
    }

    mutating func begin(id: Int, x: Double, y: Double, time: Int64, suppressedBy: DropReason?) -> Int? {
        guard let slot = pointers.firstIndex(where: { !$0.active }) else { return nil }
        var p = TouchPointer()
        p.id = id
        p.active = true
        p.suppressedBy = suppressedBy
        p.downX = x
        p.downY = y
        p.downTime = time
        p.x = x
        p.y = y
        p.time = time
        p.ringEnd = slot * Self.ringSize
        pointers[slot] = p
        activeCount += 1
        record(slot)
        return slot
    }

    /// Whether a move at `time` is sent under the sampling interval (one position per
    /// `interval` ms per finger); notes it when it is.
    @inline(__always)
    mutating func samples(_ slot: Int, at time: Int64, interval: Int64) -> Bool {
        let last = pointers[slot].lastSentMove
        if interval > 0 && last != .min && time - last < interval { return false }
        pointers[slot].lastSentMove = time
        return true
    }

    /// Moves the pointer, noting when it first leaves the `slop` circle around its down.
    @inline(__always)
    mutating func move(_ slot: Int, x: Double, y: Double, time: Int64, slop: Double) {
        pointers[slot].x = x
        pointers[slot].y = y
        pointers[slot].time = time
        if pointers[slot].leftTapRegionAt == .max {
            let dx = x - pointers[slot].downX, dy = y - pointers[slot].downY
            if dx * dx + dy * dy > slop * slop { pointers[slot].leftTapRegionAt = time }
        }
        record(slot)
    }

    @inline(__always)
    private mutating func record(_ slot: Int) {
        let base = slot * Self.ringSize
        var end = pointers[slot].ringEnd
        ring[end] = VelocitySample(x: pointers[slot].x, y: pointers[slot].y, time: pointers[slot].time)
        end += 1
        if end == base + Self.ringSize { end = base }
        pointers[slot].ringEnd = end
        if pointers[slot].ringCount < Self.ringSize { pointers[slot].ringCount += 1 }
    }

    mutating func end(_ slot: Int) {
        guard pointers[slot].active else { return }
        pointers[slot].active = false
        activeCount -= 1
    }

    mutating func reset() {
        for i in 0..<Self.capacity { pointers[i].active = false }
        activeCount = 0
    }

    /// Units per second over the samples of the last `window` ms, from the oldest one in
    /// the window to the newest; zero when the pointer rested longer than `stopped` ms
    /// before its newest sample.
    func velocity(_ slot: Int, window: Int64, stopped: Int64) -> (vx: Double, vy: Double) {
        let p = pointers[slot]
        guard p.ringCount >= 2 else { return (0, 0) }
        let base = slot * Self.ringSize
        func sample(_ back: Int) -> VelocitySample {
            var i = p.ringEnd - 1 - back
            if i < base { i += Self.ringSize }
            return ring[i]
        }
        let newest = sample(0)
        if newest.time - sample(1).time > stopped { return (0, 0) }
        var oldest = sample(1)
        var back = 2
        while back < p.ringCount {
            let s = sample(back)
            guard newest.time - s.time <= window else { break }
            oldest = s
            back += 1
        }
        let dt = Double(newest.time - oldest.time)
        guard dt > 0 else { return (0, 0) }
        return ((newest.x - oldest.x) * 1_000 / dt, (newest.y - oldest.y) * 1_000 / dt)
    }
}
