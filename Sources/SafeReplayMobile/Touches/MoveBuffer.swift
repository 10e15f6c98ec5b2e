/// Touch-move positions waiting to be sent as one TouchMove event (or one heatmap
/// event): flushed once the first is 50 ms old in event time, when it fills, and before
/// anything else is emitted, so output stays in time order.
struct MoveBuffer {
    static let intervalMs: Int64 = 50
    static let capacity = 64

    private(set) var positions: [VelocitySample] = []

    init() {
        positions.reserveCapacity(Self.capacity)
    }

    var isEmpty: Bool { positions.isEmpty }

    /// Adds a position; true when the buffer is due for a flush.
    @inline(__always)
    mutating func append(x: Double, y: Double, time: Int64) -> Bool {
        positions.append(VelocitySample(x: x, y: y, time: time))
        return time - positions[0].time >= Self.intervalMs || positions.count >= Self.capacity
    }

    mutating func removeAll() {
        positions.removeAll(keepingCapacity: true)
    }
}
