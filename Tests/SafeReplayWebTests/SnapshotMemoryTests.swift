import SafeReplayModel
import SafeReplayWeb
import Testing

/// A FullSnapshot is written into the last one's memory once its taker has let go of it,
/// and never into memory a taker still holds.
@Suite struct SnapshotMemoryTests {
    let small = Raw.snapshot(Page.document(body: [.el("p", [:], .text("first page"))]))
    let large = Raw.snapshot(Page.document(body: (0..<200).map { i in .el("p", ["class": "row"], .text("line \(i) of a longer page")) }))

    func snapshotJSON(_ out: [SanitizedEvent]) throws -> [UInt8] {
        try #require(out.last(where: { $0.type == EventType.fullSnapshot.rawValue })?.json)
    }

    func address(_ bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    @Test func aSnapshotStillHeldIsNotOverwritten() throws {
        let sanitizer = WebSanitizer(policy: policy(lowPolicy()), now: { 0 })
        _ = sanitizer.sanitize(Raw.meta())
        let held = try snapshotJSON(sanitizer.sanitize(small))
        let heldText = String(decoding: held, as: UTF8.self)
        let next = try snapshotJSON(sanitizer.sanitize(large))
        #expect(String(decoding: held, as: UTF8.self) == heldText)
        #expect(address(next) != address(held))
        #expect(next.count > held.count)
    }

    @Test func aSnapshotLetGoIsReusedAndTheBytesAreTheSame() throws {
        let sanitizer = WebSanitizer(policy: policy(lowPolicy()), now: { 0 })
        _ = sanitizer.sanitize(Raw.meta())
        var texts: [String] = []
        var addresses: [UInt] = []
        // A same-size allocation after each snapshot is let go takes the freed memory if the
        // sanitizer gave it back, so an equal address below means it was kept and reused.
        var decoys: [[UInt8]] = []
        for event in [large, large, small, large] {
            do {
                let json = try snapshotJSON(sanitizer.sanitize(event))
                texts.append(String(decoding: json, as: UTF8.self))
                addresses.append(address(json))
            }
            // The sanitizer holds its last output until its next call: this one lets go.
            _ = sanitizer.sanitize(Raw.click(7))
            decoys.append([UInt8](repeating: 0, count: texts.last!.utf8.count))
        }
        // Kept while large pages follow each other: no decoy allocated meanwhile took it. After
        // the small page the large array is freed on purpose (JSONBytes.finishArray), and a
        // later decoy may take it: in a process running other tests beside this one, the
        // next large page's array did not always get that memory back before the decoy did.
        #expect(decoys.prefix(2).allSatisfy { address($0) != addresses[0] })
        #expect(texts[0] == texts[1] && texts[1] == texts[3])
        #expect(texts[2] != texts[0])
        // The second large snapshot is written into the first one's memory.
        #expect(addresses[0] == addresses[1])
    }

    @Test func theSameBytesAsAFreshSanitizer() throws {
        let reused = WebSanitizer(policy: policy(lowPolicy()), now: { 0 })
        _ = reused.sanitize(Raw.meta())
        _ = reused.sanitize(large)
        _ = reused.sanitize(small)
        let again = try snapshotJSON(reused.sanitize(small))
        let fresh = WebSanitizer(policy: policy(lowPolicy()), now: { 0 })
        _ = fresh.sanitize(Raw.meta())
        #expect(again == (try snapshotJSON(fresh.sanitize(small))))
    }
}
