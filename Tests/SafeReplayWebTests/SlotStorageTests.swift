@testable import SafeReplayWeb
import Testing

/// The mirror's per-slot columns: elements kept across growth, replaced in place, and
/// released on removal (strings out of line, so their storage is counted).
@Suite struct SlotStorageTests {
    @Test func elementsSurviveGrowthAndReplacement() {
        var texts = SlotStorage<String>()
        let words = (0..<200).map { "a text long enough to be stored out of line, number \($0)" }
        for w in words { texts.append(w) }
        #expect(texts.count == 200)
        #expect(texts.capacity >= 200)
        #expect(texts.indices.allSatisfy { texts[$0] == words[$0] })
        texts[7] = "seven"
        texts[199].append("!")
        #expect(texts[7] == "seven")
        #expect(texts[199] == words[199] + "!")
        #expect(texts[6] == words[6] && texts[8] == words[8])
    }

    final class Token {}

    /// `count` elements holding one shared token, also handed out through `shared`.
    static func column(sharing count: Int, shared: inout Token?) -> SlotStorage<[Token]> {
        var column = SlotStorage<[Token]>()
        let token = Token()
        shared = token
        for _ in 0..<count { column.append([token]) }
        return column
    }

    @Test func removeAllReleasesAndKeepsTheMemory() {
        weak var watched: Token?
        var strong: Token?
        var column = Self.column(sharing: 100, shared: &strong)
        watched = strong
        strong = nil
        let capacity = column.capacity
        #expect(watched != nil)
        column.removeAll()
        #expect(watched == nil)
        #expect(column.count == 0)
        #expect(column.capacity == capacity)
        column.append([])
        #expect(column.count == 1 && column[0].isEmpty)
    }

    @Test func extendAndFill() {
        var table = SlotStorage<Int32>()
        table.append(5)
        table.extend(to: 1_000, with: -1)
        #expect(table.count == 1_000)
        #expect(table[0] == 5 && table[1] == -1 && table[999] == -1)
        table.extend(to: 10, with: 7)
        #expect(table.count == 1_000)
        table[500] = 3
        table.fill(with: -1)
        #expect(table.indices.allSatisfy { table[$0] == -1 })
    }

    @Test func popLastReturnsInReverse() {
        var stack = SlotStorage<(String, Int)>()
        for i in 0..<100 { stack.append(("level \(i)", i)) }
        var popped: [Int] = []
        while let top = stack.popLast() {
            #expect(top.0 == "level \(top.1)")
            popped.append(top.1)
        }
        #expect(popped == Array((0..<100).reversed()))
        #expect(stack.count == 0)
    }

    @Test func releaseCapacityKeepsElementsAndTheirReferences() {
        weak var watched: Token?
        var strong: Token?
        var column = Self.column(sharing: 1_000, shared: &strong)
        strong = nil
        column.removeAll()
        for _ in 0..<100 { column.append([Token()]) }
        #expect(column.capacity == 1_024)
        column.releaseCapacity(keepingSpare: 12)
        #expect(column.capacity == 112)
        #expect(column.count == 100 && column.indices.allSatisfy { column[$0].count == 1 })
        // Moved, not copied: each token still has exactly one owner.
        watched = column[99][0]
        #expect(watched != nil && isKnownUniquelyReferenced(&column[99][0]))
        column.releaseCapacity(keepingSpare: 500)
        #expect(column.capacity == 112, "never grows")
        column.removeAll()
        #expect(watched == nil)
        column.releaseCapacity(keepingSpare: 0)
        #expect(column.capacity == 64, "never below the initial capacity")
        for i in 0..<300 { column.append(i.isMultiple(of: 2) ? [] : [Token()]) }
        #expect(column.count == 300 && column[299].count == 1 && column[298].isEmpty)
    }
}
