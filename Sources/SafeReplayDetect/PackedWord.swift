/// A short word folded to lower case with `_` and `-` dropped, packed into three integers,
/// so that "is this one of our keywords?" is a few integer compares and no allocation.
struct PackedWord: Equatable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var c: UInt64 = 0
    var length = 0

    static let capacity = 24

    /// The empty word, which no other initializer makes: an empty slot of ``PackedWordSet``.
    init() {}

    /// Packs `base[start..<end]`, or returns `nil` when the folded word is empty or too long.
    init?(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        let n = end - start
        if n > 0, n <= 8, end >= 8 {
            // The common short word: one load (of the eight bytes that end where the word
            // does), not a byte at a time.
            self.init(base, start, end,
                      lastEight: UInt64(littleEndian: UnsafeRawPointer(base + (end - 8)).loadUnaligned(as: UInt64.self)))
        } else {
            self.init(byteByByte: base, start, end)
        }
    }

    /// Packs `base[start..<end]`, a word of one to eight bytes, of which `lastEight` holds
    /// the eight bytes that end at `end` (a caller that has loaded them for its own test).
    @inline(__always)
    init?(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, lastEight: UInt64) {
        let n = end - start
        if let folded = Self.foldedWithoutJoiners(lastEight >> UInt64((8 - n) * 8)) {
            self.init()
            a = folded
            length = n
        } else {
            self.init(byteByByte: base, start, end)
        }
    }

    /// The general case: `_` and `-` dropped, each byte folded and appended.
    private init?(byteByByte base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        for i in start..<end {
            let byte = base[i]
            if byte == 0x5F || byte == 0x2D { continue }
            guard length < Self.capacity else { return nil }
            append(lowercased(byte))
        }
        if length == 0 { return nil }
    }

    init(_ literal: StaticString) {
        literal.withUTF8Buffer { buffer in
            for byte in buffer where byte != 0x5F && byte != 0x2D {
                append(lowercased(byte))
            }
        }
    }

    /// `v`'s bytes with `A-Z` folded to lower case; `nil` when one of them is `_` or `-`.
    /// (Lanes above a shorter word are zero: neither a joiner nor changed by the fold.)
    @inline(__always)
    static func foldedWithoutJoiners(_ v: UInt64) -> UInt64? {
        let low = v & 0x7F7F_7F7F_7F7F_7F7F
        // Bit 7 of a lane set where it is at least 0x41, or 0x5B (seven-bit lanes: no carries).
        let upper = (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & ~v & Lanes.high
        guard Lanes.joiners(v) == 0 else { return nil }
        return v | upper &>> 2
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        let shift = UInt64((length & 7) * 8)
        switch length >> 3 {
        case 0: a |= UInt64(byte) << shift
        case 1: b |= UInt64(byte) << shift
        default: c |= UInt64(byte) << shift
        }
        length += 1
    }

    /// Whether the word ends with `suffix` (also packed).
    func hasSuffix(_ suffix: PackedWord) -> Bool {
        guard suffix.length <= length else { return false }
        let offset = length - suffix.length
        for k in 0..<suffix.length where byte(at: offset + k) != suffix.byte(at: k) {
            return false
        }
        return true
    }

    func byte(at index: Int) -> UInt8 {
        let word = index < 8 ? a : (index < 16 ? b : c)
        return UInt8(truncatingIfNeeded: word >> UInt64((index & 7) * 8))
    }
}
