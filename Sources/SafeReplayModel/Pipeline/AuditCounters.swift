/// What the capture stages masked, blocked, dropped and detected: counts only, never
/// values. Carried in every batch envelope so an audit can see what protection did.
///
/// Keys are short stable reasons (`rule:checkout-form`, `hard-floor:password`,
/// `unknown-node-id`, `EMAIL`); see docs/envelope.md for the vocabulary.
public struct AuditCounters: Sendable, Equatable {
    // `[String: Int]()` rather than `[:]`: the literal goes through
    // `init(dictionaryLiteral:)` out of line, and an empty set of counters is made for
    // every event on the touch path.
    public var masked = [String: Int]()
    public var blocked = [String: Int]()
    public var dropped = [String: Int]()
    /// Detector hits by PII type name.
    public var detected = [String: Int]()

    public init() {}

    public var isEmpty: Bool { masked.isEmpty && blocked.isEmpty && dropped.isEmpty && detected.isEmpty }

    public mutating func mask(_ reason: String, _ n: Int = 1) { masked[reason, default: 0] += n }
    public mutating func block(_ reason: String, _ n: Int = 1) { blocked[reason, default: 0] += n }
    public mutating func drop(_ reason: String, _ n: Int = 1) { dropped[reason, default: 0] += n }
    public mutating func detect(_ type: String, _ n: Int = 1) { detected[type, default: 0] += n }

    /// Adds `other`'s counts to these.
    public mutating func merge(_ other: AuditCounters) {
        for (k, v) in other.masked { masked[k, default: 0] += v }
        for (k, v) in other.blocked { blocked[k, default: 0] += v }
        for (k, v) in other.dropped { dropped[k, default: 0] += v }
        for (k, v) in other.detected { detected[k, default: 0] += v }
    }

    public var totalDropped: Int { dropped.values.reduce(0, +) }

    /// The counts in `self` beyond those in `earlier` (counters only grow, so this is what
    /// was added since `earlier` was taken).
    public func subtracting(_ earlier: AuditCounters) -> AuditCounters {
        func minus(_ a: [String: Int], _ b: [String: Int]) -> [String: Int] {
            var out: [String: Int] = [:]
            for (k, v) in a {
                let d = v - (b[k] ?? 0)
                if d != 0 { out[k] = d }
            }
            return out
        }
        var delta = AuditCounters()
        delta.masked = minus(masked, earlier.masked)
        delta.blocked = minus(blocked, earlier.blocked)
        delta.dropped = minus(dropped, earlier.dropped)
        delta.detected = minus(detected, earlier.detected)
        return delta
    }

    /// `{"masked":{…},"blocked":{…},"dropped":{…},"detected":{…}}` with sorted keys.
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        for (name, counts) in [("masked", masked), ("blocked", blocked), ("dropped", dropped), ("detected", detected)] {
            w.key(name)
            w.beginObject()
            for (k, v) in counts.sorted(by: { $0.key < $1.key }) {
                w.key(k)
                w.int(v)
            }
            w.endObject()
        }
        w.endObject()
    }
}
