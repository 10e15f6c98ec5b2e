#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import SafeReplay

/// `safereplay record`: raw JSON lines through the whole pipeline into a spool.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run raw events (JSON lines) through capture, batching and the spool.",
        discussion: """
            Each line is one raw observation: an rrweb event from a recorder running with \
            masking off, or a wireframe event from a native view walker. Nothing raw is written: \
            only sanitized batches reach the spool. A malformed line is skipped with its line \
            number on standard error and the exit code is 65 at the end. With an endpoint \
            (--endpoint, or the policy's upload.endpoint) the spool is then uploaded.
            """
    )

    @Option(help: "The policy document; without one, the fail-closed defaults apply.")
    var policy: String?

    @Option(help: "The raw events, one JSON object per line (default: standard input).")
    var input: String?

    @Option(help: "The spool directory (created if missing).")
    var spool: String

    @Option(help: "Upload the spool here when recording ends.")
    var endpoint: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra upload header, 'Name: value'. Repeatable.", valueName: "header"))
    var headers: [String] = []

    @Option(help: "The session id (a restarted recording continues a session with it).")
    var sessionId: String?

    func run() throws {
        let loaded = try policy.map(loadPolicy(at:)) ?? Policy.defaults
        let fd: Int32
        if let input {
            fd = open(input, O_RDONLY)
            guard fd >= 0 else {
                printError("\(input): cannot open (errno \(errno))")
                throw ExitCode(66)
            }
        } else {
            fd = 0
        }
        defer { if fd != 0 { close(fd) } }

        let session: Session
        do {
            session = try Session(policy: loaded, spoolDirectory: spool, sessionId: sessionId)
        } catch {
            printError("cannot start the session: \(error)")
            throw ExitCode(73)
        }
        var failed = 0
        var reader = LineReader(fd: fd)
        let limit = reader.maxLineBytes
        do throws(LineReader.ReadError) {
            _ = try reader.forEachLine { number, line in
                switch line {
                case .tooLong(let n):
                    failed += 1
                    printError("line \(number): \(n) bytes is longer than the \(limit)-byte limit; skipped")
                case .bytes(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
                    do throws(SafeReplayError) {
                        try session.ingest(json: bytes)
                    } catch {
                        failed += 1
                        printError("line \(number): \(error.message)")
                    }
                }
            }
        } catch {
            printError("reading input failed (errno \(error.errno))")
            throw ExitCode(74)
        }
        do {
            try session.close()
        } catch {
            printError("closing the session failed: \(error)")
            throw ExitCode(74)
        }
        let stats = session.currentStatistics
        let upload = session.upload.currentStatistics
        printError("session \(session.sessionId): \(stats.received) received, \(stats.emitted) emitted, \(stats.rejected) refused, \(stats.audit.totalDropped) dropped; \(upload.batchesClosed) batch(es) spooled in \(spool)")

        if let target = endpoint ?? loaded.upload.endpoint {
            var arguments = ["--spool", spool, "--endpoint", target]
            for header in headers { arguments += ["--header", header] }
            let command = try UploadCommand.parse(arguments)
            try command.run()
        }
        if failed > 0 { throw ExitCode(65) }
    }
}
