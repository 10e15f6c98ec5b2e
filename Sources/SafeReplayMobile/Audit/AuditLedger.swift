import SafeReplayModel

/// The sanitizer's counts: cumulative, and what was taken so far so `take()` can hand
/// out only what is new (the session forwards those into batches).
struct AuditLedger {
    private var counters = AuditCounters()
    private var fast = [Int](repeating: 0, count: DropReason.allCases.count)
    private var fastIsClean = true
    private var taken = AuditCounters()

    @inline(__always)
    mutating func drop(_ reason: DropReason, _ n: Int = 1) {
        fast[reason.rawValue] &+= n
        fastIsClean = false
    }

    mutating func drop(_ key: String, _ n: Int = 1) { counters.drop(key, n) }
    mutating func mask(_ key: String, _ n: Int = 1) { counters.mask(key, n) }
    mutating func block(_ key: String, _ n: Int = 1) { counters.block(key, n) }
    mutating func detect(_ type: String, _ n: Int = 1) { counters.detect(type, n) }

    /// Everything counted since the sanitizer was made.
    mutating func total() -> AuditCounters {
        settle()
        return counters
    }

    /// Counts since the last call.
    mutating func take() -> AuditCounters {
        settle()
        var fresh = AuditCounters()
        Self.subtract(counters.masked, taken.masked) { fresh.mask($0, $1) }
        Self.subtract(counters.blocked, taken.blocked) { fresh.block($0, $1) }
        Self.subtract(counters.dropped, taken.dropped) { fresh.drop($0, $1) }
        Self.subtract(counters.detected, taken.detected) { fresh.detect($0, $1) }
        taken = counters
        return fresh
    }

    private mutating func settle() {
        guard !fastIsClean else { return }
        for reason in DropReason.allCases where fast[reason.rawValue] > 0 {
            counters.drop(reason.key, fast[reason.rawValue])
            fast[reason.rawValue] = 0
        }
        fastIsClean = true
    }

    private static func subtract(_ now: [String: Int], _ before: [String: Int], into add: (String, Int) -> Void) {
        for (key, count) in now {
            let delta = count - (before[key] ?? 0)
            if delta > 0 { add(key, delta) }
        }
    }
}
