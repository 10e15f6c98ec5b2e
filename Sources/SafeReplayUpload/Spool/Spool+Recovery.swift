#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel

/// What opening a spool found and did.
public struct SpoolRecoveryReport: Sendable, Equatable {
    /// Complete batches found and kept.
    public var recovered = 0
    /// Files moved to `quarantine/`, with why.
    public var quarantined: [QuarantinedFile] = []
    /// Batches deleted unsent for their age.
    public var expiredBatches = 0
    public var expiredEvents = 0
    /// Batches dropped because the spool was over a (lowered) cap.
    public var evictedBatches = 0
    /// Quarantined and dead-lettered files deleted for their age.
    public var expiredSideFiles = 0

    public init() {}
}

public struct QuarantinedFile: Sendable, Equatable {
    public var name: String
    public var reason: String
}

extension Spool {
    /// Indexes the complete batches in `path`; everything else goes to quarantine.
    static func scan(_ path: String, quarantineTo quarantinePath: String, report: inout SpoolRecoveryReport) -> [StoredBatch] {
        let names: [String]
        do {
            names = try FileIO.list(path)
        } catch {
            report.quarantined.append(QuarantinedFile(name: path, reason: error.description))
            return []
        }
        var found: [StoredBatch] = []
        var ordinals = Set<UInt64>()
        for name in names {
            let filePath = path + "/" + name
            let reason: String
            if name.hasSuffix(".tmp") {
                reason = "incomplete write (the process stopped before the rename)"
            } else if var batch = StoredBatch(fileName: name, byteCount: 0) {
                do throws(SafeReplayError) {
                    // The framing only: inflating every batch made opening a full spool take
                    // seconds. Each batch is verified whole before it is sent (`body(of:)`),
                    // and quarantined then if it fails. The read's own fstat gives the size.
                    let ends = try FileIO.readEnds(filePath, head: 10, tail: 8, limit: maxFileBytes)
                    try Gzip.checkFraming(head: ends.head, tail: ends.tail, size: ends.size)
                    batch.byteCount = ends.size
                    if ordinals.insert(batch.ordinal).inserted {
                        found.append(batch)
                        continue
                    }
                    reason = "duplicate ordinal"
                } catch {
                    reason = error.description
                }
            } else {
                reason = "not a spool batch file name"
            }
            if quarantine(path: filePath, name: name, reason: reason, into: quarantinePath) {
                report.quarantined.append(QuarantinedFile(name: name, reason: reason))
            }
        }
        return found
    }

    /// Moves a file aside with a `.reason` note beside it. `false` if it could not be
    /// moved (then it is deleted, so it cannot block the spool again).
    @discardableResult
    static func quarantine(path: String, name: String, reason: String, into quarantinePath: String) -> Bool {
        var target = quarantinePath + "/" + name
        var n = 1
        while FileIO.exists(target) {
            n += 1
            target = quarantinePath + "/" + name + "." + String(n)
        }
        do {
            try FileIO.move(path, to: target)
        } catch {
            try? FileIO.remove(path)
            return true
        }
        writeReason(reason, for: target)
        return true
    }

    /// A short note on why a file was set aside. Reasons carry error messages and paths,
    /// never file contents.
    static func writeReason(_ reason: String, for path: String) {
        let directory = String(path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        try? FileIO.writeDurably(Array((reason + "\n").utf8), to: path + ".reason", directory: directory)
    }

    /// The losses file a previous process left; a damaged one is quarantined and counted
    /// as one quarantined file (its counts are lost, and that is reported).
    static func readLosses(at path: String, quarantineTo quarantinePath: String, report: inout SpoolRecoveryReport) -> UploadLosses {
        guard FileIO.exists(path) else { return UploadLosses() }
        do {
            let bytes = try FileIO.read(path, limit: 64 << 10)
            return try withContiguousBytes(bytes) { (raw) throws(JSONError) -> UploadLosses in
                try JSONScanner.withScanner(raw) { (s: inout JSONScanner) throws(JSONError) -> UploadLosses in
                    let losses = try UploadLosses.decode(&s)
                    try s.finish()
                    return losses
                }
            }
        } catch {
            let reason = "losses file unreadable: \(error)"
            if quarantine(path: path, name: "losses.json", reason: reason, into: quarantinePath) {
                report.quarantined.append(QuarantinedFile(name: "losses.json", reason: reason))
            }
            return UploadLosses()
        }
    }

    /// Deletes quarantined and dead-lettered files older than the retention allows: they
    /// hold sanitized session data too.
    static func expireSideFiles(in directories: [String], now: Int64, maxAge: Int64) -> Int {
        var removed = 0
        for directory in directories {
            for name in (try? FileIO.list(directory)) ?? [] {
                let path = directory + "/" + name
                guard let modified = FileIO.attributes(path)?.modified, now - modified > maxAge else { continue }
                if (try? FileIO.remove(path)) != nil, !name.hasSuffix(".reason") { removed += 1 }
            }
        }
        return removed
    }
}
