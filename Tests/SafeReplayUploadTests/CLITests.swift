#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

/// The `safereplay` commands over a real spool, run as the built binary.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String]) throws -> Run {
        let binary = try #require(KillTests.binary, "build the safereplay product first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func exportPrintsEveryEventInOrderAsJSONLines() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        try SpoolTests.fill(dir.path, batches: 3, eventsEach: 4)
        let result = try run(["export", "--spool", dir.path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { Array($0.utf8) }
        #expect(lines.compactMap { Events.number(of: $0) } == Array(0..<12))
        #expect(lines.allSatisfy { (try? JSONValue.parse($0))?["type"]?.int64Value == 3 })
    }

    @Test func exportNamesABrokenBatchAndStillPrintsTheRest() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        try SpoolTests.fill(dir.path, batches: 3, eventsEach: 4)
        let victim = listFiles(dir.path + "/batches")[1]
        truncate(dir.path + "/batches/" + victim, 30)
        let result = try run(["export", "--spool", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(victim))
        #expect(result.stdout.split(separator: "\n").compactMap { Events.number(of: Array($0.utf8)) } == [0, 1, 2, 3, 8, 9, 10, 11])
    }

    @Test func spoolLsShowsBatchesQuarantineAndDeadLetters() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        let ids = try SpoolTests.fill(dir.path, batches: 3, eventsEach: 4)
        truncate(dir.path + "/batches/" + listFiles(dir.path + "/batches")[0], 30)
        do {
            let spool = try Spool(directory: dir.path, configuration: UploadConfiguration())
            try spool.deadLetter(try #require(spool.checkOut()), reason: "HTTP 400")
        }
        let table = try run(["spool", "ls", dir.path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("batches: 1"))
        #expect(table.stdout.contains("quarantined: 1"))
        #expect(table.stdout.contains("dead-lettered: 1"))
        #expect(table.stdout.contains("(HTTP 400)"))
        let json = try run(["spool", "ls", "--json", dir.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let batches = try #require(object["batches"] as? [[String: Any]])
        #expect(batches.map { $0["batchId"] as? String } == [ids[2]])
        #expect(batches.first?["events"] as? Int == 4)
        #expect((object["quarantined"] as? [Any])?.count == 1)
    }

    @Test func uploadWithNowhereToSendExitsNonZeroAndSaysWhatIsLeft() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        try SpoolTests.fill(dir.path, batches: 2)
        // Port 9 (discard) on loopback: nothing listens, connections are refused.
        let result = try run(["upload", "--spool", dir.path, "--endpoint", "http://127.0.0.1:9/ingest", "--timeout", "1",
                              "--connect-timeout", "0.2", "--backoff-base", "0.05", "--backoff-cap", "0.1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("2 batch(es) left"))
        #expect(listFiles(dir.path + "/batches").count == 2)
    }

    @Test func badArgumentsAreClearErrors() throws {
        let missing = try run(["export", "--spool", "/nonexistent/spool"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("not a spool directory"))
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        let badURL = try run(["upload", "--spool", dir.path, "--endpoint", "ftp://x"])
        #expect(badURL.status != 0)
        #expect(badURL.stderr.contains("endpoint"))
        let badHeader = try run(["upload", "--spool", "/tmp", "--endpoint", "http://127.0.0.1:9/", "--header", "no colon"])
        #expect(badHeader.status != 0)
    }
}
