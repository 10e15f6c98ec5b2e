public import SafeReplayModel

/// The store when the host gives no spool directory: the same queue, cap and accounting
/// as the ``Spool``, in memory (compressed) and so lost with the process.
public final class MemoryBatchStore: BatchStore, @unchecked Sendable {
    private let byteCap: Int
    private let maxAgeMilliseconds: Int64
    private let clock: any UploadClock
    private let lock = Lock()
    /// Guarded by `lock`.
    private var index = StoreIndex()
    private var bodies: [UInt64: [UInt8]] = [:]

    public init(configuration: UploadConfiguration, clock: any UploadClock = SystemUploadClock()) {
        byteCap = configuration.spoolByteCap
        maxAgeMilliseconds = Int64(configuration.effectiveMaxBatchAge * 1000)
        self.clock = clock
    }

    public func append(_ make: (UploadLosses) throws(SafeReplayError) -> PreparedBatch) throws(SafeReplayError) -> StoredBatch {
        try lock.withLock { () throws(SafeReplayError) -> StoredBatch in
            expireLocked()
            let carried = index.losses
            let prepared = try make(carried)
            for victim in index.evictions(toFit: prepared.gzip.count, cap: byteCap) { dropLocked(victim) }
            let ordinal = index.takeOrdinal()
            let createdAt = clock.nowMilliseconds()
            let stored = StoredBatch(
                name: StoredBatch.fileName(ordinal: ordinal, createdAt: createdAt, prepared: prepared), ordinal: ordinal,
                batchId: prepared.batchId, sessionId: prepared.sessionId, sequence: prepared.sequence,
                eventCount: prepared.eventCount, createdAt: createdAt, byteCount: prepared.gzip.count,
                carried: carried
            )
            bodies[ordinal] = prepared.gzip
            index.insert(stored)
            index.settle(carried)
            return stored
        }
    }

    public func pending() -> [StoredBatch] { lock.withLock { index.entries } }

    public func checkOut() -> StoredBatch? {
        lock.withLock {
            expireLocked()
            return index.checkOut()
        }
    }

    public func release(_ batch: StoredBatch) { lock.withLock { index.release(batch) } }

    public func body(of batch: StoredBatch) throws(SafeReplayError) -> [UInt8] {
        guard let body = lock.withLock({ bodies[batch.ordinal] }) else {
            throw SafeReplayError(.state, "batch is no longer in the store", context: ["batchId": batch.batchId])
        }
        return body
    }

    public func acknowledge(_ batch: StoredBatch) throws(SafeReplayError) {
        lock.withLock { removeLocked(batch) }
    }

    /// Memory has no dead-letter folder: the batch is dropped and counted.
    public func deadLetter(_ batch: StoredBatch, reason: String) throws(SafeReplayError) {
        lock.withLock {
            dropLocked(batch)
            index.losses.deadLetteredBatches += 1
            index.losses.deadLetteredEvents += batch.eventCount
        }
    }

    public func take() throws(SafeReplayError) -> (StoredBatch, [UInt8])? {
        lock.withLock {
            expireLocked()
            guard let batch = index.checkOut(), let body = bodies[batch.ordinal] else { return nil }
            removeLocked(batch)
            return (batch, body)
        }
    }

    public func count(_ losses: UploadLosses) { lock.withLock { index.losses.merge(losses) } }

    public var pendingLosses: UploadLosses { lock.withLock { index.losses } }

    public var byteCount: Int { lock.withLock { index.byteCount } }

    private func expireLocked() {
        for victim in index.expirations(now: clock.nowMilliseconds(), maxAge: maxAgeMilliseconds) { dropLocked(victim) }
    }

    /// Drops a batch unsent, taking back the losses its envelope would have reported.
    private func dropLocked(_ batch: StoredBatch) {
        index.owe(batch.carried)
        removeLocked(batch)
    }

    private func removeLocked(_ batch: StoredBatch) {
        index.remove(batch)
        bodies[batch.ordinal] = nil
    }
}
