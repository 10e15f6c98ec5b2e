// Byte classes eight bytes at a time, for the all-hex token test. (The path and name loops
// stay a table lookup per byte: the same test there, with the prefix length, digit count and
// folding they need, cost as many instructions per byte as the lookups it replaced.)

/// The high bit of each byte.
let wordHighBits: UInt64 = 0x8080_8080_8080_8080

/// High bits at the bytes of `w` within `lo...hi` (ASCII bounds). Each byte is tested on its
/// low seven bits, so no sum carries into the next byte; bytes of 0x80 and above never match.
@inline(__always)
func bytes(_ w: UInt64, in lo: UInt8, _ hi: UInt8) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7 = w & ~wordHighBits
    let atLeastLo = low7 &+ UInt64(0x80 &- lo) &* ones
    let aboveHi = low7 &+ UInt64(0x7F &- hi) &* ones
    return atLeastLo & ~aboveHi & ~w & wordHighBits
}

/// The little-endian word at `p + i`.
@inline(__always)
func word(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self))
}

/// Whether every byte of `d` (at least 8 bytes) is a hex digit.
@inline(__always)
func isAllHex(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = d.baseAddress, d.count >= 8 else { return false }
    @inline(__always) func hex(_ w: UInt64) -> Bool {
        bytes(w, in: 0x30, 0x39) | bytes(w | 0x2020_2020_2020_2020, in: 0x61, 0x66) == wordHighBits
    }
    var i = 0
    while i &+ 8 <= d.count {
        guard hex(word(p, i)) else { return false }
        i &+= 8
    }
    // The rest as the word that ends there (overlapping bytes already seen).
    return i == d.count || hex(word(p, d.count &- 8))
}
