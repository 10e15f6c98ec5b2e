import Foundation
import SafeReplay
import Testing

/// Pointer events in rrweb's own shape skip building an `Event` (`Session.ingest(json:)`
/// decodes their positions into a buffer): what comes out must be what the decoded event
/// gives, in every state the web stage can be in and on a mobile session.
@Suite struct SessionPointerMoveTests {
    static func move(_ source: Int, ids: [Int], at timestamp: Int) -> String {
        let positions = ids.enumerated().map { i, id in #"{"x":\#(10 + i),"y":\#(20 + i),"id":\#(id),"timeOffset":-\#(i * 10)}"# }
        return #"{"type":3,"data":{"source":\#(source),"positions":[\#(positions.joined(separator: ","))]},"timestamp":\#(timestamp)}"#
    }

    /// The envelopes' events and counts and the statistics of a session fed `lines` as
    /// JSON (the fast path) and of one fed them decoded first (the event path).
    static func bothWays(_ lines: [String], policy: Policy) throws -> (fast: [JSONValue], full: [JSONValue], stats: (SessionStatistics, SessionStatistics)) {
        let fast = try Session(policy: policy, sessionId: "pointer-fast", clock: { 1_800_000_000_000 })
        let full = try Session(policy: policy, sessionId: "pointer-full", clock: { 1_800_000_000_000 })
        for line in lines {
            try fast.ingest(json: Array(line.utf8))
            try full.ingest(try Event(json: line))
        }
        try fast.close()
        try full.close()
        func summary(_ envelopes: [JSONValue]) -> [JSONValue] {
            envelopes.flatMap { ($0["events"]?.arrayValue ?? []) + [$0["audit"] ?? .null] }
        }
        return (summary(try SessionTests.drain(fast)), summary(try SessionTests.drain(full)), (fast.currentStatistics, full.currentStatistics))
    }

    @Test func webSessionGivesWhatTheDecodedEventsGive() throws {
        let policy = try Policy.load(Array(try SessionTests.fixture("web/profile.policy.json").utf8))
        let page = try SessionTests.fixture("web/profile.jsonl").split(separator: "\n").map(String.init)
        let before = [Self.move(1, ids: [119], at: 1_795_926_600_000)]  // no snapshot yet
        var after: [String] = []
        for i in 0..<40 {
            let t = 1_795_926_700_000 + i * 37
            after.append(Self.move([1, 6, 12][i % 3], ids: [119, 987_654, 119, 1], at: t))
        }
        after.append(Self.move(1, ids: Array(repeating: 119, count: 100), at: 1_795_926_800_000))  // past the buffer
        after.append(Self.move(1, ids: [], at: 1_795_926_800_100))
        // Positions the writer spells differently from how they came (copied only when not).
        after.append(#"{"type":3,"data":{"source":1,"positions":[{"x":1.5,"y":-0,"id":119,"timeOffset":-0.5},"#
            + #"{"x":12345678,"y":0,"id":119,"timeOffset":0},{"id":119,"x":3,"y":4,"timeOffset":0}]},"timestamp":1795926800200}"#)
        let (fast, full, stats) = try Self.bothWays(before + page + after, policy: policy)
        #expect(fast == full)
        #expect(stats.0 == stats.1)
        // The positions were emitted and counted, not all dropped.
        #expect(fast.contains { $0["data"]?["positions"] != nil })
        #expect(stats.0.audit.dropped["position", default: 0] + stats.0.audit.dropped["before-snapshot", default: 0] > 0)
    }

    @Test func mobileSessionGivesWhatTheDecodedEventsGive() throws {
        let lines = [
            #"{"type":4,"data":{"href":"HomeViewController","width":390,"height":844},"timestamp":1}"#,
            #"{"type":2,"data":{"wireframes":[{"id":10000001,"x":0,"y":0,"width":390,"height":40,"type":"text","text":"Hello"}],"initialOffset":{"top":0,"left":0}},"timestamp":2}"#,
            Self.move(1, ids: [10_000_001], at: 3),
            Self.move(6, ids: [10_000_001, 5], at: 4),
        ]
        let (fast, full, stats) = try Self.bothWays(lines, policy: .defaults)
        #expect(fast == full)
        #expect(stats.0 == stats.1)
        #expect(stats.0.received == 4)
    }
}
