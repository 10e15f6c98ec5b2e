import CSafeReplaySIMD
import Testing
@testable import SafeReplayDetect

/// The randomness test's counts made sixteen bytes a step against the portable path and
/// against a byte-at-a-time reference written from ``ByteClass``'s table.
@Suite struct ClassStatsTests {
    /// The counts as the scan made them a byte at a time before the vector path.
    static func reference(_ bytes: ArraySlice<UInt8>) -> ClassStats {
        var stats = ClassStats(digits: 0, letters: 0, notHex: false, classes: 0, transitions: 0)
        var previous: UInt8?
        for c in bytes {
            let t = ByteClass.table[Int(c)]
            let found = t & (ByteClass.digit | ByteClass.upper | ByteClass.lower)
            let cls = found == 0 ? 8 : found
            if cls == ByteClass.digit { stats.digits += 1 } else if cls != 8 { stats.letters += 1 }
            if cls != ByteClass.digit, t & ByteClass.hexLetter == 0 { stats.notHex = true }
            stats.classes |= cls
            if let previous, previous != cls { stats.transitions += 1 }
            previous = cls
        }
        return stats
    }

    @Test func vectorAndScalarPathsAgreeWithTheReference() {
        var generator = SystemRandomNumberGenerator()
        // Class edges, hex edges and non-ASCII, mostly token bytes.
        let edges = Array("09/:@AFGZ[`afgz{_-+.=~".utf8) + [0, 0x7F, 0x80, 0xC3, 0xFF]
        let token = Array("abcdefXYZ0123456789".utf8)
        for round in 0..<20_000 {
            let count = Int.random(in: 0...100, using: &generator)
            let bytes = (0..<count).map { _ in
                switch round % 3 {
                case 0: token.randomElement(using: &generator)!
                case 1: Bool.random(using: &generator) ? token.randomElement(using: &generator)! : edges.randomElement(using: &generator)!
                default: UInt8.random(in: 0...255, using: &generator)
                }
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let p = buffer.baseAddress else { return }
                for start in [0, min(1, count), count / 3] {
                    let n = count - start
                    let expected = Self.reference(bytes[start...])
                    #expect(ClassStats(p + start, n) == expected, "bytes \(bytes) from \(start)")
                    #expect(ClassStats.scalar(p + start, n) == expected)
                }
            }
        }
    }

    /// Every length up to the limit, the vector path's block edges among them.
    @Test func everyLengthCountsEachByteOnce() {
        let pattern = Array("a1B-c2D_e3F.g4H~".utf8)
        let bytes = (0..<255).map { pattern[$0 % pattern.count] }
        bytes.withUnsafeBufferPointer { buffer in
            for n in 0...255 {
                #expect(ClassStats(buffer.baseAddress!, n) == Self.reference(bytes[0..<n]), "length \(n)")
            }
        }
    }

    /// The randomness test's count of different bytes, by table, against a set of the bytes
    /// folded as it folds them (from 64 up, the low six bits).
    @Test func distinctBytesAgreeWithASetOfTheFoldedBytes() {
        var generator = SystemRandomNumberGenerator()
        let token = Array("abcdefXYZ0123456789".utf8)
        for round in 0..<20_000 {
            let count = Int.random(in: 0...300, using: &generator)
            let bytes = (0..<count).map { _ in
                round % 2 == 0 ? token.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let expected = Set(bytes.map { $0 < 64 ? Int($0) : 64 + Int($0 & 63) }).count
            bytes.withUnsafeBufferPointer { buffer in
                let p = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                #expect(sr_distinct_bytes(p, count) == expected, "bytes \(bytes)")
                #expect(sr_distinct_bytes_scalar(p, count) == expected)
            }
        }
    }

    /// All 256 byte values at once: 64 below 64, and 64 for the rest folded.
    @Test func everyByteValueCountsOnceFolded() {
        let bytes = (0...255).map { UInt8($0) }
        bytes.withUnsafeBufferPointer { buffer in
            #expect(sr_distinct_bytes(buffer.baseAddress!, 256) == 128)
            #expect(sr_distinct_bytes(buffer.baseAddress! + 64, 192) == 64)
            #expect(sr_distinct_bytes(buffer.baseAddress! + 60, 8) == 8)
        }
    }
}
