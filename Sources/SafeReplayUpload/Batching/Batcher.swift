public import SafeReplayModel

/// Cuts the stream of sanitized events into batches. A pure state machine: no I/O, no
/// locks, time passed in, so every rule is tested deterministically.
///
/// A batch closes at the first of: `maxEvents`, `maxBytes` (an event that alone exceeds
/// it is dropped and counted, never split), `maxAge`, a checkout, a flush, session end.
/// A checkout starts a new batch, and a Meta event directly followed by a checkout travels
/// with it, so every batch that starts a segment begins with Meta + FullSnapshot and
/// replays on its own.
public struct Batcher: Sendable {
    /// rrweb's Meta event type.
    static let metaType = 4
    /// The audit reason for an event dropped for exceeding `maxBytes` on its own.
    public static let oversizeReason = "upload:event-too-large"

    public let maxEvents: Int
    public let maxBytes: Int
    public let maxAgeMilliseconds: Int64

    private var open = OpenBatch()
    /// A Meta event waiting to see whether a checkout follows it.
    private var heldMeta: SanitizedEvent?

    public init(maxEvents: Int, maxBytes: Int, maxAge: Double) {
        self.maxEvents = max(1, maxEvents)
        self.maxBytes = max(1, maxBytes)
        self.maxAgeMilliseconds = Int64((maxAge * 1000).rounded(.up))
    }

    public init(configuration: UploadConfiguration) {
        self.init(maxEvents: configuration.maxEvents, maxBytes: configuration.maxBytes, maxAge: configuration.maxAge)
    }

    /// Events in the open batch (not counting a held Meta).
    public var openEventCount: Int { open.count }
    /// Event bytes in the open batch, separators included.
    public var openByteCount: Int { open.events.count }

    /// Adds one event, with the audit counts and drift alerts its sanitizing produced,
    /// appending any batch this closes to `closed`.
    public mutating func append(
        _ event: SanitizedEvent, audit: AuditCounters = AuditCounters(), drift: [DriftAlert] = [],
        now: Int64, into closed: inout [ClosedBatch]
    ) {
        tick(now: now, into: &closed)
        if let meta = heldMeta {
            heldMeta = nil
            if event.isCheckout {
                close(.checkout, now: now, into: &closed)
                add(meta, now: now, into: &closed)
                add(event, now: now, into: &closed)
                record(audit: audit, drift: drift, now: now)
                closeIfFull(into: &closed, now: now)
                return
            }
            add(meta, now: now, into: &closed)
            closeIfFull(into: &closed, now: now)
        }
        if event.type == Self.metaType && !event.isCheckout {
            heldMeta = event
            record(audit: audit, drift: drift, now: now)
            return
        }
        if event.isCheckout { close(.checkout, now: now, into: &closed) }
        add(event, now: now, into: &closed)
        record(audit: audit, drift: drift, now: now)
        closeIfFull(into: &closed, now: now)
    }

    /// Counts that came without an event (a blocked event produces none).
    public mutating func record(audit: AuditCounters, drift: [DriftAlert], now: Int64) {
        guard !audit.isEmpty || !drift.isEmpty else { return }
        open.start(at: now)
        open.audit.merge(audit)
        for alert in drift where open.driftSeen.insert(alert).inserted { open.drift.append(alert) }
    }

    /// Closes the open batch if it holds events and has reached `maxAge`.
    public mutating func tick(now: Int64, into closed: inout [ClosedBatch]) {
        guard open.count > 0, let openedAt = open.openedAt, now - openedAt >= maxAgeMilliseconds else { return }
        close(.maxAge, now: now, into: &closed)
    }

    /// Milliseconds until the open batch reaches `maxAge`; `nil` when it holds no events.
    public func millisecondsUntilDue(now: Int64) -> Int64? {
        guard open.count > 0, let openedAt = open.openedAt else { return nil }
        return max(0, openedAt + maxAgeMilliseconds - now)
    }

    /// Closes the open batch (events or counts). A held Meta stays held: it belongs with
    /// the checkout that is about to follow it.
    public mutating func flush(now: Int64, into closed: inout [ClosedBatch]) {
        close(.flush, now: now, into: &closed)
    }

    /// Session end: a held Meta joins the last batch, which closes even if it only
    /// carries counts.
    public mutating func finish(now: Int64, into closed: inout [ClosedBatch]) {
        if let meta = heldMeta {
            heldMeta = nil
            add(meta, now: now, into: &closed)
        }
        close(.sessionEnd, now: now, into: &closed)
    }

    // MARK: - internals

    private mutating func add(_ event: SanitizedEvent, now: Int64, into closed: inout [ClosedBatch]) {
        let size = event.json.count
        if size > maxBytes {
            open.start(at: now)
            open.audit.drop(Self.oversizeReason)
            return
        }
        let separator = open.count > 0 ? 1 : 0
        if open.events.count + separator + size > maxBytes {
            close(.maxBytes, now: now, into: &closed)
        }
        open.append(event, now: now)
    }

    private mutating func closeIfFull(into closed: inout [ClosedBatch], now: Int64) {
        if open.count >= maxEvents { close(.maxEvents, now: now, into: &closed) }
    }

    private mutating func close(_ reason: BatchCloseReason, now: Int64, into closed: inout [ClosedBatch]) {
        guard open.count > 0 || !open.audit.isEmpty || !open.drift.isEmpty else { return }
        // Counts alone wait for the next batch with events, except when the host asked
        // for everything to go out (flush, session end).
        if open.count == 0 && reason != .flush && reason != .sessionEnd { return }
        closed.append(ClosedBatch(
            eventsJSON: open.events, eventCount: open.count,
            startTimestamp: open.count > 0 ? open.first : nil, endTimestamp: open.count > 0 ? open.last : nil,
            audit: open.audit, drift: open.drift, reason: reason
        ))
        open.reset(keepingCapacity: maxBytes)
    }
}

/// The batch being filled.
private struct OpenBatch: Sendable {
    var events: [UInt8] = []
    var count = 0
    var first: Int64 = .max
    var last: Int64 = .min
    /// When its first content arrived (clock time, not event time).
    var openedAt: Int64?
    var audit = AuditCounters()
    var drift: [DriftAlert] = []
    var driftSeen: Set<DriftAlert> = []

    mutating func start(at now: Int64) {
        if openedAt == nil { openedAt = now }
    }

    mutating func append(_ event: SanitizedEvent, now: Int64) {
        start(at: now)
        // Through a buffer pointer: `append(contentsOf:)` of one array to another went the
        // generic sequence way (~130 instructions an event more than the copy itself).
        if count > 0 { events.append(UInt8(ascii: ",")) }
        event.json.withUnsafeBufferPointer { events.append(contentsOf: $0) }
        count += 1
        first = min(first, event.timestamp)
        last = max(last, event.timestamp)
    }

    mutating func reset(keepingCapacity capacity: Int) {
        // A fresh buffer each batch: the closed one was handed off and must not be shared.
        events = []
        events.reserveCapacity(min(capacity, 1 << 20))
        count = 0
        first = .max
        last = .min
        openedAt = nil
        audit = AuditCounters()
        drift = []
        driftSeen = []
    }
}
