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
        if n > 0, n <= 8, end >= 8, let folded = Self.foldedWithoutJoiners(base + (end - 8), lanes: n) {
            // The common short word without `_` or `-`: one load (of the eight bytes that end
            // where the word does), not a byte at a time.
            a = folded
            length = n
            return
        }
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

    /// The last `lanes` of the eight bytes at `p`, first in the low byte, with `A-Z` folded
    /// to lower case; `nil` when one of them is `_` or `-`.
    @inline(__always)
    static func foldedWithoutJoiners(_ p: UnsafePointer<UInt8>, lanes: Int) -> UInt64? {
        let v = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) >> UInt64((8 - lanes) * 8)
        let high: UInt64 = 0x8080_8080_8080_8080
        let low = v & 0x7F7F_7F7F_7F7F_7F7F
        // Bit 7 of a lane set where it is at least 0x41, or 0x5B (seven-bit lanes: no carries).
        let upper = (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & ~v & high
        // Lanes equal to `_` or `-`: zero after the XOR (exact, no borrow across lanes).
        let u = v ^ 0x5F5F_5F5F_5F5F_5F5F, d = v ^ 0x2D2D_2D2D_2D2D_2D2D
        let joiner = ~(((u & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | u)
            | ~(((d & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | d)
        let used: UInt64 = lanes == 8 ? ~0 : (1 &<< UInt64(lanes * 8)) &- 1
        guard joiner & high & used == 0 else { return nil }
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
