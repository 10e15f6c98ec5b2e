#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import Foundation
import SafeReplayABI
import SafeReplayModel
import Testing

/// The conformance vectors (Fixtures/conformance/README.md) through the C entry points:
/// the output must equal expected.json byte for byte, as it must for the C, Python and JVM
/// runners. With SAFEREPLAY_WRITE_CONFORMANCE=1 the outputs are written as the new
/// expected.json instead (review them before committing).
@Suite struct Conformance {
    static let directory = ABI.repoRoot.appendingPathComponent("Fixtures/conformance")

    static let vectors: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(name + "/observations.jsonl").path)
        }.sorted()
    }()

    @Test func thereAreVectors() {
        #expect(Self.vectors.count >= 5)
    }

    @Test(arguments: vectors)
    func vector(_ name: String) throws {
        let dir = Self.directory.appendingPathComponent(name)
        let output = try Self.run(dir)
        let expectedURL = dir.appendingPathComponent("expected.json")
        if ProcessInfo.processInfo.environment["SAFEREPLAY_WRITE_CONFORMANCE"] == "1" {
            try Data(output).write(to: expectedURL)
            return
        }
        let expected = try [UInt8](Data(contentsOf: expectedURL))
        #expect(output == expected, "\(name): got \(String(decoding: output.prefix(600), as: UTF8.self))")
        // The output is one JSON document whose statuses match the observation lines.
        let document = try JSONValue.parse(output)
        let statuses = document["statuses"]?.arrayValue ?? []
        #expect(statuses.count == (try Self.observationLines(dir)).count)
    }

    static func observationLines(_ dir: URL) throws -> [ArraySlice<UInt8>] {
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("observations.jsonl")))
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .filter { $0.first != UInt8(ascii: "#") }
    }

    /// Runs one vector; the output document's bytes.
    static func run(_ dir: URL) throws -> [UInt8] {
        let policyJSON = try String(contentsOf: dir.appendingPathComponent("policy.json"), encoding: .utf8)
        let options = try String(contentsOf: dir.appendingPathComponent("options.json"), encoding: .utf8)
        let policy = try ABI.loadPolicy(policyJSON)
        defer { sr_policy_free(policy) }
        let session = try ABI.openSession(policy, options: options)
        defer { sr_session_close(session) }

        var statuses: [sr_status] = []
        for line in try observationLines(dir) {
            switch line.first {
            case UInt8(ascii: "{"):
                statuses.append(ABI.ingest(session, bytes: Array(line)))
            case UInt8(ascii: "["):
                statuses.append(try command(session, line))
            default:
                throw ABIError(status: SR_E_ARG, message: "malformed vector line: \(String(decoding: line, as: UTF8.self))")
            }
        }
        guard sr_session_end(session) == SR_OK else { throw ABIError(status: SR_E_STATE, message: ABI.lastError) }

        var events: [UInt8] = []
        for envelope in try ABI.drain(session) {
            let parsed = try JSONValue.parse(envelope)
            guard parsed["formatVersion"]?.int64Value == 1,
                  let count = parsed["eventCount"]?.int64Value,
                  let list = parsed["events"]?.arrayValue, list.count == count,
                  let slice = ABI.eventsSlice(envelope)
            else { throw ABIError(status: SR_E_INTERNAL, message: "an envelope does not check out") }
            if !slice.isEmpty {
                if !events.isEmpty { events.append(UInt8(ascii: ",")) }
                events.append(contentsOf: slice)
            }
        }
        var output = Array(#"{"statuses":["#.utf8)
        output.append(contentsOf: statuses.map(String.init).joined(separator: ",").utf8)
        output.append(contentsOf: #"],"events":["#.utf8)
        output.append(contentsOf: events)
        output.append(contentsOf: "]}\n".utf8)
        return output
    }

    static func command(_ session: OpaquePointer, _ line: ArraySlice<UInt8>) throws -> sr_status {
        let value = try JSONValue.parse(Array(line))
        guard let items = value.arrayValue, let kind = items.first?.stringValue else {
            throw ABIError(status: SR_E_ARG, message: "malformed command")
        }
        func int(_ i: Int) throws -> Int64 {
            guard case .int(let v) = items[i] else { throw ABIError(status: SR_E_ARG, message: "\(kind)[\(i)] is not an integer") }
            return v
        }
        func double(_ i: Int) throws -> Double {
            guard let v = items[i].doubleValue else { throw ABIError(status: SR_E_ARG, message: "\(kind)[\(i)] is not a number") }
            return v
        }
        switch (kind, items.count) {
        case ("touch", 6):
            return sr_touch(session, Int32(truncatingIfNeeded: try int(1)), Int32(truncatingIfNeeded: try int(2)),
                            try double(3), try double(4), try int(5))
        case ("location", 5):
            return sr_location(session, try double(1), try double(2), try double(3), try int(4))
        case ("flush", 1):
            return sr_flush(session)
        default:
            throw ABIError(status: SR_E_ARG, message: "unknown command \(kind)")
        }
    }
}
