public import SafeReplayModel

/// Everything in a batch envelope except its events: who made the batch, under which
/// policy, what it spans and what protection and the uploader counted meanwhile.
/// The JSON schema is docs/envelope.schema.json; docs/envelope.md explains each field.
public struct BatchEnvelope: Sendable, Equatable {
    /// The envelope format this code writes. Bump on any change a reader must know of.
    public static let formatVersion = 1

    public var formatVersion: Int = BatchEnvelope.formatVersion
    /// A random UUID v4; also the `Idempotency-Key` the batch is sent with.
    public var batchId: String
    public var sessionId: String
    /// 0, 1, 2, … within the session, in the order batches closed.
    public var sequence: Int
    public var policyHash: String
    public var sdkVersion: String
    public var retentionDays: Int
    /// Timestamps (ms since the epoch) of the batch's earliest and latest events; for a
    /// batch without events, when it closed.
    public var startTimestamp: Int64
    public var endTimestamp: Int64
    public var eventCount: Int
    public var audit: AuditCounters
    public var drift: [DriftAlert]
    public var losses: UploadLosses

    public init(
        batchId: String, sessionId: String, sequence: Int, policyHash: String, sdkVersion: String,
        retentionDays: Int, startTimestamp: Int64, endTimestamp: Int64, eventCount: Int,
        audit: AuditCounters = AuditCounters(), drift: [DriftAlert] = [], losses: UploadLosses = UploadLosses()
    ) {
        self.batchId = batchId
        self.sessionId = sessionId
        self.sequence = sequence
        self.policyHash = policyHash
        self.sdkVersion = sdkVersion
        self.retentionDays = retentionDays
        self.startTimestamp = startTimestamp
        self.endTimestamp = endTimestamp
        self.eventCount = eventCount
        self.audit = audit
        self.drift = drift
        self.losses = losses
    }
}

extension BatchEnvelope {
    /// Writes the envelope with `eventsJSON` as the body of its `events` array:
    /// already-encoded events separated by commas, spliced in verbatim (the sanitized
    /// bytes are never decoded or re-encoded on the way out). `events` comes last so a
    /// reader can take the metadata before the bulk.
    public func encode(eventsJSON: some Collection<UInt8>, into w: inout JSONWriter) {
        w.beginObject()
        w.key("formatVersion"); w.int(formatVersion)
        w.key("batchId"); w.string(batchId)
        w.key("sessionId"); w.string(sessionId)
        w.key("sequence"); w.int(sequence)
        w.key("policyHash"); w.string(policyHash)
        w.key("sdkVersion"); w.string(sdkVersion)
        w.key("retentionDays"); w.int(retentionDays)
        w.key("startTimestamp"); w.int64(startTimestamp)
        w.key("endTimestamp"); w.int64(endTimestamp)
        w.key("eventCount"); w.int(eventCount)
        w.key("audit"); audit.encode(into: &w)
        w.key("drift")
        w.beginArray()
        for alert in drift { alert.encode(into: &w) }
        w.endArray()
        w.key("losses"); losses.encode(into: &w)
        w.key("events")
        w.beginArray()
        w.raw(eventsJSON)
        w.endArray()
        w.endObject()
    }

    /// The envelope as UTF-8 JSON around the given events.
    public func encoded(eventsJSON: some Collection<UInt8>) -> [UInt8] {
        var w = JSONWriter(capacity: eventsJSON.count + 1024)
        encode(eventsJSON: eventsJSON, into: &w)
        return w.bytes
    }
}
