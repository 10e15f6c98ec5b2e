public import SafeReplayModel
import Synchronization

/// The upload stage as a session drives it: sanitized events in; closed, compressed,
/// durably filed batch envelopes out, to a sender or to a host that pulls them.
///
/// ```swift
/// let upload = try UploadPipeline(configuration: config, spoolDirectory: dir,
///                                 sessionId: id, policyHash: hash)
/// try upload.append(event, audit: counts, drift: alerts)   // from any thread
/// try upload.flush()                                         // app went to background
/// try upload.close()                                         // session end
/// ```
///
/// Safe to call from many threads: one lock orders the events, and closed batches are
/// compressed, numbered and filed in the order they closed on a filing thread (see
/// ``BatchFiler``), so the thread whose event closed a batch does not pay for gzip.
/// ``flush()``, ``close()`` and ``nextBatch()`` wait for the batches closed before them to
/// be filed. With `spoolDirectory: nil` batches wait in memory under the same cap.
public final class UploadPipeline: @unchecked Sendable {
    public let configuration: UploadConfiguration
    public let sessionId: String
    public let policyHash: String
    public let sdkVersion: String
    /// Where closed batches wait: the ``Spool`` or a ``MemoryBatchStore``, once every batch
    /// closed before the call has been filed into it.
    public var store: any BatchStore {
        filer.waitUntilFiled()
        return batchStore
    }
    private let batchStore: any BatchStore
    let clock: any UploadClock

    private let lock = Lock()
    // Guarded by `lock`; unchecked exclusivity, as the dynamic check cost more than a
    // small event's batching.
    @exclusivity(unchecked) private var batcher: Batcher
    @exclusivity(unchecked) private var closed = false
    /// What the filing thread owns; its own lock, never held while taking `lock`.
    private let filing: Locked<FilingState>
    /// Whether `filing` holds a failure not yet thrown: checked on every append without
    /// taking the filing lock; written only under it.
    private let failurePending = Atomic<Bool>(false)
    private let filer = BatchFiler()
    /// Tells a waiting sender that a batch was filed.
    private let signal = BatchSignal()

    /// - Parameters:
    ///   - spoolDirectory: the durable spool; `nil` keeps batches in memory.
    ///   - firstSequence: where this session's numbering starts (a session resumed after a
    ///     restart continues its numbering).
    public init(
        configuration: UploadConfiguration, spoolDirectory: String?, sessionId: String, policyHash: String,
        sdkVersion: String = SafeReplayUploadVersion.sdk, firstSequence: Int = 0,
        clock: any UploadClock = SystemUploadClock()
    ) throws(SafeReplayError) {
        try configuration.validate()
        guard SessionID.isValid(sessionId) else {
            throw SafeReplayError(.argument, "session id must be 1–128 characters of A–Z a–z 0–9 . _ -", context: ["field": "sessionId"])
        }
        guard firstSequence >= 0 else { throw SafeReplayError(.argument, "firstSequence must not be negative") }
        self.configuration = configuration
        self.sessionId = sessionId
        self.policyHash = policyHash
        self.sdkVersion = sdkVersion
        self.clock = clock
        if let spoolDirectory {
            batchStore = try Spool(directory: spoolDirectory, configuration: configuration, clock: clock)
        } else {
            batchStore = MemoryBatchStore(configuration: configuration, clock: clock)
        }
        batcher = Batcher(configuration: configuration)
        filing = Locked(FilingState(nextSequence: firstSequence))
    }

    private struct FilingState {
        var nextSequence: Int
        var statistics = UploadStatistics()
        /// The first filing failure not yet thrown to a caller.
        var unreportedFailure: SafeReplayError?
    }

    /// Adds a sanitized event with the audit counts and drift alerts sanitizing it
    /// produced. Throws only when a closed batch could not be filed (the disk is full,
    /// the spool is gone); the batch is then lost and counted in ``statistics``. Filing
    /// runs on the filing thread, so the failure is thrown by the next call that closes or
    /// waits for batches, or the next append.
    public func append(_ event: SanitizedEvent, audit: AuditCounters = AuditCounters(), drift: [DriftAlert] = []) throws(SafeReplayError) {
        try withBatcher { (batcher, now, closed) in
            batcher.append(event, audit: audit, drift: drift, now: now, into: &closed)
        }
    }

    /// Counts with no event (a blocked event produces none): they ride in the open batch.
    public func record(audit: AuditCounters, drift: [DriftAlert] = []) throws(SafeReplayError) {
        try withBatcher { (batcher, now, _) in batcher.record(audit: audit, drift: drift, now: now) }
    }

    /// Closes the open batch if it has reached `maxAge`. A sender started with
    /// ``runSender(transport:sleeper:random:)`` calls this on time; a host without one
    /// calls it from a timer.
    public func tick() throws(SafeReplayError) {
        try withBatcher { (batcher, now, closed) in batcher.tick(now: now, into: &closed) }
    }

    /// Closes the open batch now (the app is going to the background).
    public func flush() throws(SafeReplayError) {
        try withBatcher { (batcher, now, closed) in batcher.flush(now: now, into: &closed) }
        filer.waitUntilFiled()
        try throwUnreportedFailure()
    }

    /// Ends the session: the last batch closes, carrying any counts and losses still
    /// pending. Appending afterwards is a `.state` error; closing twice does nothing.
    public func close() throws(SafeReplayError) {
        defer { signal.fire() }
        try withBatcher(closing: true) { (batcher, now, closed) in
            batcher.finish(now: now, into: &closed)
        }
        filer.waitUntilFiled()
        try throwUnreportedFailure()
    }

    public var isClosed: Bool { lock.withLock { closed } }

    /// The next finished batch as uncompressed UTF-8 envelope JSON, removed from the
    /// store: for hosts that pull batches (through the C ABI) and send them themselves.
    /// `nil` when none is waiting.
    public func nextBatch() throws(SafeReplayError) -> [UInt8]? {
        guard let (_, gzip) = try store.take() else { return nil }
        return try Gzip.decompress(gzip)
    }

    /// Counters for diagnostics and the host.
    public var currentStatistics: UploadStatistics {
        let store = self.store
        return lock.withLock {
            var s = filing.withLock { $0.statistics }
            s.pendingBatches = store.pending().count
            s.pendingBytes = store.byteCount
            s.losses = store.pendingLosses
            return s
        }
    }

    /// Milliseconds until the open batch is due to close for age; `nil` when it is empty.
    public var millisecondsUntilDue: Int64? {
        lock.withLock { batcher.millisecondsUntilDue(now: clock.nowMilliseconds()) }
    }

    var batchSignal: BatchSignal { signal }

    // MARK: - filing

    /// Runs a batcher step under the lock and hands every batch it closed to the filing
    /// thread, in order (submitting under the lock keeps that order across threads).
    /// Inlined so the step is too: called, it took a closure context that retained the
    /// event, its counts and its alerts and released them after (~120 instructions an event).
    @inline(__always)
    private func withBatcher(closing: Bool = false, _ step: (inout Batcher, Int64, inout [ClosedBatch]) -> Void) throws(SafeReplayError) {
        // Not `lock.withLock`: its generic closure is not specialized across modules, and
        // this runs once per event.
        lock.lock()
        if closed {
            lock.unlock()
            if closing { return }
            throw SafeReplayError(.state, "the upload pipeline is closed", context: ["sessionId": sessionId])
        }
        closed = closing
        var batches: [ClosedBatch] = []
        step(&batcher, clock.nowMilliseconds(), &batches)
        for batch in batches { filer.submit { self.file(batch) } }
        lock.unlock()
        try throwUnreportedFailure()
    }

    private func throwUnreportedFailure() throws(SafeReplayError) {
        guard failurePending.load(ordering: .acquiring) else { return }
        let failure = filing.withLock { state -> SafeReplayError? in
            defer {
                state.unreportedFailure = nil
                failurePending.store(false, ordering: .releasing)
            }
            return state.unreportedFailure
        }
        if let failure { throw failure }
    }

    /// Builds the envelope, compresses it and files it; on the filing thread, one batch
    /// at a time, so sequence numbers follow the order batches closed. A batch that cannot
    /// be filed is lost with its events and counts; the loss itself rides in the next
    /// envelope that can be filed, and the error goes to the next caller.
    private func file(_ batch: ClosedBatch) {
        let now = clock.nowMilliseconds()
        let sequence = filing.withLock { $0.nextSequence }
        do throws(SafeReplayError) {
            _ = try batchStore.append { (losses) throws(SafeReplayError) -> PreparedBatch in
                let envelope = BatchEnvelope(
                    batchId: BatchID.random(), sessionId: sessionId, sequence: sequence, policyHash: policyHash,
                    sdkVersion: sdkVersion, retentionDays: configuration.retentionDays,
                    startTimestamp: batch.startTimestamp ?? now, endTimestamp: batch.endTimestamp ?? now,
                    eventCount: batch.eventCount, audit: batch.audit, drift: batch.drift, losses: losses
                )
                let json = envelope.encoded(eventsJSON: batch.eventsJSON)
                let gzip = try Gzip.compress(json, level: configuration.compressionLevel)
                return PreparedBatch(gzip: gzip, batchId: envelope.batchId, sessionId: sessionId, sequence: sequence, eventCount: batch.eventCount)
            }
            filing.withLock { state in
                state.nextSequence += 1
                state.statistics.batchesClosed += 1
                state.statistics.eventsBatched += batch.eventCount
                state.statistics.closeReasons[batch.reason, default: 0] += 1
                if let dropped = batch.audit.dropped[Batcher.oversizeReason] { state.statistics.oversizeEventsDropped += dropped }
            }
            signal.fire()
        } catch {
            var lost = UploadLosses()
            lost.unfiledBatches = 1
            lost.unfiledEvents = batch.eventCount
            batchStore.count(lost)
            filing.withLock { state in
                state.statistics.batchesLost += 1
                state.statistics.eventsLost += batch.eventCount
                state.unreportedFailure = state.unreportedFailure ?? error
                failurePending.store(true, ordering: .releasing)
            }
        }
    }
}

/// The SDK version written into envelopes unless the session says otherwise.
public enum SafeReplayUploadVersion {
    public static let sdk = "safereplay-swift/0.1.0"
}

/// What the pipeline has done so far.
public struct UploadStatistics: Sendable, Equatable {
    public var batchesClosed = 0
    public var eventsBatched = 0
    public var closeReasons: [BatchCloseReason: Int] = [:]
    /// Events dropped for exceeding `maxBytes` alone (also in the envelopes' audit).
    public var oversizeEventsDropped = 0
    /// Batches that closed but could not be filed (the store threw).
    public var batchesLost = 0
    public var eventsLost = 0
    public var pendingBatches = 0
    public var pendingBytes = 0
    /// Losses counted by the store and not yet carried in an envelope.
    public var losses = UploadLosses()

    public init() {}
}
