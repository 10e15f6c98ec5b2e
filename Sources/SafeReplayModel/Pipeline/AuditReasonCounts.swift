/// Counts of the ``AuditReason`` drop reasons, one fixed slot each: adding, merging and
/// taking them allocate nothing and hash nothing.
package struct AuditReasonCounts: Sendable {
    /// Slots available; `AuditReason` may not have more cases (a test checks).
    package static let capacity = 24

    private var slots: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Bit `r` is set once reason `r` was counted, even zero times: a dictionary would then
    /// hold the key with 0, and the counts read the same either way.
    private(set) var present: UInt32 = 0

    init() {}

    var isEmpty: Bool { present == 0 }

    private subscript(slot: Int) -> Int {
        get { withUnsafeBytes(of: slots) { $0.load(fromByteOffset: slot &* MemoryLayout<Int>.stride, as: Int.self) } }
        set {
            withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: newValue, toByteOffset: slot &* MemoryLayout<Int>.stride, as: Int.self) }
        }
    }

    mutating func add(_ reason: AuditReason, _ n: Int) {
        self[reason.rawValue] += n
        present |= 1 << UInt32(reason.rawValue)
    }

    mutating func add(_ other: AuditReasonCounts) {
        var bits = other.present
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            self[slot] += other[slot]
        }
        present |= other.present
    }

    /// Each counted reason with its count, in slot order.
    func forEach(_ body: (AuditReason, Int) -> Void) {
        var bits = present
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            body(AuditReason(rawValue: slot)!, self[slot])
        }
    }

    var total: Int {
        var sum = 0
        forEach { sum += $1 }
        return sum
    }

    var hasZeroCounts: Bool {
        var zero = false
        forEach { if $1 == 0 { zero = true } }
        return zero
    }

    /// Forgets reasons counted zero times.
    mutating func removeZeroCounts() {
        var bits = present
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            if self[slot] == 0 { present &= ~(1 << UInt32(slot)) }
        }
    }
}
