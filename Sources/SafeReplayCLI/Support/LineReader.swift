#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor as lines, in bounded memory: 64 KiB reads, and lines longer
/// than `maxLineBytes` are reported (`tooLong`) and skipped instead of buffered.
struct LineReader {
    enum Line {
        case bytes(UnsafeRawBufferPointer)
        case tooLong(byteCount: Int)
    }

    let fd: Int32
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var skipping = 0

    init(fd: Int32, maxLineBytes: Int = 32 << 20) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// Calls `body` for each line (without its `\n`; a trailing `\r` is kept) and returns
    /// how many lines there were. Read errors throw `errno`.
    mutating func forEachLine(_ body: (Int, Line) -> Void) throws(ReadError) -> Int {
        let chunk = 64 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        var lineNumber = 0
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw ReadError(errno: errno) }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == UInt8(ascii: "\n") {
                lineNumber += 1
                emit(UnsafeRawBufferPointer(rebasing: buffer[start..<i]), number: lineNumber, body)
                start = i + 1
            }
            if start < n { accumulate(UnsafeRawBufferPointer(rebasing: buffer[start..<n])) }
        }
        if !pending.isEmpty || skipping > 0 {
            lineNumber += 1
            emit(UnsafeRawBufferPointer(start: nil, count: 0), number: lineNumber, body)
        }
        return lineNumber
    }

    private mutating func accumulate(_ bytes: UnsafeRawBufferPointer) {
        if skipping > 0 || pending.count + bytes.count > maxLineBytes {
            skipping += pending.count + bytes.count
            pending.removeAll()
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func emit(_ tail: UnsafeRawBufferPointer, number: Int, _ body: (Int, Line) -> Void) {
        if skipping > 0 || pending.count + tail.count > maxLineBytes {
            body(number, .tooLong(byteCount: skipping + pending.count + tail.count))
            skipping = 0
            pending.removeAll()
            return
        }
        if pending.isEmpty {
            body(number, .bytes(tail))
        } else {
            pending.append(contentsOf: tail)
            pending.withUnsafeBytes { body(number, .bytes($0)) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    struct ReadError: Error {
        var errno: Int32
    }
}
