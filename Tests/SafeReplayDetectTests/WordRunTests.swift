import CSafeReplaySIMD
import Testing
@testable import SafeReplayDetect

/// Word runs measured sixteen bytes a step (SSE2 or NEON, whichever this machine builds)
/// against the portable scalar path and against ``ByteClass``'s table.
@Suite struct WordRunTests {
    /// Bytes at the edges of the word classes, and random ones.
    static let interesting: [UInt8] = Array("09/:@AZ[`az{_-+.=".utf8) + [0, 0x7F, 0x80, 0xC3, 0xFF]

    @Test func vectorAndScalarPathsAgreeWithTheTable() {
        var generator = SystemRandomNumberGenerator()
        let word = Array("aZ09_-".utf8)
        for round in 0..<20_000 {
            let count = Int.random(in: 0...80, using: &generator)
            // Mostly word bytes, so that runs reach every lane and the end of the buffer.
            var bytes = (0..<count).map { _ in word.randomElement(using: &generator)! }
            if count > 0, round % 4 != 0 {
                let stop = Int.random(in: 0..<count, using: &generator)
                bytes[stop] = Bool.random(using: &generator) ? Self.interesting.randomElement(using: &generator)!
                    : UInt8.random(in: 0...255, using: &generator)
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let p = buffer.baseAddress else { return }
                for start in [0, min(1, count), count / 2] {
                    let n = count - start
                    var reference = 0
                    while reference < n, ByteClass.table[Int(p[start + reference])] & ByteClass.word != 0 { reference += 1 }
                    #expect(WordRun.length(p + start, n) == reference, "bytes \(bytes) from \(start)")
                    #expect(WordRun.scalarLength(p + start, n) == reference)
                }
            }
        }
    }

    @Test func everyByteValueStopsARunOrNot() {
        for value in 0...255 {
            for position in [0, 5, 15, 16, 17, 31, 40] {
                var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: 41)
                bytes[position] = UInt8(value)
                let isWord = ByteClass.table[value] & ByteClass.word != 0
                bytes.withUnsafeBufferPointer { buffer in
                    #expect(WordRun.length(buffer.baseAddress!, 41) == (isWord ? 41 : position), "byte \(value) at \(position)")
                }
            }
        }
    }

    /// The ASCII check, vector and scalar, against the bytes themselves: one high byte
    /// anywhere (first lane, last, the overlap of the last load) must be seen.
    @Test func asciiCheckAgreesWithTheBytes() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let count = Int.random(in: 0...150, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
            if count > 0, round % 3 != 0 {
                bytes[Int.random(in: 0..<count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            let expected = bytes.allSatisfy { $0 < 0x80 }
            bytes.withUnsafeBufferPointer { buffer in
                let end = Int.random(in: 0...count, using: &generator)
                let reference = buffer[0..<end].allSatisfy { $0 < 0x80 }
                #expect(PIIDetector.isASCII(buffer, upTo: end) == reference, "\(bytes) to \(end)")
                #expect((sr_is_ascii_scalar(buffer.baseAddress, end) != 0) == reference)
                #expect(PIIDetector.isASCII(buffer, upTo: count) == expected)
            }
        }
    }
}
