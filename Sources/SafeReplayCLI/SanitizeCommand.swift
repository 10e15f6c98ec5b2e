import ArgumentParser
import Foundation
import SafeReplay

/// `safereplay sanitize [--policy FILE] [--input FILE]`: raw rrweb events as JSON lines in,
/// sanitized events as JSON lines out.
struct SanitizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanitize",
        abstract: "Sanitize raw rrweb events (JSON lines) into safe rrweb events (JSON lines).",
        discussion: """
            Without --policy the fail-closed defaults apply. A malformed line is skipped with \
            its line number on stderr; the run goes on and exits 65 at the end.
            """
    )

    @Option(help: "The policy document (JSON). Default: the fail-closed defaults.")
    var policy: String?

    @Option(help: "Raw events, one JSON document per line. Default: standard input.")
    var input: String?

    func run() throws {
        let loaded = try policy.map { try loadPolicy(at: $0) } ?? Policy.defaults
        let sanitizer = WebSanitizer(policy: loaded, now: { Int64(Date().timeIntervalSince1970 * 1000) })
        let descriptor: Int32
        if let input {
            descriptor = open(input, O_RDONLY)
            guard descriptor >= 0 else {
                printError("\(input): cannot read the file")
                throw ExitCode(66)
            }
        } else {
            descriptor = STDIN_FILENO
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }

        var out = OutputBuffer()
        var malformed = false
        var lines = LineReader(descriptor: descriptor)
        var number = 0
        while let line = lines.next() {
            number += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let event: Event
            do {
                event = try Event(json: line)
            } catch {
                printError("line \(number): \(error.description)")
                malformed = true
                continue
            }
            for sanitized in sanitizer.sanitize(event) { out.appendLine(sanitized.json) }
        }
        out.flush()
        if malformed { throw ExitCode(65) }
    }
}

/// Reads a file descriptor line by line in bounded memory (one line at a time).
struct LineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[..<n])
            }
        }
    }
}

/// Buffers standard output writes.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func appendLine(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
