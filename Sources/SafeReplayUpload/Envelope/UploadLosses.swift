public import SafeReplayModel

/// What the upload stage itself lost: batches the spool dropped at its cap or for age,
/// files it quarantined. Counted where it happened and carried forward in the next
/// envelope written, so the server learns of every loss even when the lost batches
/// belonged to another session.
public struct UploadLosses: Sendable, Hashable {
    /// Batches (and their events) dropped, oldest first, to stay under the spool cap.
    public var spoolCapBatches = 0
    public var spoolCapEvents = 0
    /// Batches (and their events) deleted unsent for being older than the policy allows.
    public var expiredBatches = 0
    public var expiredEvents = 0
    /// Spool files that were partial or corrupt (their event counts are unknown).
    public var quarantinedFiles = 0
    /// Batches the server refused for good (moved to `dead-letter/`).
    public var deadLetteredBatches = 0
    public var deadLetteredEvents = 0
    /// Batches that closed but could not be written (disk full, spool gone).
    public var unfiledBatches = 0
    public var unfiledEvents = 0

    public init() {}

    public var isEmpty: Bool { self == UploadLosses() }

    public mutating func merge(_ other: UploadLosses) {
        spoolCapBatches += other.spoolCapBatches
        spoolCapEvents += other.spoolCapEvents
        expiredBatches += other.expiredBatches
        expiredEvents += other.expiredEvents
        quarantinedFiles += other.quarantinedFiles
        deadLetteredBatches += other.deadLetteredBatches
        deadLetteredEvents += other.deadLetteredEvents
        unfiledBatches += other.unfiledBatches
        unfiledEvents += other.unfiledEvents
    }

    /// Removes counts that an envelope now carries.
    public mutating func subtract(_ other: UploadLosses) {
        spoolCapBatches -= other.spoolCapBatches
        spoolCapEvents -= other.spoolCapEvents
        expiredBatches -= other.expiredBatches
        expiredEvents -= other.expiredEvents
        quarantinedFiles -= other.quarantinedFiles
        deadLetteredBatches -= other.deadLetteredBatches
        deadLetteredEvents -= other.deadLetteredEvents
        unfiledBatches -= other.unfiledBatches
        unfiledEvents -= other.unfiledEvents
    }

    /// The fields in the envelope's order, named as in docs/envelope.md.
    var fields: [(StaticString, Int)] {
        [
            ("spoolCapBatches", spoolCapBatches), ("spoolCapEvents", spoolCapEvents),
            ("expiredBatches", expiredBatches), ("expiredEvents", expiredEvents),
            ("quarantinedFiles", quarantinedFiles),
            ("deadLetteredBatches", deadLetteredBatches), ("deadLetteredEvents", deadLetteredEvents),
            ("unfiledBatches", unfiledBatches), ("unfiledEvents", unfiledEvents),
        ]
    }

    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        for (name, value) in fields {
            w.key(name)
            w.int(value)
        }
        w.endObject()
    }

    /// Reads the object ``encode(into:)`` writes; unknown keys are skipped so a newer
    /// writer's file stays readable.
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> UploadLosses {
        var losses = UploadLosses()
        try s.beginObject()
        while let key = try s.nextKey() {
            if key == "spoolCapBatches" { losses.spoolCapBatches = try s.readInt() }
            else if key == "spoolCapEvents" { losses.spoolCapEvents = try s.readInt() }
            else if key == "expiredBatches" { losses.expiredBatches = try s.readInt() }
            else if key == "expiredEvents" { losses.expiredEvents = try s.readInt() }
            else if key == "quarantinedFiles" { losses.quarantinedFiles = try s.readInt() }
            else if key == "deadLetteredBatches" { losses.deadLetteredBatches = try s.readInt() }
            else if key == "deadLetteredEvents" { losses.deadLetteredEvents = try s.readInt() }
            else if key == "unfiledBatches" { losses.unfiledBatches = try s.readInt() }
            else if key == "unfiledEvents" { losses.unfiledEvents = try s.readInt() }
            else { try s.skipValue() }
        }
        return losses
    }
}
