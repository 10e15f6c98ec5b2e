#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

/// `safereplay upload` killed with SIGKILL at random moments of sending, 20 times, then
/// run to the end: every batch must arrive, and after de-duplication exactly once.
/// (The kill-during-record rounds need `safereplay record`, which comes with the session.)
@Suite(.serialized) struct KillTests {
    /// The `safereplay` binary built beside the test bundle.
    static var binary: String? {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The bundle may sit inside a .xctest directory.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("safereplay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    func upload(_ binary: String, spool: String, endpoint: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["upload", "--spool", spool, "--endpoint", endpoint, "--timeout", "20",
                             "--backoff-base", "0.01", "--backoff-cap", "0.05", "--read-timeout", "0.5"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedUploadsLoseNothingAndDuplicateNothingAfterDedupe() async throws {
        let binary = try #require(Self.binary, "build the safereplay product first (swift build)")
        let server = IngestServer()
        try await server.start()
        let dir = TemporaryDirectory("kill")
        defer { dir.remove() }
        var produced: [String] = []
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        for round in 0..<20 {
            // New batches arrive between rounds, as a recording app would add them.
            produced += try SpoolTests.fill(dir.path, batches: 3, eventsEach: 20, session: "kill-session", firstSequence: round * 3)
            // Some answers are slow or fail so kills land in every phase of a send.
            server.inject(.slow(seconds: 0.05), .status(503), .slow(seconds: 0.02))
            let process = try upload(binary, spool: dir.path, endpoint: server.url)
            let delay = UInt64.random(in: 5_000_000...120_000_000, using: &generator)
            try await Task.sleep(nanoseconds: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal && !listFiles(dir.path + "/batches").isEmpty { interrupted += 1 }
        }
        // The kills landed while there was work left, not after a finished upload.
        #expect(interrupted >= 5)
        let last = try upload(binary, spool: dir.path, endpoint: server.url)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)

        let seen = server.snapshot
        try await server.shutdown()
        #expect(Set(seen.order) == Set(produced))
        #expect(seen.order.count == produced.count)
        #expect(seen.violations.isEmpty)
        #expect(listFiles(dir.path + "/batches").isEmpty)
        #expect(listFiles(dir.path + "/quarantine").isEmpty)
        // The events, in batch order per session sequence, are all there.
        let sequences = seen.batches.values.map(\.envelope.sequence).sorted()
        #expect(sequences == Array(0..<60))
    }
}
