import SafeReplayModel

/// The sanitizer's counts, kept as what is new since the last `take()` (the session
/// forwards those into batches) beside what was already taken, so a call that counted
/// nothing costs nothing to take.
struct AuditLedger {
    private var sinceTake = AuditCounters()
    private var taken = AuditCounters()
    private var fast = [Int](repeating: 0, count: DropReason.allCases.count)
    private var fastIsClean = true

    @inline(__always)
    mutating func drop(_ reason: DropReason, _ n: Int = 1) {
        fast[reason.rawValue] &+= n
        fastIsClean = false
    }

    mutating func drop(_ key: String, _ n: Int = 1) { sinceTake.drop(key, n) }
    mutating func mask(_ key: String, _ n: Int = 1) { sinceTake.mask(key, n) }
    mutating func block(_ key: String, _ n: Int = 1) { sinceTake.block(key, n) }
    mutating func detect(_ type: String, _ n: Int = 1) { sinceTake.detect(type, n) }

    /// Everything counted since the sanitizer was made.
    mutating func total() -> AuditCounters {
        settle()
        var all = taken
        all.merge(sinceTake)
        return all
    }

    /// Whether anything was counted since the last `take()`: a touch that only moved a
    /// finger counts nothing, and the session then skips the audit hand-over entirely.
    var hasFreshCounts: Bool { !fastIsClean || !sinceTake.isEmpty }

    /// Counts since the last call.
    mutating func take() -> AuditCounters {
        settle()
        guard !sinceTake.isEmpty else { return AuditCounters() }
        let fresh = sinceTake
        taken.merge(fresh)
        sinceTake = AuditCounters()
        return fresh
    }

    private mutating func settle() {
        guard !fastIsClean else { return }
        for reason in DropReason.allCases where fast[reason.rawValue] > 0 {
            sinceTake.drop(reason.key, fast[reason.rawValue])
            fast[reason.rawValue] = 0
        }
        fastIsClean = true
    }
}
