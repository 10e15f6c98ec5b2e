import Foundation
import SafeReplay
import Testing

@Suite struct SessionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Fixtures/" + relative), encoding: .utf8)
    }

    static func policy(_ json: String) throws -> Policy {
        try Policy.load(Array(json.utf8))
    }

    /// Every envelope the session has finished, parsed.
    static func drain(_ session: Session) throws -> [JSONValue] {
        var out: [JSONValue] = []
        while let batch = try session.nextBatch() { out.append(try JSONValue.parse(batch)) }
        return out
    }

    static func events(_ envelopes: [JSONValue]) -> [JSONValue] {
        envelopes.flatMap { $0["events"]?.arrayValue ?? [] }
    }

    @Test func webFixtureLeavesNoSecretAndStampsTheEnvelope() throws {
        let policy = try Policy.load(Array(try Self.fixture("web/profile.policy.json").utf8))
        let session = try Session(policy: policy, sessionId: "test-session-1", clock: { 1_800_000_000_000 })
        for line in try Self.fixture("web/profile.jsonl").split(separator: "\n") {
            try session.ingest(json: Array(line.utf8))
        }
        try session.close()
        let envelopes = try Self.drain(session)
        #expect(!envelopes.isEmpty)
        var everything = ""
        for envelope in envelopes {
            #expect(envelope["policyHash"]?.stringValue == policy.hash)
            #expect(envelope["sessionId"]?.stringValue == "test-session-1")
            let w = JSONWriter()
            w.value(envelope)
            everything += w.string
        }
        let secrets = try Self.fixture("web/profile.secrets.txt").split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        for secret in secrets { #expect(!everything.contains(secret), "leaked \(secret)") }
        let types = Self.events(envelopes).compactMap { $0["type"]?.int64Value }
        let meta = try #require(types.firstIndex(of: 4), "the page's Meta is kept")
        let snapshot = try #require(types.firstIndex(of: 2), "the FullSnapshot is kept")
        #expect(meta < snapshot, "a player needs Meta before the FullSnapshot")
        #expect(session.currentStatistics.emitted == Self.events(envelopes).count)
    }

    @Test func loneSurrogatesAreRepairedAndCounted() throws {
        let session = try Session(policy: .defaults, clock: { 1_800_000_000_000 })
        // A Meta whose href carries two halves of characters and one whole pair.
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"https://shop.example/\ud800?q=\ud83d\ude00\udc00","width":800,"height":600},"timestamp":1}"#.utf8))
        #expect(session.currentStatistics.audit.dropped["json:lone-surrogate"] == 2)
        #expect(session.currentStatistics.rejected == 0, "the event itself is kept")
        try session.close()
        let envelopes = try Self.drain(session)
        #expect(Self.events(envelopes).contains { $0["type"]?.int64Value == 4 })
        let counted = envelopes.compactMap { $0["audit"]?["dropped"]?["json:lone-surrogate"]?.int64Value }.reduce(0, +)
        #expect(counted == 2, "the count rides in the envelope")
    }

    @Test func malformedInputIsRefusedAndCountedWithoutLosingTheRest() throws {
        let session = try Session(policy: .defaults, clock: { 1_800_000_000_000 })
        #expect(throws: SafeReplayError.self) { try session.ingest(json: Array("{not json".utf8)) }
        #expect(throws: SafeReplayError.self) { try session.ingest(json: [0xFF, 0xFE, 0x00]) }
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"https://shop.example/","width":800,"height":600},"timestamp":1}"#.utf8))
        let stats = session.currentStatistics
        #expect(stats.received == 3)
        #expect(stats.rejected == 2)
        #expect(stats.audit.dropped["malformed-json"] == 2)
        try session.close()
        let envelopes = try Self.drain(session)
        let types = Self.events(envelopes).compactMap { $0["type"]?.int64Value }
        #expect(types.filter { $0 == 4 }.count == 1, "the good event after the bad ones is kept")
        #expect(types.allSatisfy { $0 == 4 || $0 == 5 }, "nothing but the Meta and the drift alert for its unknown route")
        let dropped = envelopes.compactMap { $0["audit"]?["dropped"]?["malformed-json"]?.int64Value }.reduce(0, +)
        #expect(dropped == 2, "drops ride in the envelope")
    }

    @Test func aClosedSessionRefusesWork() throws {
        let session = try Session(policy: .defaults)
        try session.close()
        #expect(throws: SafeReplayError.self) { try session.ingest(json: Array(#"{"type":0,"data":{}}"#.utf8)) }
        #expect(throws: SafeReplayError.self) { try session.flush() }
        #expect(throws: SafeReplayError.self) { try session.touch(pointerId: 1, phase: .down, x: 1, y: 1, timestamp: 1) }
        try session.close()
    }

    @Test func sessionsOutsideTheSampleRecordNothing() throws {
        let session = try Session(policy: try Self.policy(#"{"version":1,"sampling":{"sessionRate":0}}"#))
        #expect(!session.isRecorded)
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"https://a.example/","width":1,"height":1},"timestamp":1}"#.utf8))
        try session.close()
        #expect(Self.events(try Self.drain(session)).isEmpty)
        #expect(session.currentStatistics.audit.dropped["sampled-out"] == 1)
    }

    @Test func sessionSamplingIsDecidedByTheIdAlone() {
        let ids = (0..<2_000).map { "session-\($0)" }
        let picked = ids.filter { SessionSamplingProbe.isRecorded($0, 0.25) }
        #expect(picked.count > 400 && picked.count < 600)
        #expect(ids.filter { SessionSamplingProbe.isRecorded($0, 0.25) } == picked)
    }

    @Test func aSessionIsWebOrMobileNotBoth() throws {
        let session = try Session(policy: .defaults, clock: { 1_800_000_000_000 })
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"https://shop.example/","width":800,"height":600},"timestamp":1}"#.utf8))
        try session.ingest(json: Array(#"{"type":2,"data":{"wireframes":[{"id":10000001,"width":10,"height":10,"type":"text","text":"Jane"}],"initialOffset":{"top":0,"left":0}},"timestamp":2}"#.utf8))
        try session.touch(pointerId: 1, phase: .down, x: 5, y: 5, timestamp: 3)
        #expect(session.currentStatistics.audit.dropped["platform-mismatch"] == 2)
    }

    @Test func mobileObservationsBecomeTextFreeWireframesAndTouches() throws {
        let session = try Session(policy: .defaults, clock: { 1_800_000_000_000 })
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"HomeViewController","width":390,"height":844},"timestamp":1}"#.utf8))
        try session.ingest(json: Array(#"{"type":2,"data":{"wireframes":[{"id":10000001,"x":0,"y":0,"width":390,"height":40,"type":"text","text":"Hello Jane Roe"}],"initialOffset":{"top":0,"left":0}},"timestamp":2}"#.utf8))
        try session.touch(pointerId: 1, phase: .down, x: 100, y: 200, timestamp: 3)
        try session.touch(pointerId: 1, phase: .up, x: 100, y: 200, timestamp: 60)
        try session.close()
        let events = Self.events(try Self.drain(session))
        let w = JSONWriter()
        w.value(.array(events))
        #expect(!w.string.contains("Jane"))
        #expect(events.contains { $0["type"] == .int(3) && $0["data"]?["source"] == .int(2) && $0["data"]?["type"] == .int(7) })
    }

    /// 8 threads × 2,000 observations, a concurrent batch reader: every event is accounted for.
    @Test func concurrentIngestAccountsForEveryEvent() async throws {
        let session = try Session(policy: try Self.policy(#"{"version":1,"upload":{"maxEvents":100}}"#), clock: { 1_800_000_000_000 })
        try session.ingest(json: Array(#"{"type":4,"data":{"href":"https://shop.example/","width":800,"height":600},"timestamp":1}"#.utf8))
        try session.ingest(json: Array(#"{"type":2,"data":{"node":{"type":0,"childNodes":[{"type":2,"tagName":"html","attributes":{},"childNodes":[{"type":2,"tagName":"body","attributes":{},"childNodes":[],"id":3}],"id":2}],"id":1},"initialOffset":{"top":0,"left":0}},"timestamp":2}"#.utf8))
        let perThread = 2_000
        let reader = Task.detached { () -> Int in
            var n = 0
            while true {
                if let batch = try? session.nextBatch() {
                    n += (try? JSONValue.parse(batch))?["events"]?.arrayValue?.count ?? 0
                } else if session.isClosed {
                    while let batch = try? session.nextBatch() { n += (try? JSONValue.parse(batch))?["events"]?.arrayValue?.count ?? 0 }
                    return n
                } else {
                    try? await Task.sleep(nanoseconds: 1_000_000)
                }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask {
                    for i in 0..<perThread {
                        let json = #"{"type":3,"data":{"source":3,"id":3,"x":0,"y":\#(t * perThread + i)},"timestamp":\#(10 + i)}"#
                        try? session.ingest(json: Array(json.utf8))
                    }
                }
            }
        }
        try session.close()
        let received = await reader.value
        let stats = session.currentStatistics
        #expect(stats.received == 8 * perThread + 2)
        #expect(received == stats.emitted)
        #expect(stats.emitted + stats.audit.totalDropped >= 8 * perThread)
    }
}

/// The sampling decision as the session makes it, for the distribution test.
enum SessionSamplingProbe {
    static func isRecorded(_ id: String, _ rate: Double) -> Bool {
        (try? Session(policy: Policy.load(Array(#"{"version":1,"sampling":{"sessionRate":\#(rate)}}"#.utf8)), sessionId: id))?.isRecorded ?? false
    }
}
