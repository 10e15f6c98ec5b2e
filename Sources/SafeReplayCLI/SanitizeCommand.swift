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
        var reader = LineReader(fd: descriptor)
        let limit = reader.maxLineBytes
        do throws(LineReader.ReadError) {
            _ = try reader.forEachLine { number, line in
                switch line {
                case .tooLong(let n):
                    printError("line \(number): \(n) bytes is longer than the \(limit)-byte limit; skipped")
                    malformed = true
                case .bytes(let bytes):
                    guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
                    let event: Event
                    do throws(JSONError) {
                        event = try Event(json: bytes)
                    } catch {
                        printError("line \(number): \(error.description)")
                        malformed = true
                        return
                    }
                    for sanitized in sanitizer.sanitize(event) { out.appendLine(sanitized.json) }
                }
            }
        } catch {
            printError("reading input failed (errno \(error.errno))")
            throw ExitCode(74)
        }
        out.flush()
        if malformed { throw ExitCode(65) }
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
