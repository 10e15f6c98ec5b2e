import Testing
@testable import SafeReplayDetect

/// The context word before a position, read eight bytes a step, against the byte loop it
/// replaced, on random text of the bytes it tells apart.
@Suite struct PrecedingWordTests {
    /// Word bytes, the punctuation skipped before a word, bytes next to those ranges, and a
    /// non-ASCII byte.
    static let textBytes = Array("aZ9_-Qx0 \t:=#\"'([{.@`/}]),;\\".utf8) + [0xC3, 0xA9, 0x7F]

    /// The word as the byte loop packed it: `_` and `-` dropped, `A-Z` folded, at most
    /// ``PackedWord/capacity`` bytes.
    static func referenceWord(_ bytes: ArraySlice<UInt8>) -> PackedWord? {
        var word = PackedWord()
        for byte in bytes where byte != 0x5F && byte != 0x2D {
            guard word.length < PackedWord.capacity else { return nil }
            let folded = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            let shift = UInt64((word.length & 7) * 8)
            switch word.length >> 3 {
            case 0: word.a |= folded << shift
            case 1: word.b |= folded << shift
            default: word.c |= folded << shift
            }
            word.length += 1
        }
        return word.length == 0 ? nil : word
    }

    /// `precedingWord(before:)` as it was: punctuation by compares, the word byte by byte.
    static func reference(_ bytes: [UInt8], _ position: Int) -> (word: PackedWord?, start: Int, sawHash: Bool) {
        let skippable = Array(" \t:=#\"'([{.".utf8)
        var k = position - 1, sawHash = false, skipped = 0
        while k >= 0, skipped < 4, skippable.contains(bytes[k]) {
            if bytes[k] == 0x23 { sawHash = true }
            k -= 1
            skipped += 1
        }
        let end = k + 1
        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c == 0x2D
        }
        while k >= 0, end - k <= PackedWord.capacity, isWordByte(bytes[k]) { k -= 1 }
        let start = k + 1
        guard start < end, !(bytes[start] >= 0x30 && bytes[start] <= 0x39) else { return (nil, start, sawHash) }
        return (referenceWord(bytes[start..<end]), start, sawHash)
    }

    /// Random text; with `wordHeavy` mostly letters, so that words run past eight bytes and
    /// past the capacity.
    static func randomText(wordHeavy: Bool, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<Int.random(in: 1...40, using: &generator)).map { _ in
            wordHeavy && Int.random(in: 0..<8, using: &generator) != 0
                ? UInt8.random(in: 0x61...0x7A, using: &generator)
                : textBytes.randomElement(using: &generator)!
        }
    }

    @Test func agreesWithTheByteLoop() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let bytes = Self.randomText(wordHeavy: round % 3 == 0, using: &generator)
            let position = Int.random(in: 0...bytes.count, using: &generator)
            SWARHelperTests.withScan(of: bytes) { scan in
                let found = scan.precedingWord(before: position), expected = Self.reference(bytes, position)
                #expect(found.word == expected.word && found.start == expected.start
                    && found.sawHash == expected.sawHash, "\(bytes) before \(position)")
            }
        }
    }

    @Test func wordLanesMatchTheTable() {
        for value in 0...255 {
            for lane in 0..<8 {
                let bytes = UInt64(value) << UInt64(lane * 8) | (lane == 0 ? 0 : 0x2020_2020_2020_2020 >> UInt64(64 - lane * 8))
                let isWord = ByteClass.table[value] & ByteClass.word != 0
                #expect(Lanes.wordBytes(bytes) == (isWord ? UInt64(0x80) << UInt64(lane * 8) : 0), "byte \(value) in lane \(lane)")
            }
        }
    }
}
