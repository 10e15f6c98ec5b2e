import Foundation
import SafeReplay
import Testing

/// The web stage keeps its own cumulative counts (the session adds them to its statistics
/// only when asked): what the statistics report must still be what the envelopes carried.
@Suite struct SessionAuditTests {
    @Test func statisticsCountWhatTheEnvelopesCarried() throws {
        let policy = try Policy.load(Array(try SessionTests.fixture("web/profile.policy.json").utf8))
        let session = try Session(policy: policy, sessionId: "audit-1", clock: { 1_800_000_000_000 })
        for line in try SessionTests.fixture("web/profile.jsonl").split(separator: "\n") {
            try session.ingest(json: Array(line.utf8))
        }
        #expect(throws: SafeReplayError.self) { try session.ingest(json: Array("{not json".utf8)) }
        // An interaction on a node the page never had: dropped by the web stage.
        try session.ingest(json: Array(#"{"type":3,"data":{"source":2,"type":2,"id":987654},"timestamp":1800000000000}"#.utf8))
        try session.close()
        var carried = AuditCounters()
        for envelope in try SessionTests.drain(session) {
            let audit = try #require(envelope["audit"])
            for (category, add) in [
                ("masked", { (c: inout AuditCounters, k: String, n: Int) in c.mask(k, n) }),
                ("blocked", { (c: inout AuditCounters, k: String, n: Int) in c.block(k, n) }),
                ("dropped", { (c: inout AuditCounters, k: String, n: Int) in c.drop(k, n) }),
                ("detected", { (c: inout AuditCounters, k: String, n: Int) in c.detect(k, n) }),
            ] {
                for member in audit[category]?.objectValue?.members ?? [] {
                    add(&carried, member.key, Int(try #require(member.value.int64Value)))
                }
            }
        }
        let stats = session.currentStatistics
        #expect(stats.audit.dropped["unknown-node-id", default: 0] >= 1)
        #expect(stats.audit.dropped["malformed-json"] == 1)
        #expect(stats.audit == carried)
    }
}
