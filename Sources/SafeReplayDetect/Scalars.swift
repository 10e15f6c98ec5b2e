/// Decoding and classifying single scalars around ASCII triggers (emails next to CJK text,
/// internationalised local parts and domains).
enum ScriptClass {
    /// Letters of alphabetic scripts (Latin with diacritics, Greek, Cyrillic, Arabic, …)
    /// and combining marks: may appear inside an internationalised address.
    case letter
    /// Han, kana, Hangul and full-width forms: text in these scripts runs on without
    /// spaces, so an address next to it ends where the script changes.
    case cjk
    /// Punctuation, symbols, emoji, spaces: never part of an address.
    case other

    init(_ scalar: UInt32) {
        switch scalar {
        case 0xC0...0x24F where scalar != 0xD7 && scalar != 0xF7: self = .letter
        case 0x250...0x2AF, 0x300...0x36F, 0x370...0x3FF, 0x400...0x52F, 0x531...0x587: self = .letter
        case 0x5D0...0x5EA, 0x620...0x64A, 0x660...0x669, 0x671...0x6D3, 0x900...0x97F: self = .letter
        case 0x980...0xDFF, 0xE00...0xE7F, 0x10A0...0x10FF, 0x1E00...0x1FFF: self = .letter
        case 0x2E80...0x2FDF, 0x3040...0x30FF, 0x3100...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF: self = .cjk
        case 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: self = .cjk
        case 0x3000...0x303F: self = .other  // CJK punctuation (、。「」) ends an address
        default: self = .other
        }
    }
}

extension PIIScan {
    /// The scalar whose UTF-8 sequence starts at `i` (a lead byte), and its length in bytes.
    /// Input comes from a Swift `String`, so it is valid UTF-8; a truncated sequence at the
    /// end of the buffer still decodes to something harmless through `at(_:)`.
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(at(i))
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(at(i + 1) & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(at(i + 1) & 0x3F) << 6 | UInt32(at(i + 2) & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(at(i + 1) & 0x3F) << 12 | UInt32(at(i + 2) & 0x3F) << 6
            | UInt32(at(i + 3) & 0x3F), 4)
    }

    /// The start of the scalar that ends right before `end`.
    func scalarStart(before end: Int) -> Int {
        var k = end - 1
        while k > 0, k > end - 4, at(k) & 0xC0 == 0x80 { k -= 1 }
        return k
    }
}
