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

    @Test func removeAllReleasesAndKeepsTheMemory() {
        final class Token {}
        weak var watched: Token?
        var column = SlotStorage<[Token]>()
        do {
            let token = Token()
            watched = token
            for _ in 0..<100 { column.append([token]) }
        }
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
}
