/// What the capture stages masked, blocked, dropped and detected: counts only, never
/// values. Carried in every batch envelope so an audit can see what protection did.
///
/// Keys are short stable reasons (`rule:checkout-form`, `hard-floor:password`,
/// `unknown-node-id`, `EMAIL`); see docs/envelope.md for the vocabulary.
public struct AuditCounters: Sendable, Equatable {
    /// `nil` until something is counted: the empty counters made for every event allocate
    /// nothing, and copies share one storage until one of them changes.
    private var storage: AuditStorage?

    public init() {}

    /// Masks by reason, whether counted by name or by ``AuditMaskReason`` (the web stage's
    /// fixed reasons, counted in slots like the drops below).
    public var masked: [String: Int] {
        get { folded(AuditSlots.masks, \.masked) }
        set { replace(AuditSlots.masks, \.masked, with: newValue) }
    }

    public var blocked: [String: Int] {
        get { storage?.blocked ?? [String: Int]() }
        set { named(mayZero: true).blocked = newValue }
        _modify { yield &named(mayZero: true).blocked }
    }

    /// Detector hits by PII type name.
    public var detected: [String: Int] {
        get { storage?.detected ?? [String: Int]() }
        set { named(mayZero: true).detected = newValue }
        _modify { yield &named(mayZero: true).detected }
    }

    /// Drops by reason, whether counted by name or by ``AuditReason`` (the web stage's
    /// per-event reasons, counted in fixed slots: no hashing here, in the session or in
    /// the open batch).
    public var dropped: [String: Int] {
        get { folded(AuditSlots.drops, \.droppedByName) }
        set { replace(AuditSlots.drops, \.droppedByName, with: newValue) }
    }

    public var isEmpty: Bool { storage?.isEmpty ?? true }

    public mutating func mask(_ reason: String, _ n: Int = 1) { named(mayZero: n <= 0).masked[reason, default: 0] += n }
    public mutating func block(_ reason: String, _ n: Int = 1) { named(mayZero: n <= 0).blocked[reason, default: 0] += n }
    public mutating func drop(_ reason: String, _ n: Int = 1) { named(mayZero: n <= 0).droppedByName[reason, default: 0] += n }
    package mutating func drop(_ reason: AuditReason, _ n: Int = 1) { unique(mayZero: n <= 0).add(slot: AuditSlots.slot(reason), n) }
    package mutating func mask(_ reason: AuditMaskReason, _ n: Int = 1) { unique(mayZero: n <= 0).add(slot: AuditSlots.slot(reason), n) }
    public mutating func detect(_ type: String, _ n: Int = 1) { named(mayZero: n <= 0).detected[type, default: 0] += n }

    /// Adds `other`'s counts to these.
    public mutating func merge(_ other: AuditCounters) {
        // `other`'s storage unretained: bound as a reference, it was retained and released
        // around every merge (three an event with counts: reported, statistics, batch).
        // `other` holds it for the whole call.
        guard let unretained = other.storage.map({ Unmanaged.passUnretained($0) }) else { return }
        guard storage != nil else {
            // Nothing here yet: share the other's counts until either changes.
            storage = unretained.takeUnretainedValue()
            return
        }
        unretained._withUnsafeGuaranteedRef { merge(from: $0) }
    }

    private mutating func merge(from o: AuditStorage) {
        let s = unique(mayZero: o.mayHoldZero)
        if o.present != 0 { s.addSlots(of: o) }
        // Most merges carry only slot counts: then no dictionary is even looked at (reading
        // one to ask whether it is empty costs a retain and a release).
        guard o.hasNames else { return }
        s.hasNames = true
        if !o.masked.isEmpty { for (k, v) in o.masked { s.masked[k, default: 0] += v } }
        if !o.blocked.isEmpty { for (k, v) in o.blocked { s.blocked[k, default: 0] += v } }
        if !o.droppedByName.isEmpty { for (k, v) in o.droppedByName { s.droppedByName[k, default: 0] += v } }
        if !o.detected.isEmpty { for (k, v) in o.detected { s.detected[k, default: 0] += v } }
    }

    /// Forgets every count, keeping the storage when no copy shares it (a capture stage
    /// clears its counts after every event, and then counts into the same storage again).
    public mutating func removeAll() {
        guard storage != nil else { return }
        guard isKnownUniquelyReferenced(&storage) else {
            storage = nil
            return
        }
        let s = storage.unsafelyUnwrapped
        if s.present != 0 { s.clearSlots() }
        if s.hasNames {
            if !s.masked.isEmpty { s.masked.removeAll(keepingCapacity: true) }
            if !s.blocked.isEmpty { s.blocked.removeAll(keepingCapacity: true) }
            if !s.droppedByName.isEmpty { s.droppedByName.removeAll(keepingCapacity: true) }
            if !s.detected.isEmpty { s.detected.removeAll(keepingCapacity: true) }
            s.hasNames = false
        }
        s.mayHoldZero = false
    }

    /// Drops reasons counted zero times (`drop(_:_:)` with `n == 0`): a delta of counts
    /// lists only what moved.
    public mutating func removeZeroCounts() {
        guard let o = storage, o.mayHoldZero else { return }
        func hasZero(_ d: [String: Int]) -> Bool { !d.isEmpty && d.values.contains(0) }
        guard hasZero(o.masked) || hasZero(o.blocked) || hasZero(o.droppedByName) || hasZero(o.detected)
            || o.hasZeroSlot
        else { return }
        let s = unique(mayZero: false)
        s.mayHoldZero = false
        s.masked = s.masked.filter { $0.value != 0 }
        s.blocked = s.blocked.filter { $0.value != 0 }
        s.droppedByName = s.droppedByName.filter { $0.value != 0 }
        s.removeZeroSlots()
        s.detected = s.detected.filter { $0.value != 0 }
    }

    public var totalDropped: Int {
        guard let storage else { return 0 }
        var total = storage.droppedByName.values.reduce(0, +)
        storage.forEachSlot(AuditSlots.drops) { total += $1 }
        return total
    }

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

    /// Equal when every category holds the same counts, however they are stored.
    public static func == (a: AuditCounters, b: AuditCounters) -> Bool {
        if a.storage === b.storage { return true }
        return a.masked == b.masked && a.blocked == b.blocked && a.detected == b.detected && a.dropped == b.dropped
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

    /// The storage, made first or copied first when shared; `mayZero` says the caller may
    /// leave a count at zero (or below).
    @inline(__always)
    private mutating func unique(mayZero: Bool) -> AuditStorage {
        if !isKnownUniquelyReferenced(&storage) { makeUnique() }
        let s = storage.unsafelyUnwrapped
        if mayZero { s.mayHoldZero = true }
        return s
    }

    /// ``unique(mayZero:)`` for a count by name: notes that a dictionary may hold counts.
    @inline(__always)
    private mutating func named(mayZero: Bool) -> AuditStorage {
        let s = unique(mayZero: mayZero)
        s.hasNames = true
        return s
    }

    /// A view by name with the slots of `which` folded in (``masked``, ``dropped``).
    private func folded(_ which: UInt64, _ names: KeyPath<AuditStorage, [String: Int]>) -> [String: Int] {
        guard let storage else { return [String: Int]() }
        return storage.folding(which, into: storage[keyPath: names])
    }

    /// Sets such a view: the counts by name become `value` and the slots of `which` are
    /// forgotten (their counts are in `value` now, as the getter showed them).
    private mutating func replace(_ which: UInt64, _ names: ReferenceWritableKeyPath<AuditStorage, [String: Int]>,
                                  with value: [String: Int]) {
        let s = named(mayZero: true)
        s[keyPath: names] = value
        s.clearSlots(which)
    }

    @inline(never)
    private mutating func makeUnique() {
        storage = storage?.copy() ?? AuditStorage()
    }
}
