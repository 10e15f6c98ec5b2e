public import SafeReplayModel

/// A batch read back from JSON: its envelope and where each event's bytes lie.
/// For export, the spool's tools and tests; the upload path itself never decodes.
public struct DecodedBatch: Sendable {
    public var envelope: BatchEnvelope
    /// The whole envelope JSON the events point into.
    public var json: [UInt8]
    /// Byte ranges of each event in `json`, in order.
    public var eventRanges: [Range<Int>]

    /// Each event's JSON, verbatim as it was spliced in.
    public var events: [ArraySlice<UInt8>] { eventRanges.map { json[$0] } }

    /// Parses an envelope; anything that is not one (wrong shape, missing fields, a
    /// newer format, an event count that does not match) is a `.json` error.
    public init(json: [UInt8]) throws(SafeReplayError) {
        self.json = json
        var ranges: [Range<Int>] = []
        let envelope: BatchEnvelope
        do {
            envelope = try withContiguousBytes(json) { (raw) throws(JSONError) -> BatchEnvelope in
                try JSONScanner.withScanner(raw) { (s: inout JSONScanner) throws(JSONError) -> BatchEnvelope in
                    let e = try BatchEnvelope.decode(&s, eventRanges: &ranges)
                    try s.finish()
                    return e
                }
            }
        } catch {
            var failure = error.asSafeReplayError
            failure.message = "not a batch envelope: " + failure.message
            throw failure
        }
        guard envelope.formatVersion <= BatchEnvelope.formatVersion else {
            throw SafeReplayError(.json, "batch envelope format is newer than this reader", context: ["formatVersion": String(envelope.formatVersion)])
        }
        guard envelope.eventCount == ranges.count else {
            throw SafeReplayError(.json, "batch envelope eventCount does not match its events", context: ["eventCount": String(envelope.eventCount), "events": String(ranges.count)])
        }
        self.envelope = envelope
        self.eventRanges = ranges
    }
}

extension BatchEnvelope {
    static func decode(_ s: inout JSONScanner, eventRanges: inout [Range<Int>]) throws(JSONError) -> BatchEnvelope {
        var format: Int?, batchId: String?, sessionId: String?, sequence: Int?, policyHash: String?
        var sdkVersion: String?, retentionDays: Int?, start: Int64?, end: Int64?, count: Int?
        var audit = AuditCounters(), drift: [DriftAlert] = [], losses = UploadLosses()
        var sawEvents = false
        try s.beginObject()
        while let key = try s.nextKey() {
            if key == "formatVersion" { format = try s.readInt() }
            else if key == "batchId" { batchId = try s.readString() }
            else if key == "sessionId" { sessionId = try s.readString() }
            else if key == "sequence" { sequence = try s.readInt() }
            else if key == "policyHash" { policyHash = try s.readString() }
            else if key == "sdkVersion" { sdkVersion = try s.readString() }
            else if key == "retentionDays" { retentionDays = try s.readInt() }
            else if key == "startTimestamp" { start = try s.readInt64() }
            else if key == "endTimestamp" { end = try s.readInt64() }
            else if key == "eventCount" { count = try s.readInt() }
            else if key == "audit" { audit = try decodeAudit(&s) }
            else if key == "drift" { drift = try s.readArray(decodeDrift) }
            else if key == "losses" { losses = try UploadLosses.decode(&s) }
            else if key == "events" {
                sawEvents = true
                try s.beginArray()
                while try s.nextElement() {
                    guard s.peek() == UInt8(ascii: "{") else { throw JSONError(offset: s.position, "an event is not an object") }
                    let start = s.position
                    try s.skipValue()
                    eventRanges.append(start..<s.position)
                }
            } else { try s.skipValue() }
        }
        func need<T>(_ value: T?, _ name: String) throws(JSONError) -> T {
            guard let value else { throw s.missing(name, in: "batch envelope") }
            return value
        }
        guard sawEvents else { throw s.missing("events", in: "batch envelope") }
        return BatchEnvelope(
            batchId: try need(batchId, "batchId"), sessionId: try need(sessionId, "sessionId"),
            sequence: try need(sequence, "sequence"), policyHash: try need(policyHash, "policyHash"),
            sdkVersion: try need(sdkVersion, "sdkVersion"), retentionDays: try need(retentionDays, "retentionDays"),
            startTimestamp: try need(start, "startTimestamp"), endTimestamp: try need(end, "endTimestamp"),
            eventCount: try need(count, "eventCount"), audit: audit, drift: drift, losses: losses
        ).withFormat(try need(format, "formatVersion"))
    }

    private func withFormat(_ version: Int) -> BatchEnvelope {
        var copy = self
        copy.formatVersion = version
        return copy
    }

    static func decodeAudit(_ s: inout JSONScanner) throws(JSONError) -> AuditCounters {
        var audit = AuditCounters()
        try s.beginObject()
        while let key = try s.nextKey() {
            let group = key.string
            guard ["masked", "blocked", "dropped", "detected"].contains(group) else {
                try s.skipValue()
                continue
            }
            try s.beginObject()
            while let reason = try s.nextKey() {
                let name = reason.string
                let n = try s.readInt()
                switch group {
                case "masked": audit.mask(name, n)
                case "blocked": audit.block(name, n)
                case "dropped": audit.drop(name, n)
                default: audit.detect(name, n)
                }
            }
        }
        return audit
    }

    static func decodeDrift(_ s: inout JSONScanner) throws(JSONError) -> DriftAlert {
        var kind: DriftAlert.Kind?, subject: String?, level: String?
        try s.beginObject()
        while let key = try s.nextKey() {
            if key == "kind" {
                let raw = try s.readString()
                guard let k = DriftAlert.Kind(rawValue: raw) else { throw JSONError(offset: s.position, "unknown drift kind") }
                kind = k
            } else if key == "subject" { subject = try s.readString() }
            else if key == "appliedLevel" { level = try s.readString() }
            else { try s.skipValue() }
        }
        guard let kind, let subject, let level else { throw s.missing("kind, subject and appliedLevel", in: "drift alert") }
        return DriftAlert(kind: kind, subject: subject, appliedLevel: level)
    }
}
