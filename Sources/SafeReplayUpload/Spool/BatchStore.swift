public import SafeReplayModel

/// Where closed batches wait to be sent: the durable ``Spool`` on disk, or the
/// ``MemoryBatchStore`` when the host gives no directory. The sender and the pipeline
/// only speak this protocol.
///
/// Batches leave in write order. At most one is checked out (in flight) at a time, and a
/// checked-out batch is never evicted or expired under the sender's feet.
public protocol BatchStore: AnyObject, Sendable {
    /// Files a batch: `make` gets the losses to carry in this envelope and returns the
    /// compressed envelope. Room is made first by dropping the oldest batches (counted
    /// for the next envelope). If filing fails the losses stay pending.
    func append(_ make: (UploadLosses) throws(SafeReplayError) -> PreparedBatch) throws(SafeReplayError) -> StoredBatch

    /// Batches waiting, oldest first (the checked-out one included).
    func pending() -> [StoredBatch]

    /// Marks the oldest waiting batch in flight and returns it; `nil` when none waits or
    /// one is already in flight. Expired batches are deleted (and counted) first.
    func checkOut() -> StoredBatch?

    /// Gives a checked-out batch back unsent (the sender stopped).
    func release(_ batch: StoredBatch)

    /// The batch's gzip bytes as filed. A batch that cannot be read is quarantined and
    /// the error thrown.
    func body(of batch: StoredBatch) throws(SafeReplayError) -> [UInt8]

    /// The server acknowledged the batch: delete it.
    func acknowledge(_ batch: StoredBatch) throws(SafeReplayError)

    /// The server refused the batch for good: keep it aside with the reason, count it.
    func deadLetter(_ batch: StoredBatch, reason: String) throws(SafeReplayError)

    /// Removes and returns the oldest waiting batch: for hosts that pull batches and take
    /// over responsibility for them.
    func take() throws(SafeReplayError) -> (StoredBatch, [UInt8])?

    /// Adds losses counted outside the store (a batch that could not be filed), to be
    /// carried in the next envelope.
    func count(_ losses: UploadLosses)

    /// Losses counted but not yet carried in an envelope.
    var pendingLosses: UploadLosses { get }

    /// Compressed bytes held.
    var byteCount: Int { get }
}
