import SafeReplayModel
import Testing

/// Drops counted by ``AuditReason`` and masks by ``AuditMaskReason`` (fixed slots) and both
/// by name (the dictionaries) must read, compare, merge and encode as if all were counted
/// by name.
@Suite struct AuditReasonCountsTests {
    @Test func everyReasonHasASlot() {
        #expect(AuditReason.allCases.count <= AuditSlots.maskBase)
        #expect(AuditMaskReason.allCases.count <= AuditSlots.count - AuditSlots.maskBase)
        #expect(Set(AuditReason.allCases.map(\.key)).count == AuditReason.allCases.count)
        #expect(Set(AuditMaskReason.allCases.map(\.key)).count == AuditMaskReason.allCases.count)
    }

    @Test func maskSlotsAndNamesFoldIntoOneView() {
        var fast = AuditCounters()
        fast.mask(.textLevel, 2)
        fast.mask(.input)
        fast.mask("input", 2)
        fast.mask("rule:x")
        fast.drop(.position)
        var named = AuditCounters()
        named.mask("text:level", 2)
        named.mask("input", 3)
        named.mask("rule:x")
        named.drop("position")
        #expect(fast.masked == ["text:level": 2, "input": 3, "rule:x": 1])
        #expect(fast.dropped == ["position": 1])
        #expect(fast == named)
        #expect(fast.totalDropped == 1)
        #expect(encoded(fast) == encoded(named))
        var total = AuditCounters()
        total.merge(named)
        total.merge(fast)
        #expect(total.masked == ["text:level": 4, "input": 6, "rule:x": 2])
        fast.masked["input", default: 0] += 1
        #expect(fast.masked == ["text:level": 2, "input": 4, "rule:x": 1])
        fast.masked = [:]
        #expect(fast.masked.isEmpty)
        #expect(fast.dropped == ["position": 1])
    }

    @Test func clearedSlotsCountAgainFromZero() {
        var a = AuditCounters()
        a.mask(.attribute, 5)
        a.drop(.position, 2)
        a.removeAll()
        #expect(a.isEmpty)
        a.mask(.attribute)
        #expect(a.masked == ["attribute": 1])
        #expect(a.dropped.isEmpty)
    }

    @Test func slotsAndNamesFoldIntoOneView() {
        var fast = AuditCounters()
        fast.drop(.position, 3)
        fast.drop(.unknownNodeID)
        fast.drop("unknown-node-id", 2)
        fast.drop("rule:ads")
        var named = AuditCounters()
        named.drop("position", 3)
        named.drop("unknown-node-id", 3)
        named.drop("rule:ads")
        #expect(fast.dropped == ["position": 3, "unknown-node-id": 3, "rule:ads": 1])
        #expect(fast == named)
        #expect(fast.totalDropped == 7)
        #expect(encoded(fast) == encoded(named))
    }

    @Test func mergeAddsSlotCounts() {
        var a = AuditCounters()
        a.drop(.position)
        a.mask("rule:x")
        var b = AuditCounters()
        b.drop(.position, 2)
        b.drop(.inputHidden)
        a.merge(b)
        #expect(a.dropped == ["position": 3, "input:hidden": 1])
        #expect(a.masked == ["rule:x": 1])
        #expect(!a.isEmpty)
        #expect(AuditCounters().isEmpty)
    }

    /// `merge` reads the other counters' storage without retaining it: merging counters
    /// that share it (a copy, or themselves) copies first and leaves the other as it was.
    @Test func mergeOfSharedStorage() {
        var a = AuditCounters()
        a.drop(.position, 2)
        a.mask("rule:x")
        let copy = a
        a.merge(copy)
        #expect(a.dropped == ["position": 4])
        #expect(a.masked == ["rule:x": 2])
        #expect(copy.dropped == ["position": 2])
        #expect(copy.masked == ["rule:x": 1])
        a.merge(a)
        #expect(a.dropped == ["position": 8])
        #expect(a.masked == ["rule:x": 4])
        var empty = AuditCounters()
        empty.merge(copy)
        empty.drop(.position)
        #expect(empty.dropped == ["position": 3])
        #expect(copy.dropped == ["position": 2])
    }

    @Test func zeroCountsShowUntilRemoved() {
        var a = AuditCounters()
        a.drop(.position, 0)
        a.drop("rule:ads", 0)
        #expect(!a.isEmpty)
        #expect(a.dropped == ["position": 0, "rule:ads": 0])
        a.removeZeroCounts()
        #expect(a.isEmpty)
        #expect(a.dropped.isEmpty)
    }

    @Test func settingDroppedReplacesSlotCounts() {
        var a = AuditCounters()
        a.drop(.position, 2)
        a.dropped["position", default: 0] += 1
        #expect(a.dropped == ["position": 3])
        a.dropped = [:]
        #expect(a.isEmpty)
    }

    @Test func subtractingSeesSlotCounts() {
        var earlier = AuditCounters()
        earlier.drop(.position)
        var now = earlier
        now.drop(.position, 4)
        now.drop("rule:ads")
        #expect(now.subtracting(earlier).dropped == ["position": 4, "rule:ads": 1])
    }

    private func encoded(_ a: AuditCounters) -> [UInt8] {
        var w = JSONWriter()
        a.encode(into: &w)
        return w.bytes
    }
}
