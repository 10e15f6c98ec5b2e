import Testing
@testable import SafeReplayDetect

/// The scan's eight-byte test for a word of letters against ``ByteClass``'s table.
@Suite struct LettersAheadTests {
    @Test func everyByteValueEndsTheLettersOrNot() {
        for value in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "Q"), count: 8)
                bytes[position] = UInt8(value)
                let isLetter = ByteClass.table[value] & (ByteClass.upper | ByteClass.lower) != 0
                bytes.withUnsafeBufferPointer { buffer in
                    #expect(PIIScan.lettersAhead(buffer.baseAddress!) == (isLetter ? 8 : position), "byte \(value) at \(position)")
                }
            }
        }
    }

    /// A non-ASCII byte can carry into the lane after it: the count must still stop at it,
    /// whatever follows.
    @Test func everyPairOfAdjacentBytesEndsTheLettersOrNot() {
        let isLetter = (0...255).map { ByteClass.table[$0] & (ByteClass.upper | ByteClass.lower) != 0 }
        for first in 0...255 {
            for second in 0...255 {
                for position in 0..<7 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "z"), count: 8)
                    bytes[position] = UInt8(first)
                    bytes[position + 1] = UInt8(second)
                    let reference = !isLetter[first] ? position : !isLetter[second] ? position + 1 : 8
                    let measured = bytes.withUnsafeBufferPointer { PIIScan.lettersAhead($0.baseAddress!) }
                    if measured != reference {
                        Issue.record("bytes \(first), \(second) at \(position): \(measured), not \(reference)")
                    }
                }
            }
        }
    }

    @Test func countsTheLettersBeforeTheFirstOtherByte() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("azAZmq".utf8)
        for _ in 0..<5_000 {
            var bytes = (0..<8).map { _ in letters.randomElement(using: &generator)! }
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                bytes[Int.random(in: 0..<8, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            var reference = 0
            while reference < 8, ByteClass.table[Int(bytes[reference])] & (ByteClass.upper | ByteClass.lower) != 0 {
                reference += 1
            }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(PIIScan.lettersAhead(buffer.baseAddress!) == reference, "bytes \(bytes)")
            }
        }
    }
}
