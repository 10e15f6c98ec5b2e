import ArgumentParser
import SafeReplayModel
import SafeReplayUpload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `safereplay export --spool DIR`: the sanitized events of every batch, as JSON lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the sanitized events of every batch in a spool, in order, as JSON lines.",
        discussion: "Reads without changing the spool. A batch that cannot be read is named on stderr and the exit code is 1."
    )

    @Option(name: .long, help: "The spool directory.")
    var spool: String

    @Flag(name: .long, help: "Print each batch's envelope (without its events) before its events.")
    var envelopes = false

    func run() throws {
        let listing = try SpoolListing(directory: spool)
        var failures = 0
        var out = [UInt8]()
        out.reserveCapacity(1 << 16)
        for entry in listing.batches {
            let decoded: DecodedBatch
            do {
                decoded = try listing.read(entry.batch)
            } catch {
                failures += 1
                printError("cannot read \(entry.batch.name): \(error)")
                continue
            }
            if envelopes {
                out.append(contentsOf: decoded.envelope.encoded(eventsJSON: []))
                out.append(0x0A)
            }
            for event in decoded.events {
                out.append(contentsOf: event)
                out.append(0x0A)
                if out.count >= 1 << 16 { flush(&out) }
            }
        }
        flush(&out)
        if failures > 0 { throw ExitCode(1) }
    }

    private func flush(_ out: inout [UInt8]) {
        writeAll(STDOUT_FILENO, out)
        out.removeAll(keepingCapacity: true)
    }
}
