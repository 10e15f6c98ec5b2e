@testable import SafeReplayWeb
import Testing

/// A snapshot written straight into its event's array (``JSONBytes/beginArray(_:expecting:)``).
@Suite struct JSONBytesArrayTests {
    func address(_ bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    func write(_ text: String, into w: JSONBytes) {
        Array(text.utf8).withUnsafeBufferPointer { w.append($0) }
    }

    @Test func anArrayHeldTwiceIsNotUnique() {
        var bytes = [UInt8](repeating: 7, count: 100)
        #expect(JSONBytes.isUniquelyReferenced(&bytes))
        let held = bytes
        #expect(!JSONBytes.isUniquelyReferenced(&bytes))
        #expect(held.count == 100)
        var empty: [UInt8] = []
        #expect(!JSONBytes.isUniquelyReferenced(&empty))
    }

    @Test func anArrayIsWrittenInPlaceAndGrowsWhenNeeded() {
        let w = JSONBytes(capacity: 64)
        let line = String(repeating: "abcdefghij", count: 10)
        // Fewer bytes than it holds: written in place, cut to the bytes written.
        let target = [UInt8](repeating: 0, count: 150)
        let before = address(target)
        w.beginArray(consume target, expecting: 0)
        write(line, into: w)
        let same = w.finishArray()
        #expect(same == Array(line.utf8))
        #expect(address(same) == before)
        // More than it holds: the bytes written so far carried over.
        w.beginArray(consume same, expecting: 0)
        for _ in 0..<30 { write(line, into: w) }
        #expect(w.finishArray() == Array(String(repeating: line, count: 30).utf8))
        // Far fewer than it holds: a copy of the right size.
        w.beginArray([UInt8](repeating: 0, count: 10_000), expecting: 0)
        write("{}", into: w)
        let small = w.finishArray()
        #expect(small == Array("{}".utf8))
        #expect(small.capacity < 5_000)
        // Nothing handed in: a new array.
        w.beginArray([], expecting: 10)
        write(line, into: w)
        #expect(w.finishArray() == Array(line.utf8))
        // The own buffer is written again afterwards.
        write("x", into: w)
        #expect(w.withBytes { Array($0) } == [UInt8(ascii: "x")])
    }
}
