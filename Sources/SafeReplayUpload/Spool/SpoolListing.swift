public import SafeReplayModel

/// A read-only look at a spool directory, for `safereplay spool ls`, `export` and audits.
/// Takes no lock and changes nothing, so it can look at a spool an uploader is using.
public struct SpoolListing: Sendable {
    public struct SideFile: Sendable {
        public var name: String
        public var byteCount: Int
        /// Milliseconds since the file was last modified.
        public var age: Int64
        /// The `.reason` note beside it, if any.
        public var reason: String?
    }

    public struct Batch: Sendable {
        public var batch: StoredBatch
        /// Milliseconds since the batch was filed.
        public var age: Int64
    }

    public var directory: String
    /// Complete-looking batches in send order (their contents are not verified here).
    public var batches: [Batch]
    /// Files in `batches/` that are not batches (a write in progress, or damage).
    public var strays: [SideFile]
    public var quarantined: [SideFile]
    public var deadLettered: [SideFile]
    public var pendingLosses: UploadLosses?

    public var batchBytes: Int { batches.reduce(0) { $0 + $1.batch.byteCount } }

    public init(directory: String, clock: any UploadClock = SystemUploadClock()) throws(SafeReplayError) {
        let now = clock.nowMilliseconds()
        self.directory = directory
        guard FileIO.exists(directory + "/batches") else {
            throw SafeReplayError(.io, "not a spool directory (no batches/ folder)", context: ["path": directory])
        }
        var batches: [Batch] = []
        var strays: [SideFile] = []
        for name in try FileIO.list(directory + "/batches") {
            let size = FileIO.attributes(directory + "/batches/" + name)?.size ?? 0
            if let batch = StoredBatch(fileName: name, byteCount: size) {
                batches.append(Batch(batch: batch, age: now - batch.createdAt))
            } else {
                strays.append(Self.sideFile(directory + "/batches", name, now: now))
            }
        }
        self.batches = batches.sorted { $0.batch.ordinal < $1.batch.ordinal }
        self.strays = strays
        quarantined = Self.sideFiles(in: directory + "/quarantine", now: now)
        deadLettered = Self.sideFiles(in: directory + "/dead-letter", now: now)
        if FileIO.exists(directory + "/losses.json"),
           let bytes = try? FileIO.read(directory + "/losses.json", limit: 64 << 10) {
            pendingLosses = try? withContiguousBytes(bytes) { (raw) throws(JSONError) -> UploadLosses in
                try JSONScanner.withScanner(raw) { (s: inout JSONScanner) throws(JSONError) -> UploadLosses in try UploadLosses.decode(&s) }
            }
        }
    }

    /// The envelope of a listed batch, decompressed and parsed.
    public func read(_ batch: StoredBatch) throws(SafeReplayError) -> DecodedBatch {
        let gzip = try FileIO.read(directory + "/batches/" + batch.name, limit: Spool.maxFileBytes)
        return try DecodedBatch(json: try Gzip.decompress(gzip))
    }

    static func sideFiles(in path: String, now: Int64) -> [SideFile] {
        let names = (try? FileIO.list(path)) ?? []
        return names.filter { !$0.hasSuffix(".reason") && !$0.hasSuffix(".tmp") }.map { sideFile(path, $0, now: now) }
    }

    static func sideFile(_ path: String, _ name: String, now: Int64) -> SideFile {
        let attributes = FileIO.attributes(path + "/" + name)
        let reason = (try? FileIO.read(path + "/" + name + ".reason", limit: 4096)).map {
            String(decoding: $0, as: UTF8.self).trimmingASCIISpaces().split(separator: "\n").first.map(String.init) ?? ""
        }
        return SideFile(name: name, byteCount: attributes?.size ?? 0, age: now - (attributes?.modified ?? now), reason: reason)
    }
}
