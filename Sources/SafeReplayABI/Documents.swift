import CSafeReplay
import SafeReplay

/// The options document of `sr_session_open_ex` (docs/c-abi.md, "Session options").
struct SessionOptions {
    var sessionId: String?
    var spoolDirectory: String?
    /// A fixed clock (ms since the epoch) instead of the system's: for replaying recorded
    /// observations reproducibly (the conformance vectors) and for tests.
    var fixedClockMs: Int64?

    static let maximumBytes = 64 << 10
    static let keys: Set<String> = ["version", "sessionId", "spoolDirectory", "fixedClockMs"]

    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> SessionOptions {
        guard bytes.count <= maximumBytes else {
            throw Failure(SR_E_LIMIT, "options of \(bytes.count) bytes exceed \(maximumBytes)")
        }
        if let offset = UTF8Check.firstInvalidOffset(bytes) {
            throw Failure(SR_E_JSON, "options are not valid UTF-8 (byte \(offset))")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maxDepth: 4)
        } catch {
            throw Failure(SR_E_JSON, "options are not valid JSON: \(error.description)")
        }
        guard let object = document.objectValue else { throw Failure.argument("options must be a JSON object") }
        var options = SessionOptions()
        var seen: Set<String> = []
        for member in object.members {
            guard keys.contains(member.key) else { throw Failure.argument("options: unknown key \"\(member.key)\"") }
            guard seen.insert(member.key).inserted else { throw Failure.argument("options: duplicate key \"\(member.key)\"") }
            let value = member.value
            switch member.key {
            case "version":
                guard value.int64Value == 1, case .int = value else {
                    throw Failure.argument("options.version: this library reads version 1")
                }
            case "sessionId":
                guard let s = value.stringValue else { throw Failure.argument("options.sessionId must be a string") }
                guard SessionID.isValid(s) else {
                    throw Failure.argument("options.sessionId must be 1–128 characters of A–Z a–z 0–9 . _ -, not starting with '.'")
                }
                options.sessionId = s
            case "spoolDirectory":
                guard let s = value.stringValue else { throw Failure.argument("options.spoolDirectory must be a string") }
                guard !s.isEmpty, !s.utf8.contains(0) else {
                    throw Failure.argument("options.spoolDirectory must be a non-empty path without NUL")
                }
                options.spoolDirectory = s
            case "fixedClockMs":
                guard case .int(let ms) = value, ms >= 0 else {
                    throw Failure.argument("options.fixedClockMs must be a non-negative integer")
                }
                options.fixedClockMs = ms
            default:
                break
            }
        }
        return options
    }
}

/// The statistics document of `sr_session_stats` (docs/c-abi.md, "Statistics").
enum StatisticsDocument {
    static func encode(_ box: SessionBox) -> [UInt8] {
        let session = box.session
        let stats = session.currentStatistics
        let upload = session.upload.currentStatistics
        let refused = box.refusedCount
        let w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("version")
        w.int(1)
        w.key("sessionId")
        w.string(session.sessionId)
        w.key("recorded")
        w.bool(session.isRecorded)
        w.key("ended")
        w.bool(session.isClosed)
        w.key("uploading")
        w.bool(box.isUploading)
        w.key("received")
        w.int(stats.received + refused)
        w.key("rejected")
        w.int(stats.rejected + refused)
        w.key("emitted")
        w.int(stats.emitted)
        w.key("audit")
        var ww = w
        stats.audit.encode(into: &ww)
        w.key("upload")
        w.beginObject()
        let counts: [(StaticString, Int)] = [
            ("batchesClosed", upload.batchesClosed), ("eventsBatched", upload.eventsBatched),
            ("oversizeEventsDropped", upload.oversizeEventsDropped), ("batchesLost", upload.batchesLost),
            ("eventsLost", upload.eventsLost), ("pendingBatches", upload.pendingBatches),
            ("pendingBytes", upload.pendingBytes),
        ]
        for (name, value) in counts {
            w.key(name)
            w.int(value)
        }
        w.key("closeReasons")
        w.beginObject()
        for reason in BatchCloseReason.allCases {
            w.key(reason.rawValue)
            w.int(upload.closeReasons[reason] ?? 0)
        }
        w.endObject()
        w.key("losses")
        upload.losses.encode(into: &ww)
        w.endObject()
        w.endObject()
        return w.bytes
    }
}

/// UTF-8 validation for what the host hands over, ASCII 64 bytes at a time.
enum UTF8Check {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8
    /// sequence (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above
    /// U+10FFFF), or `nil` when all of it is valid.
    static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path: 64 bytes a step while they last (most events are ASCII
            // throughout), then 8.
            while i + 64 <= n, isASCII64(base + i) {
                i &+= 64
            }
            // Fewer than 64 bytes left, all after what was checked: one block ending at the
            // end covers them (it overlaps bytes already checked, which is harmless).
            if i + 64 > n && n >= 64 && isASCII64(base + (n - 64)) { return nil }
            while i + 8 <= n && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { return nil }
            let b0 = base.load(fromByteOffset: i, as: UInt8.self)
            if b0 < 0x80 {
                i += 1
                continue
            }
            func byte(_ k: Int) -> UInt8? { i + k < n ? base.load(fromByteOffset: i + k, as: UInt8.self) : nil }
            func isContinuation(_ b: UInt8?) -> Bool { b.map { $0 & 0xC0 == 0x80 } ?? false }
            switch b0 {
            case 0xC2...0xDF:
                guard isContinuation(byte(1)) else { return i }
                i += 2
            case 0xE0...0xEF:
                guard let b1 = byte(1) else { return i }
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard b1 >= low && b1 <= high, isContinuation(byte(2)) else { return i }
                i += 3
            case 0xF0...0xF4:
                guard let b1 = byte(1) else { return i }
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard b1 >= low && b1 <= high, isContinuation(byte(2)), isContinuation(byte(3)) else { return i }
                i += 4
            default:
                return i
            }
        }
        return nil
    }

    @inline(__always)
    private static func isASCII64(_ p: UnsafeRawPointer) -> Bool {
        let any = (p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            | (p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            | (p.loadUnaligned(fromByteOffset: 32, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
            | (p.loadUnaligned(fromByteOffset: 48, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
        return any & 0x8080_8080_8080_8080 == 0
    }
}
