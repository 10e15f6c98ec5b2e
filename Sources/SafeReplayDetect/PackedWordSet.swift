/// A fixed set of ``PackedWord``s, looked up by hash with linear probing.
///
/// The context word lists hold up to 80 words: a linear `contains` compared most of them for
/// every candidate number, which cost more than reading the words around it.
struct PackedWordSet {
    /// Four slots or more per word, a power of two; an empty slot has length 0 (no packed word
    /// is empty).
    private var slots: [PackedWord]
    private let mask: Int

    init(_ words: [PackedWord]) {
        var capacity = 16
        while capacity < words.count * 4 { capacity *= 2 }
        slots = Array(repeating: PackedWord(), count: capacity)
        mask = capacity - 1
        for word in words where !contains(word) {
            var k = Self.slot(word) & mask
            while slots[k].length != 0 { k = (k + 1) & mask }
            slots[k] = word
        }
    }

    func contains(_ word: PackedWord) -> Bool {
        var k = Self.slot(word) & mask
        while true {
            let candidate = slots[k]
            if candidate.length == 0 { return false }
            if candidate == word { return true }
            k = (k + 1) & mask
        }
    }

    @inline(__always) static func slot(_ word: PackedWord) -> Int {
        let mixed = (word.a ^ word.b &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: word.length)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 40)
    }
}
