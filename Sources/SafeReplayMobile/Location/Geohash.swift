/// Geohash encoding: alternate bisection of longitude and latitude, 5 bits a character.
///
/// Canonical semantics (geohash.org, ngeohash, pygeohash): bisection with `x >= mid`
/// going to the upper half, so latitude +90 and longitude +180 fall in the northernmost
/// and easternmost cells; longitude does not wrap. Every cell edge is exact in `Double`
/// (a multiple of 180·2⁻ᵏ with far fewer significant bits than a double holds), so the
/// comparisons against them are exact and the result matches a rational encoder.
public enum Geohash {
    public static let maximumPrecision = 12
    private static let alphabet: StaticString = "0123456789bcdefghjkmnpqrstuvwxyz"

    /// The geohash of a point, `precision` characters long; nil for non-finite or
    /// out-of-range coordinates and for a precision outside 1…12.
    public static func encode(latitude: Double, longitude: Double, precision: Int) -> String? {
        guard (1...maximumPrecision).contains(precision),
              latitude >= -90, latitude <= 90, longitude >= -180, longitude <= 180 else { return nil }
        // NaN fails every comparison above; infinities are out of range.
        let bits = 5 * precision
        let lonBits = (bits + 1) / 2, latBits = bits / 2
        let lon = cell(longitude, from: -180, width: 360, bits: lonBits)
        let lat = cell(latitude, from: -90, width: 180, bits: latBits)
        // Interleave, longitude first from the most significant bit: with an odd bit
        // count longitude takes the even positions (counting from the least significant),
        // with an even count the odd ones.
        let hash = bits & 1 == 1 ? spread(lon) | spread(lat) &<< 1 : spread(lon) &<< 1 | spread(lat)
        let table = alphabet.utf8Start
        return String(unsafeUninitializedCapacity: precision) { buffer in
            for i in 0..<precision {
                buffer[i] = table[Int(truncatingIfNeeded: hash &>> UInt64(5 * (precision - 1 - i)) & 31)]
            }
            return precision
        }
    }

    /// The bits of `x` (at most 32) moved to the even positions of the result.
    @inline(__always)
    private static func spread(_ x: UInt64) -> UInt64 {
        var x = x & 0xFFFF_FFFF
        x = (x | x &<< 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x &<< 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x &<< 4) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | x &<< 2) & 0x3333_3333_3333_3333
        x = (x | x &<< 1) & 0x5555_5555_5555_5555
        return x
    }

    /// The index of the cell holding `value` when [low, low + width] is cut into 2^bits
    /// cells, half-open except the last: what `bits` bisections with `x >= mid` find.
    ///
    /// Computed directly rather than by bisecting: a floating-point estimate, then
    /// corrected against the cell's edges, which are exact in `Double` (`n · step` is an
    /// integer below 2^36 times a power of two, and `low + n · step` a multiple of it
    /// within ±180). The estimate is off by at most one cell (two roundings of a value
    /// below 2^30), so each correction loop runs at most once, and almost never.
    @inline(__always)
    private static func cell(_ value: Double, from low: Double, width: Double, bits: Int) -> UInt64 {
        let cells = Double(UInt64(1) << bits)
        let step = width / cells
        var n = ((value - low) / step).rounded(.down)
        n = Swift.min(Swift.max(n, 0), cells - 1)
        while n > 0 && value < low + n * step { n -= 1 }
        while n + 1 < cells && value >= low + (n + 1) * step { n += 1 }
        return UInt64(n)
    }
}
