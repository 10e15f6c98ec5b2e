import CZlib
public import SafeReplayModel

/// gzip (RFC 1952) through the system zlib: what the spool stores and what is sent with
/// `Content-Encoding: gzip`.
public enum Gzip {
    /// zlib's windowBits for a gzip wrapper rather than a raw zlib stream.
    static let gzipWindowBits: Int32 = 15 + 16
    /// Refuses to inflate past this by default: a hostile or corrupt file cannot make a
    /// reader allocate without bound. Batches are ~1 MB uncompressed.
    public static let defaultMaxOutput = 64 << 20

    /// Compresses `bytes` into one gzip member.
    public static func compress(_ bytes: some Collection<UInt8>, level: Int32 = 4) throws(SafeReplayError) -> [UInt8] {
        var stream = z_stream()
        let initResult = deflateInit2_(&stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw zlibError("deflateInit2", initResult) }
        defer { deflateEnd(&stream) }

        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var out = [UInt8](repeating: 0, count: bound)
        let result: Int32 = withBuffer(bytes) { input in
            out.withUnsafeMutableBufferPointer { output in
                // zlib's next_in is not const-qualified but deflate never writes through it.
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound guarantees one Z_FINISH call is enough.
        guard result == Z_STREAM_END else { throw zlibError("deflate", result) }
        out.removeLast(out.count - Int(stream.total_out))
        return out
    }

    /// Decompresses one gzip member, checking its CRC and length; anything that is not
    /// exactly one complete, valid member (truncated, corrupt, trailing bytes, too large)
    /// is an `.io` error (`.limit` past `maxOutput`), never a crash.
    public static func decompress(_ bytes: some Collection<UInt8>, maxOutput: Int = defaultMaxOutput) throws(SafeReplayError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(maxOutput, max(bytes.count * 4, 4096)))
        try inflate(bytes, maxOutput: maxOutput) { chunk in out.append(contentsOf: chunk) }
        return out
    }

    /// Checks a gzip member's framing from its first ten and last eight bytes and its size:
    /// the header's magic, method and reserved flags, and a trailer length that the body
    /// could have produced (at most `maxOutput`; deflate neither expands stored data by more
    /// than a few bytes per 16 KiB nor compresses by more than 1,032 to 1). A truncated or
    /// torn file fails it unless its last bytes happen to read as such a length; only
    /// ``verify(_:maxOutput:)`` settles it. How the spool checks files on open without
    /// inflating them (a full 50 MB spool took over a second).
    static func checkFraming(head: [UInt8], tail: [UInt8], size: Int, maxOutput: Int = defaultMaxOutput) throws(SafeReplayError) {
        guard size >= 18, head.count >= 10, tail.count == 8 else {
            throw SafeReplayError(.io, "not a gzip stream: too short", context: ["bytes": String(size)])
        }
        guard head[0] == 0x1F, head[1] == 0x8B, head[2] == 8, head[3] & 0xE0 == 0 else {
            throw SafeReplayError(.io, "not a gzip stream: bad header")
        }
        let length = tail[4...].reversed().reduce(0) { $0 << 8 | Int($1) }
        let body = size - 18
        guard length <= maxOutput, length <= body * 1_032, body <= length + 5 * (length / 16_383 + 1) + 64 else {
            throw SafeReplayError(.io, "gzip stream truncated or damaged: its trailer's length does not fit the file",
                                  context: ["length": String(length), "bytes": String(size)])
        }
    }

    /// Checks that `bytes` is one complete, valid gzip member without keeping the output:
    /// how the spool verifies a batch before sending it, in constant memory.
    public static func verify(_ bytes: some Collection<UInt8>, maxOutput: Int = defaultMaxOutput) throws(SafeReplayError) {
        try inflate(bytes, maxOutput: maxOutput) { _ in }
    }

    /// Streams the inflated bytes of one gzip member through `sink` in chunks.
    static func inflate(
        _ bytes: some Collection<UInt8>,
        maxOutput: Int,
        _ sink: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(SafeReplayError) {
        guard bytes.count >= 18 else {
            throw SafeReplayError(.io, "not a gzip stream: too short", context: ["bytes": String(bytes.count)])
        }
        var stream = z_stream()
        let initResult = inflateInit2_(&stream, gzipWindowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw zlibError("inflateInit2", initResult) }
        defer { inflateEnd(&stream) }

        let chunkSize = 64 << 10
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { scratch.deallocate() }

        var produced = 0
        let outcome: Result<Void, SafeReplayError> = withBuffer(bytes) { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                stream.next_out = scratch
                stream.avail_out = uInt(chunkSize)
                let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                let got = chunkSize - Int(stream.avail_out)
                produced += got
                if produced > maxOutput {
                    return .failure(SafeReplayError(.limit, "gzip stream inflates past the limit", context: ["maxOutput": String(maxOutput)]))
                }
                if got > 0 { sink(UnsafeBufferPointer(start: scratch, count: got)) }
                switch result {
                case Z_STREAM_END:
                    if stream.avail_in != 0 {
                        return .failure(SafeReplayError(.io, "bytes after the end of the gzip stream", context: ["trailing": String(stream.avail_in)]))
                    }
                    return .success(())
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(SafeReplayError(.io, "gzip stream is truncated", context: ["bytes": String(input.count)]))
                default:
                    return .failure(zlibError("inflate", result, stream.msg))
                }
            }
        }
        try outcome.get()
    }

    /// Runs `body` over contiguous bytes, copying only a collection that has none.
    static func withBuffer<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let direct = bytes.withContiguousStorageIfAvailable(body) { return direct }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    static func zlibError(_ call: String, _ code: Int32, _ msg: UnsafeMutablePointer<CChar>? = nil) -> SafeReplayError {
        var context = ["call": call, "zlib": String(code)]
        if let msg { context["detail"] = String(cString: msg) }
        let what: SafeReplayError.Code = code == Z_MEM_ERROR ? .limit : .io
        return SafeReplayError(what, code == Z_DATA_ERROR ? "gzip stream is corrupt" : "zlib failed", context: context)
    }
}
