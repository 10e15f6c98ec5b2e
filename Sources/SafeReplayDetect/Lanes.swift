/// A word's eight bytes as lanes (SWAR), for the scans that class several bytes a step.
enum Lanes {
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each lane whose value (a byte minus `0`, i.e. XORed with 0x30) is 10 or
    /// more: not a digit. No carry crosses a lane.
    @inline(__always)
    static func nonDigits(_ values: UInt64) -> UInt64 {
        (((values & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | values) & high
    }

    /// Bit 7 of each lane that is an ASCII letter: lanes are case-folded, then compared with
    /// `a` and `z` by adding to each its distance to 0x80 (seven-bit lanes, no carries).
    @inline(__always)
    static func letters(_ bytes: UInt64) -> UInt64 {
        let low = (bytes | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F
        let pastZ = low &+ 0x0505_0505_0505_0505
        return atLeastA & ~pastZ & ~bytes & high
    }

    /// Bit 7 of each lane that is `_` or `-`: zero after the XOR (exact, no borrow across
    /// lanes).
    @inline(__always)
    static func joiners(_ bytes: UInt64) -> UInt64 {
        let u = bytes ^ 0x5F5F_5F5F_5F5F_5F5F, d = bytes ^ 0x2D2D_2D2D_2D2D_2D2D
        return (~(((u & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | u)
            | ~(((d & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | d)) & high
    }

    /// Bit 7 of each lane that is a word byte, `A-Z a-z 0-9 _ -` (``ByteClass/word``).
    @inline(__always)
    static func wordBytes(_ bytes: UInt64) -> UInt64 {
        letters(bytes) | ~nonDigits(bytes ^ 0x3030_3030_3030_3030) & high | joiners(bytes)
    }

    /// Bit 7 of each lane of `bytes` that is a hex digit (`0-9 a-f A-F`), and of each that is
    /// a decimal digit. Seven-bit lanes plus 0x80 - c: bit 7 set where the lane is c or
    /// more, no carry crossing a lane; non-ASCII lanes are neither.
    @inline(__always)
    static func hexDigits(_ bytes: UInt64) -> (hex: UInt64, digit: UInt64) {
        let digit = ~nonDigits(bytes ^ 0x3030_3030_3030_3030) & high
        let folded = (bytes | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = folded &+ 0x1F1F_1F1F_1F1F_1F1F
        let pastF = folded &+ 0x1919_1919_1919_1919
        return (digit | atLeastA & ~pastF & ~bytes & high, digit)
    }

    /// How many lanes of `highBits` (only lanes' bit 7 set) are set: summed into the top
    /// byte by one multiply. This build has no popcount instruction, and the software one
    /// took a dozen.
    @inline(__always)
    static func count(_ highBits: UInt64) -> Int {
        Int(truncatingIfNeeded: ((highBits &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
    }
}
