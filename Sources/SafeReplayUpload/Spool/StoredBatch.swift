/// A closed batch waiting in a store (the spool or the memory queue) to be sent.
public struct StoredBatch: Sendable, Hashable {
    /// The file name in the spool (a synthetic name in memory).
    public let name: String
    /// The store's write order: batches are sent and evicted in this order.
    public let ordinal: UInt64
    public let batchId: String
    public let sessionId: String
    public let sequence: Int
    public let eventCount: Int
    /// When the store filed it (ms since the epoch, the store's clock): its age for
    /// retention is measured from here, not from event timestamps a host clock wrote.
    public let createdAt: Int64
    /// Compressed size.
    public internal(set) var byteCount: Int
    /// The losses its envelope carries, when this process filed it (`nil` for a batch
    /// found on disk). If the batch is dropped unsent, they are owed again.
    public let carried: UploadLosses?

    init(name: String, ordinal: UInt64, batchId: String, sessionId: String, sequence: Int, eventCount: Int,
         createdAt: Int64, byteCount: Int, carried: UploadLosses? = nil) {
        self.name = name
        self.ordinal = ordinal
        self.batchId = batchId
        self.sessionId = sessionId
        self.sequence = sequence
        self.eventCount = eventCount
        self.createdAt = createdAt
        self.byteCount = byteCount
        self.carried = carried
    }
}

/// A compressed envelope ready for a store, with the facts the store files it by.
public struct PreparedBatch: Sendable {
    public var gzip: [UInt8]
    public var batchId: String
    public var sessionId: String
    public var sequence: Int
    public var eventCount: Int

    public init(gzip: [UInt8], batchId: String, sessionId: String, sequence: Int, eventCount: Int) {
        self.gzip = gzip
        self.batchId = batchId
        self.sessionId = sessionId
        self.sequence = sequence
        self.eventCount = eventCount
    }
}

extension StoredBatch {
    static let suffix = ".json.gz"

    /// `<ordinal>_<createdAt>_<sequence>_<eventCount>_<batchId>_<sessionId>.json.gz`:
    /// fixed-width numbers so names sort in write order (and, within a session, by
    /// sequence); the session id goes last since it is the only part that may hold `_`.
    /// Carrying the facts in the name lets a restart index the spool without parsing.
    static func fileName(ordinal: UInt64, createdAt: Int64, prepared p: PreparedBatch) -> String {
        pad(String(ordinal), 16) + "_" + pad(String(max(0, createdAt)), 13) + "_" + pad(String(p.sequence), 10)
            + "_" + String(p.eventCount) + "_" + p.batchId + "_" + p.sessionId + suffix
    }

    /// Parses a name made by ``fileName(ordinal:createdAt:prepared:)``; `nil` for anything else.
    init?(fileName name: String, byteCount: Int) {
        guard name.hasSuffix(Self.suffix) else { return nil }
        let stem = name.dropLast(Self.suffix.count)
        let parts = stem.split(separator: "_", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6,
              let ordinal = UInt64(parts[0]), let start = Int64(parts[1]), let sequence = Int(parts[2]),
              let events = Int(parts[3]), events >= 0, sequence >= 0,
              BatchID.isValid(String(parts[4])), SessionID.isValid(String(parts[5]))
        else { return nil }
        self.init(
            name: name, ordinal: ordinal, batchId: String(parts[4]), sessionId: String(parts[5]),
            sequence: sequence, eventCount: events, createdAt: start, byteCount: byteCount
        )
    }

    private static func pad(_ digits: String, _ width: Int) -> String {
        digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Session ids travel in file names and headers, so only a safe alphabet is accepted.
public enum SessionID {
    public static let maxLength = 128

    /// 1–128 characters of `A–Z a–z 0–9 . _ -`, not starting with a dot.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maxLength, id.utf8.first != UInt8(ascii: ".") else { return false }
        return id.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
    }
}
