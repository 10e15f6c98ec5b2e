/// Where ``AuditStorage`` counts the fixed reasons: one slot each, so counting, merging,
/// taking and clearing them hash no string and allocate nothing. Drop reasons
/// (``AuditReason``) take slots 0 to 23, masking reasons (``AuditMaskReason``) 24 to 31.
package enum AuditSlots {
    /// Slots in all; a bit of a `UInt32` says which were counted.
    package static let count = 32
    /// The first masking reason's slot.
    package static let maskBase = 24
    /// The drop reasons' slots, as bits.
    static let drops: UInt32 = 1 << UInt32(maskBase) - 1
    /// The masking reasons' slots, as bits.
    static let masks: UInt32 = ~drops

    @inline(__always)
    static func slot(_ reason: AuditReason) -> Int { reason.rawValue }

    @inline(__always)
    static func slot(_ reason: AuditMaskReason) -> Int { maskBase &+ reason.rawValue }

    /// The name a slot's counts appear under in envelopes.
    static func key(of slot: Int) -> String {
        slot < maskBase ? AuditReason(rawValue: slot)!.key : AuditMaskReason(rawValue: slot - maskBase)!.key
    }
}
