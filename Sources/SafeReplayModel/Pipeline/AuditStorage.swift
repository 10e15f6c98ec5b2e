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
    @exclusivity(unchecked) var droppedByReason = AuditReasonCounts()
    /// Whether a count may be zero: set by any count of `n <= 0` and by any write of a
    /// whole dictionary, so removing zero counts costs nothing in the usual case.
    @exclusivity(unchecked) var mayHoldZero = false

    init() {}

    func copy() -> AuditStorage {
        let c = AuditStorage()
        c.masked = masked
        c.blocked = blocked
        c.detected = detected
        c.droppedByName = droppedByName
        c.droppedByReason = droppedByReason
        c.mayHoldZero = mayHoldZero
        return c
    }

    var isEmpty: Bool {
        masked.isEmpty && blocked.isEmpty && droppedByName.isEmpty && droppedByReason.isEmpty && detected.isEmpty
    }
}
