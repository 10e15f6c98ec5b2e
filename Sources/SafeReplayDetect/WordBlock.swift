/// Sixteen bytes tested at once for word bytes (`A-Z a-z 0-9 _ -`), for the long runs that
/// JWT segments and tokens are made of.
///
/// Only lane-wise arithmetic on `SIMD16<UInt8>`: its comparison operators compile to a
/// loop over the lanes here, while adds, ands and ors become single vector instructions.
/// A lane's verdict is its high bit, found without carries between lanes.
enum WordBlock {
    typealias Lanes = SIMD16<UInt8>

    static let width = 16

    /// Whether the 16 bytes at `p` (all readable) are all word bytes.
    @inline(__always) static func isAllWord(_ p: UnsafePointer<UInt8>) -> Bool {
        let v = UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
        // Bytes of 0x80 and up are never word bytes; below that, `x + (0x80 - lo)` has its
        // high bit set from `lo` up, and `x + (0x7F - hi)` from past `hi`.
        let low = v & Lanes(repeating: 0x7F)
        let digit = (low &+ Lanes(repeating: 0x80 - 0x30)) & ~(low &+ Lanes(repeating: 0x7F - 0x39))
        let folded = low | Lanes(repeating: 0x20)
        let letter = (folded &+ Lanes(repeating: 0x80 - 0x61)) & ~(folded &+ Lanes(repeating: 0x7F - 0x7A))
        let word = (digit | letter | equal(v, 0x5F) | equal(v, 0x2D)) & ~v
        let halves = unsafeBitCast(word, to: (UInt64, UInt64).self)
        return halves.0 & halves.1 & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080
    }

    /// High bit set in the lanes where `v` is `c`.
    @inline(__always) static func equal(_ v: Lanes, _ c: UInt8) -> Lanes {
        let x = v ^ Lanes(repeating: c)
        // Nonzero lanes get their high bit from `x` itself or from adding 0x7F to its low bits.
        return ~(((x & Lanes(repeating: 0x7F)) &+ Lanes(repeating: 0x7F)) | x)
    }
}
