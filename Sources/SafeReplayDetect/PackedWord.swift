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
