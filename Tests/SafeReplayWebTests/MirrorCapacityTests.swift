import SafeReplayModel
@testable import SafeReplayWeb
import Testing

/// After a snapshot the mirror's columns hold at most an eighth spare, whatever the node
/// count: doubling alone left 10k nodes in 16,384 slots.
@Suite struct MirrorCapacityTests {
    static func page(items: Int) -> SerializedNode {
        Page.document(body: (0..<items).map { .el("li", ["class": "row"], .text("row \($0)")) })
    }

    @Test func snapshotColumnsKeepAnEighthSpare() {
        let sanitizer = WebSanitizer(policy: .defaults, now: { 0 })
        _ = sanitizer.sanitize(Raw.meta())
        _ = sanitizer.sanitize(Raw.snapshot(Self.page(items: 5_000)))
        let mirror = sanitizer.mirror
        let nodes = mirror.records.count
        #expect(nodes == 10_005)
        #expect(mirror.records.capacity == nodes + nodes / 8)
        #expect(mirror.attributes.capacity == mirror.records.capacity)
        #expect(mirror.texts.capacity == mirror.records.capacity)
        #expect(mirror.texts[nodes - 1] == "row 4999")

        // The same page again fits the same columns: no growth and no second resize.
        _ = sanitizer.sanitize(Raw.snapshot(Self.page(items: 5_000)))
        #expect(mirror.records.capacity == nodes + nodes / 8)

        // A larger page grows them, and they are tightened again after it.
        _ = sanitizer.sanitize(Raw.snapshot(Self.page(items: 8_000)))
        let larger = mirror.records.count
        #expect(larger == 16_005)
        #expect(mirror.records.capacity == larger + larger / 8)
        #expect(mirror.texts[larger - 1] == "row 7999")
    }

    @Test func mutationsAfterTheSnapshotGrowTheColumns() throws {
        let sanitizer = WebSanitizer(policy: .defaults, now: { 0 })
        _ = sanitizer.sanitize(Raw.meta())
        _ = sanitizer.sanitize(Raw.snapshot(Self.page(items: 500)))
        let capacity = sanitizer.mirror.records.capacity
        let adds = (0..<400).map { i in
            AddedNode(parentId: 5, nextId: nil, node: Raw.text(20_000 + i, "added \(i)"))
        }
        _ = sanitizer.sanitize(Raw.mutation(MutationData(adds: adds)))
        #expect(sanitizer.mirror.records.count == 1_405)
        #expect(sanitizer.mirror.records.capacity > capacity)
        #expect(sanitizer.mirror.contains(20_399) && sanitizer.mirror.contains(3))
    }
}
