/// Where ``AuditStorage`` counts the fixed reasons: one slot each, so counting, merging,
/// taking and clearing them hash no string and allocate nothing. Drop reasons
/// (``AuditReason``) take slots 0 to 31, masking reasons (``AuditMaskReason``) 32 to 47.
package enum AuditSlots {
    /// Slots in all; a bit of a `UInt64` says which were counted.
    package static let count = 48
    /// The first masking reason's slot.
    package static let maskBase = 32
    /// The drop reasons' slots, as bits.
    static let drops: UInt64 = 1 << UInt64(maskBase) - 1
    /// The masking reasons' slots, as bits.
    static let masks: UInt64 = ~drops

    @inline(__always)
    static func slot(_ reason: AuditReason) -> Int { reason.rawValue }

    @inline(__always)
    static func slot(_ reason: AuditMaskReason) -> Int { maskBase &+ reason.rawValue }

    /// The name a slot's counts appear under in envelopes.
    static func key(of slot: Int) -> String {
        slot < maskBase ? AuditReason(rawValue: slot)!.key : AuditMaskReason(rawValue: slot - maskBase)!.key
    }
}
