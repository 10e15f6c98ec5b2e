#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import SafeReplayDetect
import SafeReplayModel

/// `safereplay scrub`: masks PII in JSON lines, for trying the detectors on real text.
struct ScrubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Mask PII in JSON lines read from standard input.",
        discussion: """
            Reads one JSON object per line, {"text": "..."}, and writes one line per input line: \
            {"text": "<masked>", "spans": [{"start": s, "end": e, "type": "EMAIL"}]}. Offsets count \
            Unicode scalars of the input text, end exclusive. Types: EMAIL, CREDIT_CARD, PHONE, \
            US_SSN, IBAN, IP_ADDRESS, JWT, BEARER_TOKEN, API_KEY.

            A line that is not such an object gets {"error": "..."} in its place and a message with \
            its line number on standard error; the other lines still run, and the exit code is 65 \
            at the end. Invalid UTF-8 and lone surrogate escapes (\\ud800) are replaced with U+FFFD \
            and reported on standard error; the line is still scrubbed. Input streams through memory bounded by --max-line-bytes.
            """
    )

    enum Style: String, ExpressibleByArgument, CaseIterable {
        case typed
        case typedLast4 = "typed-last4"
        case fixed
        case preserveLength
        case preserveLengthDashed = "preserve-length"

        var maskStyle: MaskStyle {
            switch self {
            case .typed: .typed()
            case .typedLast4: .typed(revealCardLastFour: true)
            case .fixed: .fixed
            case .preserveLength, .preserveLengthDashed: .preserveLength()
            }
        }
    }

    @Option(help: """
        How masked values are written: typed ([EMAIL], [CARD]; the default, hides length and \
        says what was there), typed-last4 (typed, cards keep their last four digits), fixed \
        (****), preserveLength or preserve-length (* per character, whitespace kept).
        """)
    var style: Style = .typed

    @Option(help: "The longest input line accepted, in bytes; a longer line is refused whole.")
    var maxLineBytes: Int = 16 << 20

    func run() throws {
        var stream = ScrubStream(scrubber: Scrubber(style: style.maskStyle), maxLineBytes: max(maxLineBytes, 1))
        stream.output = { bytes in writeAll(1, bytes) }  // UploadCommand.swift's helper
        stream.diagnostic = { message in writeAll(2, Array("safereplay scrub: \(message)\n".utf8)) }
        let chunkSize = 64 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = read(0, buffer.baseAddress, chunkSize)
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                stream.diagnostic("reading standard input failed (errno \(errno))")
                throw ExitCode(74)
            }
            if n == 0 { break }
            stream.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        stream.finish()
        if stream.failedLines > 0 { throw ExitCode(65) }
    }
}

/// The `scrub` line protocol over a byte stream fed in chunks: splits lines, scrubs each,
/// and hands back output in batches. Holds at most one line (up to `maxLineBytes`) and one
/// output batch in memory.
struct ScrubStream {
    let scrubber: Scrubber
    let maxLineBytes: Int
    /// Receives output JSON lines, in batches.
    var output: ([UInt8]) -> Void = { _ in }
    /// Receives messages for standard error.
    var diagnostic: (String) -> Void = { _ in }
    private(set) var lineNumber = 0
    private(set) var failedLines = 0

    private var pending: [UInt8] = []
    private var pendingTooLong = false
    /// One line's JSON; appended to `batch` when the line is done.
    private var writer = JSONWriter(capacity: 4 << 10)
    private var batch: [UInt8] = []
    static let flushThreshold = 64 << 10

    init(scrubber: Scrubber, maxLineBytes: Int) {
        self.scrubber = scrubber
        self.maxLineBytes = maxLineBytes
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        var start = 0
        while start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start...]))
                break
            }
            append(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            endLine()
            start = newline + 1
        }
        if batch.count >= Self.flushThreshold { flush() }
    }

    /// Ends the input: a last line without a newline still counts.
    mutating func finish() {
        if !pending.isEmpty || pendingTooLong { endLine() }
        flush()
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if pendingTooLong { return }
        if pending.count + bytes.count > maxLineBytes {
            pendingTooLong = true
            pending = []
            return
        }
        pending.append(contentsOf: bytes)
    }

    private mutating func endLine() {
        lineNumber += 1
        defer {
            pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
            pendingTooLong = false
        }
        if pendingTooLong {
            fail("line longer than \(maxLineBytes) bytes")
            return
        }
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        var line = pending
        if String(validating: line, as: UTF8.self) == nil {
            diagnostic("line \(lineNumber): invalid UTF-8 replaced with U+FFFD")
            line = Array(String(decoding: line, as: UTF8.self).utf8)
        }
        let text: String
        var replacedSurrogates = 0
        do throws(JSONError) {
            text = try Self.readText(line, replacedSurrogates: &replacedSurrogates)
        } catch {
            fail(error.description)
            return
        }
        if replacedSurrogates > 0 {
            diagnostic("line \(lineNumber): \(replacedSurrogates) lone surrogate escape(s) replaced with U+FFFD")
        }
        let result = scrubber.scrub(text)
        writer.reset()
        writer.beginObject()
        writer.key("text")
        writer.string(result.text)
        writer.key("spans")
        writer.beginArray()
        for span in result.spans {
            writer.beginObject()
            writer.key("start")
            writer.int(span.start)
            writer.key("end")
            writer.int(span.end)
            writer.key("type")
            writer.string(span.type.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        endOutputLine()
    }

    /// The string `text` member of the one JSON object on `line`.
    static func readText(_ line: [UInt8], replacedSurrogates: inout Int) throws(JSONError) -> String {
        try withContiguousBytes(line) { (raw) throws(JSONError) -> String in
            try JSONScanner.withScanner(raw) { (scanner: inout JSONScanner) throws(JSONError) -> String in
                guard scanner.peek() != nil else { throw JSONError(offset: 0, "empty line") }
                try scanner.beginObject()
                var text: String?
                while let key = try scanner.nextKey() {
                    if key == "text" {
                        guard scanner.peek() == UInt8(ascii: "\"") else {
                            throw JSONError(offset: scanner.position, "\"text\" is not a string")
                        }
                        text = try scanner.readString()
                    } else {
                        try scanner.skipValue()
                    }
                }
                try scanner.finish()
                guard let text else { throw JSONError(offset: scanner.position, "no \"text\" member") }
                replacedSurrogates = scanner.replacedSurrogates
                return text
            }
        }
    }

    private mutating func fail(_ message: String) {
        failedLines += 1
        diagnostic("line \(lineNumber): \(message)")
        writer.reset()
        writer.beginObject()
        writer.key("error")
        writer.string(message)
        writer.endObject()
        endOutputLine()
    }

    private mutating func endOutputLine() {
        batch.append(contentsOf: writer.bytes)
        batch.append(UInt8(ascii: "\n"))
    }

    private mutating func flush() {
        guard !batch.isEmpty else { return }
        output(batch)
        batch.removeAll(keepingCapacity: true)
    }
}
