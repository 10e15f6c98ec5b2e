/// The counts of one ``AuditCounters`` value, shared between copies until one of them
/// changes (copy on write): a set of counters travels from the capture stage through the
/// session into the open batch on every event, and as a single reference it costs one
/// retain there, not a copy of five collections.
final class AuditStorage: @unchecked Sendable {
    // Unchecked exclusivity and Sendable: mutated only through a uniquely referenced
    // `AuditCounters`, which the dynamic checks cannot see and would only slow down.
    @exclusivity(unchecked) var masked = [String: Int]()
    @exclusivity(unchecked) var blocked = [String: Int]()
    @exclusivity(unchecked) var detected = [String: Int]()
    @exclusivity(unchecked) var droppedByName = [String: Int]()
    /// The fixed reasons' counts, by ``AuditSlots`` slot. Behind a pointer rather than a
    /// tuple so adding another storage's slots reads and writes them in place (the tuple was
    /// copied out and back, about 100 instructions a merge); a slot not in `present` is 0.
    let slots: UnsafeMutablePointer<Int>
    /// Bit `s` is set once slot `s` was counted, even zero times: a dictionary would then
    /// hold the key with 0, and the counts read the same either way.
    @exclusivity(unchecked) var present: UInt64 = 0
    /// Whether any dictionary may hold counts: set by every count by name and every write
    /// of a dictionary, cleared when they are emptied. Most counters carry only slot
    /// counts, and then merging, clearing and `isEmpty` never touch the dictionaries.
    @exclusivity(unchecked) var hasNames = false
    /// Whether a count may be zero: set by any count of `n <= 0` and by any write of a
    /// whole dictionary, so removing zero counts costs nothing in the usual case.
    @exclusivity(unchecked) var mayHoldZero = false

    init() {
        slots = .allocate(capacity: AuditSlots.count)
        slots.initialize(repeating: 0, count: AuditSlots.count)
    }

    deinit { slots.deallocate() }

    func copy() -> AuditStorage {
        let c = AuditStorage()
        c.masked = masked
        c.blocked = blocked
        c.detected = detected
        c.droppedByName = droppedByName
        c.slots.update(from: slots, count: AuditSlots.count)
        c.present = present
        c.hasNames = hasNames
        c.mayHoldZero = mayHoldZero
        return c
    }

    var isEmpty: Bool {
        present == 0 && (!hasNames || (masked.isEmpty && blocked.isEmpty && droppedByName.isEmpty && detected.isEmpty))
    }

    @inline(__always)
    func add(slot: Int, _ n: Int) {
        slots[slot] += n
        present |= 1 << UInt64(truncatingIfNeeded: slot)
    }

    /// Adds `other`'s slot counts to these.
    func addSlots(of other: AuditStorage) {
        var bits = other.present
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            slots[slot] += other.slots[slot]
        }
        present |= other.present
    }

    /// Forgets the counts of the slots in `which`.
    func clearSlots(_ which: UInt64 = ~0) {
        var bits = present & which
        present &= ~which
        while bits != 0 {
            slots[bits.trailingZeroBitCount] = 0
            bits &= bits &- 1
        }
    }

    /// Each counted slot of `which` with its count, in slot order.
    func forEachSlot(_ which: UInt64, _ body: (Int, Int) -> Void) {
        var bits = present & which
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            body(slot, slots[slot])
        }
    }

    /// `names` with the counts of the slots in `which` added under their keys.
    func folding(_ which: UInt64, into names: [String: Int]) -> [String: Int] {
        guard present & which != 0 else { return names }
        var all = names
        forEachSlot(which) { slot, n in all[AuditSlots.key(of: slot), default: 0] += n }
        return all
    }

    var hasZeroSlot: Bool {
        var zero = false
        forEachSlot(~0) { if $1 == 0 { zero = true } }
        return zero
    }

    /// Forgets slots counted zero times.
    func removeZeroSlots() {
        var bits = present
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits &- 1
            if slots[slot] == 0 { present &= ~(1 << UInt64(truncatingIfNeeded: slot)) }
        }
    }
}
