#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SafeReplayModel

/// The durable on-disk queue of closed batches: the embedded default.
///
/// ```
/// <directory>/batches/      complete batches, gzip envelopes, named in write order
/// <directory>/quarantine/   partial or corrupt files found on open (+ .reason)
/// <directory>/dead-letter/  batches the server refused for good (+ .reason)
/// <directory>/losses.json   losses counted but not yet carried in an envelope
/// <directory>/.lock         one uploader per spool
/// ```
///
/// A batch is written temp file → fsync → rename → fsync of the directory, so a crash
/// leaves it absent or complete; it is deleted only once the server acknowledged it.
/// Opening recovers from a crash at any point: complete batches are indexed, anything
/// partial or corrupt is moved to `quarantine/` and reported, expired batches are deleted
/// and counted. Nothing on disk can make opening crash or block the other batches.
public final class Spool: BatchStore, @unchecked Sendable {
    public let directory: String
    /// What opening found and did.
    public private(set) var recovery = SpoolRecoveryReport()

    let batchesPath: String
    let quarantinePath: String
    let deadLetterPath: String
    let lossesPath: String
    private let byteCap: Int
    private let maxAgeMilliseconds: Int64
    private let clock: any UploadClock
    private let lockDescriptor: Int32
    private let lock = Lock()
    /// Guarded by `lock`.
    private var index: StoreIndex

    /// The largest spool file read back; well above any batch this code writes.
    static let maxFileBytes = 64 << 20

    /// Opens (creating if needed) the spool at `directory` and recovers what a previous
    /// process left. Throws only when the directory itself is unusable or another process
    /// holds the spool.
    public init(directory: String, configuration: UploadConfiguration, clock: any UploadClock = SystemUploadClock()) throws(SafeReplayError) {
        try configuration.validate()
        self.directory = directory
        batchesPath = directory + "/batches"
        quarantinePath = directory + "/quarantine"
        deadLetterPath = directory + "/dead-letter"
        lossesPath = directory + "/losses.json"
        byteCap = configuration.spoolByteCap
        maxAgeMilliseconds = Int64(configuration.effectiveMaxBatchAge * 1000)
        self.clock = clock
        for path in [directory, batchesPath, quarantinePath, deadLetterPath] { try FileIO.makeDirectory(path) }
        lockDescriptor = try FileIO.lockExclusively(directory + "/.lock")

        var report = SpoolRecoveryReport()
        var losses = Self.readLosses(at: lossesPath, quarantineTo: quarantinePath, report: &report)
        let found = Self.scan(batchesPath, quarantineTo: quarantinePath, report: &report)
        losses.quarantinedFiles += report.quarantined.count
        index = StoreIndex(entries: found)
        index.losses = losses
        report.recovered = found.count

        let now = clock.nowMilliseconds()
        let expired = index.expirations(now: now, maxAge: maxAgeMilliseconds)
        let evicted = index.evictions(toFit: 0, cap: byteCap)
        for victim in expired + evicted { dropLocked(victim) }
        report.expiredBatches = expired.count
        report.expiredEvents = expired.reduce(0) { $0 + $1.eventCount }
        report.evictedBatches = evicted.count
        report.recovered -= expired.count + evicted.count
        report.expiredSideFiles = Self.expireSideFiles(in: [quarantinePath, deadLetterPath], now: now, maxAge: maxAgeMilliseconds)
        recovery = report
        if index.losses != losses || !report.quarantined.isEmpty { try? persistLosses() }
    }

    deinit {
        close(lockDescriptor)
    }

    // MARK: - BatchStore

    public func append(_ make: (UploadLosses) throws(SafeReplayError) -> PreparedBatch) throws(SafeReplayError) -> StoredBatch {
        try lock.withLock { () throws(SafeReplayError) -> StoredBatch in
            expireLocked()
            let carried = index.losses
            let prepared = try make(carried)
            guard SessionID.isValid(prepared.sessionId), BatchID.isValid(prepared.batchId) else {
                throw SafeReplayError(.argument, "batch has an invalid session or batch id")
            }
            for victim in index.evictions(toFit: prepared.gzip.count, cap: byteCap) { dropLocked(victim) }
            let ordinal = index.takeOrdinal()
            let createdAt = clock.nowMilliseconds()
            let name = StoredBatch.fileName(ordinal: ordinal, createdAt: createdAt, prepared: prepared)
            try FileIO.writeDurably(prepared.gzip, to: batchesPath + "/" + name, directory: batchesPath)
            let stored = StoredBatch(
                name: name, ordinal: ordinal, batchId: prepared.batchId, sessionId: prepared.sessionId,
                sequence: prepared.sequence, eventCount: prepared.eventCount,
                createdAt: createdAt, byteCount: prepared.gzip.count, carried: carried
            )
            index.insert(stored)
            index.settle(carried)
            if !carried.isEmpty || !index.losses.isEmpty { try? persistLosses() }
            return stored
        }
    }

    public func pending() -> [StoredBatch] {
        lock.withLock { index.entries }
    }

    public func checkOut() -> StoredBatch? {
        lock.withLock {
            expireLocked()
            return index.checkOut()
        }
    }

    public func release(_ batch: StoredBatch) {
        lock.withLock { index.release(batch) }
    }

    public func body(of batch: StoredBatch) throws(SafeReplayError) -> [UInt8] {
        let path = batchesPath + "/" + batch.name
        do {
            let bytes = try FileIO.read(path, limit: Self.maxFileBytes)
            // Opening checked its framing only, and a file can be damaged afterwards;
            // never send one the server could only reject.
            try Gzip.verify(bytes)
            return bytes
        } catch {
            lock.withLock {
                index.remove(batch)
                if FileIO.exists(path) {
                    quarantineLocked(path: path, name: batch.name, reason: error.description)
                }
            }
            throw error
        }
    }

    public func acknowledge(_ batch: StoredBatch) throws(SafeReplayError) {
        try lock.withLock { () throws(SafeReplayError) in
            // Out of the index even if the unlink fails: the server has the batch, and a file
            // that survives (or reappears after a crash: the deletion is not fsynced) is
            // sent again with the same Idempotency-Key and dropped by the server.
            index.remove(batch)
            try FileIO.remove(batchesPath + "/" + batch.name)
        }
    }

    public func deadLetter(_ batch: StoredBatch, reason: String) throws(SafeReplayError) {
        try lock.withLock { () throws(SafeReplayError) in
            index.owe(batch.carried ?? carriedLosses(of: batch))
            index.remove(batch)
            index.losses.deadLetteredBatches += 1
            index.losses.deadLetteredEvents += batch.eventCount
            try? persistLosses()
            do throws(SafeReplayError) {
                try FileIO.move(batchesPath + "/" + batch.name, to: deadLetterPath + "/" + batch.name)
                Self.writeReason(reason, for: deadLetterPath + "/" + batch.name)
            } catch {
                // Refused for good and cannot be set aside: delete rather than resend it
                // forever. It is counted either way.
                try? FileIO.remove(batchesPath + "/" + batch.name)
                throw error
            }
        }
    }

    public func take() throws(SafeReplayError) -> (StoredBatch, [UInt8])? {
        while let batch = checkOut() {
            guard let bytes = try? body(of: batch) else { continue }  // quarantined; next
            try acknowledge(batch)
            return (batch, bytes)
        }
        return nil
    }

    public func count(_ losses: UploadLosses) {
        lock.withLock {
            index.losses.merge(losses)
            try? persistLosses()
        }
    }

    public var pendingLosses: UploadLosses { lock.withLock { index.losses } }

    public var byteCount: Int { lock.withLock { index.byteCount } }

    // MARK: - internals (called with `lock` held)

    private func expireLocked() {
        let expired = index.expirations(now: clock.nowMilliseconds(), maxAge: maxAgeMilliseconds)
        for victim in expired { dropLocked(victim) }
        if !expired.isEmpty { try? persistLosses() }
    }

    /// Deletes a batch unsent (cap or age; already counted), taking back the losses its
    /// envelope would have reported.
    private func dropLocked(_ victim: StoredBatch) {
        index.owe(victim.carried ?? carriedLosses(of: victim))
        index.remove(victim)
        try? FileIO.remove(batchesPath + "/" + victim.name)
    }

    /// The losses a batch found on disk reports, read from its envelope; nothing if it
    /// cannot be read (it is being deleted anyway).
    private func carriedLosses(of batch: StoredBatch) -> UploadLosses? {
        guard let gzip = try? FileIO.read(batchesPath + "/" + batch.name, limit: Self.maxFileBytes),
              let json = try? Gzip.decompress(gzip)
        else { return nil }
        return try? DecodedBatch(json: json).envelope.losses
    }

    private func quarantineLocked(path: String, name: String, reason: String) {
        if Self.quarantine(path: path, name: name, reason: reason, into: quarantinePath) {
            index.losses.quarantinedFiles += 1
            try? persistLosses()
        }
    }

    private func persistLosses() throws(SafeReplayError) {
        var w = JSONWriter(capacity: 256)
        index.losses.encode(into: &w)
        try FileIO.writeDurably(w.bytes, to: lossesPath, directory: directory)
    }
}
