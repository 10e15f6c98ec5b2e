/// Per-byte character classes for the scanner, one table lookup per byte.
///
/// The table lives in a single allocation made once, and the scanner keeps a raw pointer
/// to it, so the hot loop pays neither lazy-global checks nor array bounds checks.
enum ByteClass {
    static let digit: UInt8 = 1 << 0
    static let upper: UInt8 = 1 << 1
    static let lower: UInt8 = 1 << 2
    /// `a-f`, `A-F`.
    static let hexLetter: UInt8 = 1 << 3
    /// `_` and `-`: they join tokens (`sk_live_…`, `xoxb-…`) but never start a word.
    static let joiner: UInt8 = 1 << 4
    /// Non-word bytes that can start a value: `@` (email), `+` and `(` (phone), `:` (IPv6 `::`).
    static let trigger: UInt8 = 1 << 5
    /// Any byte of a multi-byte UTF-8 sequence.
    static let nonASCII: UInt8 = 1 << 6

    /// Any of `A-Z a-z 0-9 _ -`: one bit the same for every word byte, so that four bytes'
    /// classes ANDed together say whether all four are.
    static let wordByte: UInt8 = 1 << 7

    static let alnum: UInt8 = digit | upper | lower
    static let word: UInt8 = alnum | joiner

    /// Written once before first use and never again, so sharing it across threads is safe.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = digit }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = upper }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = lower }
        for c in UInt8(ascii: "A")...UInt8(ascii: "F") { t[Int(c)] |= hexLetter }
        for c in UInt8(ascii: "a")...UInt8(ascii: "f") { t[Int(c)] |= hexLetter }
        t[Int(UInt8(ascii: "_"))] = joiner
        t[Int(UInt8(ascii: "-"))] = joiner
        for c in 0..<256 where t[c] & word != 0 { t[c] |= wordByte }
        for c in "@+(:".utf8 { t[Int(c)] = trigger }
        for c in 0x80...0xFF { t[c] = nonASCII }
        return UnsafePointer(t)
    }()
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
@inline(__always) func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
@inline(__always) func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
@inline(__always) func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
@inline(__always) func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- 0x61 < 6 }
@inline(__always) func isBase64URL(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2D || c == 0x5F }
@inline(__always) func lowercased(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
@inline(__always) func digitValue(_ c: UInt8) -> Int { Int(c &- 0x30) }
