import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct GzipTests {
    @Test func roundTripsAndIsRealGzip() throws {
        let text = Array(String(repeating: #"{"type":3,"data":{"source":1}},"#, count: 2000).utf8)
        let packed = try Gzip.compress(text)
        #expect(packed.count < text.count / 10)
        // RFC 1952 header: magic, deflate, and the length trailer.
        #expect(Array(packed.prefix(3)) == [0x1F, 0x8B, 0x08])
        let isize = packed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(isize == text.count)
        #expect(try Gzip.decompress(packed) == text)
    }

    @Test func emptyInputRoundTrips() throws {
        #expect(try Gzip.decompress(try Gzip.compress([UInt8]())) == [])
    }

    @Test func garbageIsAClearError() {
        for garbage: [UInt8] in [[], [1, 2, 3], Array(repeating: 0x1F, count: 64), Array("not gzip at all, but long enough".utf8)] {
            #expect(throws: SafeReplayError.self) { try Gzip.decompress(garbage) }
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let packed = try Gzip.compress(Array(String(repeating: "abcdefgh", count: 500).utf8))
        for length in 0..<packed.count {
            #expect(throws: SafeReplayError.self) { try Gzip.decompress(packed.prefix(length)) }
        }
    }

    @Test func corruptionIsCaughtByTheChecksum() throws {
        let text = Array(String(repeating: "sanitized ", count: 300).utf8)
        var packed = try Gzip.compress(text)
        // Flip a bit in the CRC: the data inflates but must not be accepted.
        packed[packed.count - 6] ^= 0x01
        #expect(throws: SafeReplayError.self) { try Gzip.decompress(packed) }
    }

    @Test func trailingBytesAreRefused() throws {
        let packed = try Gzip.compress(Array("abc".utf8)) + [0x00]
        let error = #expect(throws: SafeReplayError.self) { try Gzip.decompress(packed) }
        #expect(error?.code == .io)
    }

    @Test func inflatingPastTheLimitStops() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 4 << 20))
        let error = #expect(throws: SafeReplayError.self) { try Gzip.decompress(bomb, maxOutput: 1 << 20) }
        #expect(error?.code == .limit)
    }

    /// The framing check on `bytes` as the spool reads them: first ten, last eight, size.
    static func checkFraming(_ bytes: [UInt8]) throws(SafeReplayError) {
        try Gzip.checkFraming(head: Array(bytes.prefix(10)), tail: Array(bytes.suffix(8)), size: bytes.count)
    }

    @Test func framingPassesWholeMembersOfEveryShape() throws {
        let samples: [[UInt8]] = [
            Array(String(repeating: #"{"type":3,"data":{"source":1}},"#, count: 2000).utf8),  // compresses well
            (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) },  // hardly at all (stored blocks)
            [UInt8](repeating: 0, count: 4 << 20),  // as far as deflate goes
            Array("a".utf8),
        ]
        for sample in samples {
            try Self.checkFraming(try Gzip.compress(sample))
        }
    }

    @Test func framingRefusesTruncationsAndForeignFiles() throws {
        let text = Array((0..<3_000).map { "{\"id\":\($0),\"x\":\($0 * 7 % 1280)}" }.joined(separator: ",").utf8)
        let packed = try Gzip.compress(text)
        // Cut anywhere, the last eight bytes are deflate data, which nearly never reads as a
        // length the file allows (here 5 cuts of 14,875 do, one of them the last byte's);
        // the spool verifies every batch whole before sending it.
        let passing = (0..<packed.count).filter { (try? Self.checkFraming(Array(packed.prefix($0)))) != nil }
        #expect(passing.count * 1_000 < packed.count, "\(passing.count) of \(packed.count) cuts pass")
        #expect(!passing.contains { $0 < 18 })
        var wrongMethod = packed
        wrongMethod[2] = 7
        #expect(throws: SafeReplayError.self) { try Self.checkFraming(wrongMethod) }
        #expect(throws: SafeReplayError.self) { try Self.checkFraming(Array("not gzip at all, but long enough".utf8)) }
        // A length past what the body could hold (a zero run compresses 1,032 to 1 at most).
        var inflated = packed
        inflated[inflated.count - 1] = 0x01
        #expect(throws: SafeReplayError.self) { try Self.checkFraming(inflated) }
    }
}
