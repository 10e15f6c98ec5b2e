import SafeReplayModel
import SafeReplayPolicy
import SafeReplayWeb
import Testing

@Suite struct AuditTakeTests {
    @Test func takeAuditHandsOutEachCountOnce() throws {
        let sanitizer = WebSanitizer(policy: .defaults, now: { 1_700_000_000_000 })
        let plugin = try Event(json: #"{"type":6,"data":{"plugin":"rrweb/console@1","payload":{"level":"log","payload":["a@b.co"]}},"timestamp":1}"#)
        #expect(sanitizer.sanitize(plugin).isEmpty)
        let first = sanitizer.takeAudit()
        #expect(first.dropped.values.reduce(0, +) == 1)
        #expect(sanitizer.takeAudit().isEmpty)
        _ = sanitizer.sanitize(plugin)
        _ = sanitizer.sanitize(plugin)
        #expect(sanitizer.takeAudit().dropped.values.reduce(0, +) == 2)
        #expect(sanitizer.audit.dropped.values.reduce(0, +) == 3)
    }
}
