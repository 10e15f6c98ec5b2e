/// Byte classes for the URL scanner's inner loops, one table entry per byte value.
///
/// Path segments, names and values mix letters, digits and `-` at random, so a chain of
/// comparisons per byte mispredicts its branches on almost every class change; one load
/// from this table and an OR make the common bytes branch-free.
enum URLByteClass {
    // Bits a segment's facts are the union of (see `URLScan.TextFacts`), then the bytes the
    // loops stop at.
    static let digit: UInt16 = 0x001, nonPlain: UInt16 = 0x002, at: UInt16 = 0x004, colon: UInt16 = 0x008
    static let percent: UInt16 = 0x010, plus: UInt16 = 0x020, slash: UInt16 = 0x040, dirty: UInt16 = 0x080
    static let equals: UInt16 = 0x100
    /// `/`, `\`, `?`, `#`, `;` and `=`: what the path loop must look at.
    static let pathDelimiter: UInt16 = 0x200

    /// The table, allocated for the lifetime of the `URLRules` that owns it.
    static func makeTable() -> UnsafeMutablePointer<UInt16> {
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        for b in 0...255 { table[b] = classes(UInt8(b)) }
        return table
    }

    /// The classes of `b`, as `URLScan.facts` and the path and authority loops read them.
    private static func classes(_ b: UInt8) -> UInt16 {
        var k = factClasses(b)
        switch b {
        case ASCII.slash, ASCII.backslash, ASCII.question, ASCII.hash, ASCII.equals, ASCII.semicolon: k |= pathDelimiter
        default: break
        }
        return k
    }

    private static func factClasses(_ b: UInt8) -> UInt16 {
        if ASCII.isLower(b) || b == ASCII.minus || b == ASCII.dot { return 0 }
        if ASCII.isDigit(b) { return digit }
        if ASCII.isUpper(b) || b == ASCII.underscore { return nonPlain }
        switch b {
        case ASCII.equals: return nonPlain | equals
        case ASCII.at: return at
        case ASCII.colon: return colon
        case ASCII.percent: return percent
        case ASCII.plus: return nonPlain | plus
        case ASCII.slash: return nonPlain | slash
        case ASCII.backslash: return nonPlain | slash | dirty
        default: return needsEscape(b) ? nonPlain | dirty : nonPlain
        }
    }
}
