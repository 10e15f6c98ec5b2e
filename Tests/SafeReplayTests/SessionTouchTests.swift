import Foundation
import SafeReplay
import Testing

/// Touches are posted to an inbox and processed by a worker thread or by the session's
/// next call: these tests hold the session to "nothing lost, nothing reordered".
@Suite struct SessionTouchTests {
    static let start: Int64 = 1_800_000_000_000
    static let metaJSON = #"{"type":4,"data":{"href":"HomeViewController","width":390,"height":844},"timestamp":1800000000000}"#

    static func mobileSession(_ policyJSON: String = #"{"version":1}"#) throws -> Session {
        let session = try Session(policy: try Policy.load(Array(policyJSON.utf8)), clock: { start + 600_000 })
        try session.ingest(json: Array(metaJSON.utf8))
        return session
    }

    /// Incremental sources of the session's batches, in order (touch interactions carry 2).
    static func interactionTypes(_ session: Session) throws -> [Int] {
        var types: [Int] = []
        while let batch = try session.nextBatch() {
            for event in try JSONValue.parse(batch)["events"]?.arrayValue ?? [] {
                if event["type"] == .int(3), event["data"]?["source"] == .int(2), case .int(let t)? = event["data"]?["type"] {
                    types.append(Int(t))
                }
            }
        }
        return types
    }

    @Test func theWorkerProcessesPostedTouchesWithoutAnotherCall() throws {
        let session = try Self.mobileSession(#"{"version":1,"upload":{"maxEvents":2}}"#)
        try session.touch(pointerId: 1, phase: .down, x: 10, y: 10, timestamp: Self.start + 10)
        try session.touch(pointerId: 1, phase: .up, x: 10, y: 10, timestamp: Self.start + 60)
        // Only the upload stage is read here: it does not process waiting touches, so a
        // filed batch shows the worker did.
        var filed = 0
        for _ in 0..<400 where filed == 0 {
            filed = session.upload.currentStatistics.eventsBatched
            if filed == 0 { usleep(5_000) }
        }
        #expect(filed >= 2)
    }

    @Test func everyCallSeesTheTouchesPostedBeforeIt() throws {
        let session = try Self.mobileSession()
        var posted = 1
        for i in 0..<50 {
            let t = Self.start + Int64(i) * 200
            try session.touch(pointerId: 1, phase: .down, x: 100, y: 100, timestamp: t)
            try session.touch(pointerId: 1, phase: .up, x: 100, y: 100, timestamp: t + 50)
            posted += 2
            // Statistics read right after posting already count every touch.
            #expect(session.currentStatistics.received == posted)
        }
        try session.flush()
        let types = try Self.interactionTypes(session)
        // TouchStart (7) and TouchEnd (9) alternate: nothing lost, nothing reordered.
        #expect(types.filter { $0 == 7 || $0 == 9 } == Array(repeating: [7, 9], count: 50).flatMap { $0 })
    }

    @Test func touchesKeepTheirPlaceAmongOtherObservations() throws {
        // A keyboard region shown between two taps suppresses the second: only holds when
        // the keyboard event is processed after the first tap and before the second.
        let session = try Self.mobileSession()
        try session.touch(pointerId: 1, phase: .down, x: 100, y: 800, timestamp: Self.start + 10)
        try session.touch(pointerId: 1, phase: .up, x: 100, y: 800, timestamp: Self.start + 40)
        let keyboard = #"{"type":5,"data":{"tag":"keyboard","payload":{"open":true,"height":344,"y":500}},"timestamp":1800000000050}"#
        try session.ingest(json: Array(keyboard.utf8))
        try session.touch(pointerId: 1, phase: .down, x: 100, y: 800, timestamp: Self.start + 100)
        try session.touch(pointerId: 1, phase: .up, x: 100, y: 800, timestamp: Self.start + 140)
        let stats = session.currentStatistics
        try session.close()
        #expect(try Self.interactionTypes(session).filter { $0 == 7 } == [7])
        #expect(stats.audit.dropped.values.reduce(0, +) >= 1)
    }

    @Test func manyThreadsPostingLoseNoTouch() async throws {
        let session = try Self.mobileSession(#"{"version":1,"upload":{"maxEvents":50}}"#)
        let perThread = 6_000
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask {
                    for i in 0..<perThread {
                        let t = Self.start + Int64(i)
                        try? session.touch(pointerId: thread, phase: i % 2 == 0 ? .down : .up, x: 5, y: 5, timestamp: t)
                    }
                }
            }
        }
        try session.close()
        let stats = session.currentStatistics
        // More touches than the inbox holds at once (4,096): some posters processed them.
        #expect(stats.received == 1 + 4 * perThread)
        #expect(stats.rejected == 0)
    }

    @Test func aTouchAfterCloseIsRefusedAndCounted() throws {
        let session = try Self.mobileSession()
        try session.touch(pointerId: 1, phase: .down, x: 1, y: 1, timestamp: Self.start + 1)
        try session.close()
        #expect(throws: SafeReplayError.self) {
            try session.touch(pointerId: 1, phase: .up, x: 1, y: 1, timestamp: Self.start + 2)
        }
        let stats = session.currentStatistics
        #expect(stats.received == 2)
        #expect(stats.rejected == 1)
    }

    @Test func aFailureWhileProcessingPostedTouchesIsThrownByALaterCall() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sr-touch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let session = try Session(
            policy: try Policy.load(Array(#"{"version":1,"upload":{"maxEvents":2}}"#.utf8)), spoolDirectory: dir.path,
            clock: { Self.start + 600_000 })
        try session.ingest(json: Array(Self.metaJSON.utf8))
        // Batches close every two events and are filed into a spool that is gone.
        try FileManager.default.removeItem(at: dir)
        var failures: [SafeReplayError] = []
        var posted = 1
        for i in 0..<4_000 where failures.isEmpty {
            let t = Self.start + Int64(i) * 100
            do {
                posted += 1
                try session.touch(pointerId: 1, phase: i % 2 == 0 ? .down : .up, x: 5, y: 5, timestamp: t)
            } catch {
                failures.append(error)
            }
            if i % 16 == 15 { usleep(1_000) }
        }
        #expect(failures.first?.code == .io)
        // Reported, not lost: every touch was received, the failing one included.
        #expect(session.currentStatistics.received == posted)
        #expect(session.upload.currentStatistics.batchesLost >= 1)
    }

    @Test func aSessionDroppedWithoutCloseIsFreed() throws {
        weak var weakSession: Session?
        do {
            let session = try Self.mobileSession()
            try session.touch(pointerId: 1, phase: .down, x: 1, y: 1, timestamp: Self.start + 1)
            weakSession = session
        }
        // The worker holds the session only while it processes a round of touches.
        for _ in 0..<400 where weakSession != nil { usleep(5_000) }
        #expect(weakSession == nil)
    }
}
