import Foundation
import Testing

@Suite struct ConfigCommandTests {
    static let invalidCases: [(file: String, path: String, fragment: String)] = {
        let tsv = (try? String(contentsOfFile: CLI.fixture("policies/invalid/expected.tsv"), encoding: .utf8)) ?? ""
        return tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2])
        }
    }()

    @Test func thereAreAtLeastFifteenDistinctFaults() {
        #expect(Self.invalidCases.count >= 15)
        #expect(Set(Self.invalidCases.map(\.path)).count >= 15)
    }

    @Test(arguments: invalidCases.map(\.file))
    func invalidPolicyExits65WithItsPath(_ file: String) throws {
        let expected = try #require(Self.invalidCases.first { $0.file == file })
        let result = try CLI.run(["config", "validate", CLI.fixture("policies/invalid/" + file)])
        #expect(result.status == 65, "\(file): status \(result.status), stderr: \(result.stderr)")
        #expect(result.stderr.contains("\(expected.path): "), "\(file): \(result.stderr)")
        #expect(result.stderr.contains(expected.fragment), "\(file): \(result.stderr)")
    }

    @Test(arguments: ["defaults.json", "shop.json"])
    func validPolicyExits0(_ file: String) throws {
        let result = try CLI.run(["config", "validate", CLI.fixture("policies/valid/" + file)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("valid:"))
    }

    @Test func hashIsStableAcrossFormatting() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sr-hash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        try Data(#"{"version":1,"retentionDays":7}"#.utf8).write(to: a)
        try Data("{\n  \"retentionDays\" : 7,\n  \"version\" : 1\n}\n".utf8).write(to: b)
        let ha = try CLI.run(["config", "hash", a.path]), hb = try CLI.run(["config", "hash", b.path])
        #expect(ha.status == 0 && hb.status == 0)
        #expect(ha.stdout == hb.stdout)
        #expect(ha.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
    }

    @Test func missingFileExits66() throws {
        let result = try CLI.run(["config", "validate", "/nonexistent/policy.json"])
        #expect(result.status == 66)
    }
}
