public import SafeReplayModel

/// Why a batch was closed; reported in statistics and useful in tests.
public enum BatchCloseReason: String, Sendable, Hashable, CaseIterable {
    case maxEvents, maxBytes, maxAge, checkout, flush, sessionEnd
}

/// A batch the batcher has closed: the events' JSON joined by commas (the body of the
/// envelope's `events` array) and what the envelope says about them.
public struct ClosedBatch: Sendable {
    public var eventsJSON: [UInt8]
    public var eventCount: Int
    /// Earliest and latest event timestamps; `nil` for a batch that only carries counts.
    public var startTimestamp: Int64?
    public var endTimestamp: Int64?
    public var audit: AuditCounters
    public var drift: [DriftAlert]
    public var reason: BatchCloseReason
}
