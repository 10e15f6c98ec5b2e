/// The bookkeeping both stores share: which batches wait in which order, which one is in
/// flight, how many bytes they take and what was lost. Decides; the store does the I/O.
struct StoreIndex: Sendable {
    private(set) var entries: [StoredBatch] = []
    private(set) var inFlight: StoredBatch?
    private(set) var byteCount = 0
    var losses = UploadLosses()
    var nextOrdinal: UInt64 = 1

    init(entries: [StoredBatch] = []) {
        self.entries = entries.sorted { $0.ordinal < $1.ordinal }
        byteCount = entries.reduce(0) { $0 + $1.byteCount }
        nextOrdinal = (self.entries.last?.ordinal ?? 0) + 1
    }

    mutating func takeOrdinal() -> UInt64 {
        defer { nextOrdinal += 1 }
        return nextOrdinal
    }

    mutating func insert(_ batch: StoredBatch) {
        entries.append(batch)
        if entries.count > 1 && entries[entries.count - 2].ordinal > batch.ordinal {
            entries.sort { $0.ordinal < $1.ordinal }
        }
        byteCount += batch.byteCount
    }

    @discardableResult
    mutating func remove(_ batch: StoredBatch) -> Bool {
        guard let i = entries.firstIndex(where: { $0.ordinal == batch.ordinal }) else { return false }
        entries.remove(at: i)
        byteCount -= batch.byteCount
        if inFlight?.ordinal == batch.ordinal { inFlight = nil }
        return true
    }

    /// The oldest batches to drop, not the one in flight, so that `incoming` more bytes
    /// fit under `cap`. Counted as spool-cap losses; the store then calls ``owe(_:)``
    /// for the losses their envelopes carried.
    mutating func evictions(toFit incoming: Int, cap: Int) -> [StoredBatch] {
        var victims: [StoredBatch] = []
        var total = byteCount + incoming
        for entry in entries where total > cap && entry.ordinal != inFlight?.ordinal {
            victims.append(entry)
            total -= entry.byteCount
            losses.spoolCapBatches += 1
            losses.spoolCapEvents += entry.eventCount
        }
        return victims
    }

    /// Batches filed more than `maxAge` ms ago, not the one in flight.
    /// Counted as expired.
    mutating func expirations(now: Int64, maxAge: Int64) -> [StoredBatch] {
        let victims = entries.filter { now - $0.createdAt > maxAge && $0.ordinal != inFlight?.ordinal }
        for victim in victims {
            losses.expiredBatches += 1
            losses.expiredEvents += victim.eventCount
        }
        return victims
    }

    mutating func checkOut() -> StoredBatch? {
        guard inFlight == nil, let first = entries.first else { return nil }
        inFlight = first
        return first
    }

    mutating func release(_ batch: StoredBatch) {
        if inFlight?.ordinal == batch.ordinal { inFlight = nil }
    }

    /// A batch is dropped unsent: the losses its envelope reported never reach the
    /// server, so they are owed again by the next envelope.
    mutating func owe(_ carried: UploadLosses?) {
        if let carried { losses.merge(carried) }
    }

    /// Subtracts losses that an envelope now carries.
    mutating func settle(_ carried: UploadLosses) {
        losses.subtract(carried)
    }
}
