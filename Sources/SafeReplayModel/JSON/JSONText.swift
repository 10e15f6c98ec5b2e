/// The byte-level pieces of JSON text (string escapes, integers) shared by the model's
/// ``JSONWriter`` and the web stage's byte writer. Non-generic and `@inlinable`, so each
/// writer's loop inlines them (a generic across modules would not be specialized here).
package enum JSONText {
    /// The high bit of each byte of `x` that JSON requires escaped (a quote, a backslash
    /// or a control character) is set, and of no byte before the first of them; zero when
    /// there is none.
    @inlinable @inline(__always)
    package static func needsEscape(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = x ^ (ones &* 0x22)
        let slash = x ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (slash &- ones) & ~slash | (x &- ones &* 0x20) & ~x) & (ones &* 0x80)
    }

    /// Writes the escape for `c` (a byte ``needsEscape(_:)`` flags) at `out`, which has
    /// room for 6 bytes; returns how many it wrote.
    @inlinable
    package static func writeEscape(_ c: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        switch c {
        case 0x22: out[1] = 0x22
        case 0x5C: out[1] = 0x5C
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x0C: out[1] = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u")
            out[2] = 0x30
            out[3] = 0x30
            out[4] = hex.utf8Start[Int(c >> 4)]
            out[5] = hex.utf8Start[Int(c & 0xF)]
            return 6
        }
        return 2
    }

    /// Writes `value` in decimal at `out`, which has room for 20 bytes; returns how many
    /// it wrote.
    ///
    /// The digits are counted by comparison and written two at a time from a table:
    /// half the divisions of a digit-by-digit loop, and none to count (timestamps have 13).
    @inlinable
    package static func writeInteger(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value >= 0 && value < 10 {
            out[0] = UInt8(truncatingIfNeeded: value) &+ 0x30
            return 1
        }
        var magnitude = value.magnitude
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let table = pairs.utf8Start
        if magnitude < 10_000 {
            // Most integers written (coordinates, ids, time offsets) have at most four
            // digits: their length follows from two comparisons, with no estimate or loop.
            out[0] = UInt8(ascii: "-")
            let sign = value < 0 ? 1 : 0
            let digits = out + sign
            if magnitude < 10 {
                digits[0] = UInt8(truncatingIfNeeded: magnitude) &+ 0x30
                return sign &+ 1
            }
            if magnitude < 100 {
                let pair = Int(truncatingIfNeeded: magnitude) &* 2
                digits[0] = table[pair]
                digits[1] = table[pair &+ 1]
                return sign &+ 2
            }
            let high = Int(truncatingIfNeeded: magnitude / 100)
            let low = Int(truncatingIfNeeded: magnitude % 100) &* 2
            if high < 10 {
                digits[0] = UInt8(truncatingIfNeeded: high) &+ 0x30
                digits[1] = table[low]
                digits[2] = table[low &+ 1]
                return sign &+ 3
            }
            digits[0] = table[high &* 2]
            digits[1] = table[high &* 2 &+ 1]
            digits[2] = table[low]
            digits[3] = table[low &+ 1]
            return sign &+ 4
        }
        // log10 from the bit length (1233 / 4096 ≈ log10 2), corrected by one comparison:
        // no loop over the digits (a timestamp has 13).
        let estimate = ((64 &- (magnitude | 1).leadingZeroBitCount) &* 1233) &>> 12
        let digits = estimate &+ (magnitude < powerOfTen(estimate) ? 0 : 1)
        var written = digits
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            written &+= 1
        }
        var i = written
        while magnitude >= 100 {
            let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
            magnitude /= 100
            i &-= 2
            out[i] = table[pair]
            out[i &+ 1] = table[pair &+ 1]
        }
        if magnitude >= 10 {
            let pair = Int(truncatingIfNeeded: magnitude) &* 2
            out[i &- 2] = table[pair]
            out[i &- 1] = table[pair &+ 1]
        } else {
            out[i &- 1] = UInt8(truncatingIfNeeded: magnitude) &+ 0x30
        }
        return written
    }

    /// 10^`k` for `k` in 0...19 (a switch the compiler turns into a table lookup).
    @inlinable @inline(__always)
    package static func powerOfTen(_ k: Int) -> UInt64 {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        case 18: 1_000_000_000_000_000_000
        default: 10_000_000_000_000_000_000
        }
    }

    /// A buffer of at least `needed` bytes (doubling `capacity`) holding the first `count`
    /// bytes of `base`, which it frees: the writers' growth step, off their hot paths.
    package static func grow(
        _ base: UnsafeMutablePointer<UInt8>, count: Int, capacity: Int, to needed: Int
    ) -> (base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        return (newBase, newCapacity)
    }

    /// Copies 16...64 bytes: the first and last 16 always, the 16 after the first and
    /// before the last when there are more than 32. All loads happen before any store,
    /// and the ranges overlap inside `count`, so no byte outside it is read or written.
    @inline(__always)
    static func copySmall(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count n: Int) {
        let first = source.loadUnaligned(as: SIMD16<UInt8>.self)
        let last = source.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
        if n > 32 {
            let second = source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
            let penultimate = source.loadUnaligned(fromByteOffset: n &- 32, as: SIMD16<UInt8>.self)
            target.storeBytes(of: second, toByteOffset: 16, as: SIMD16<UInt8>.self)
            target.storeBytes(of: penultimate, toByteOffset: n &- 32, as: SIMD16<UInt8>.self)
        }
        target.storeBytes(of: first, as: SIMD16<UInt8>.self)
        target.storeBytes(of: last, toByteOffset: n &- 16, as: SIMD16<UInt8>.self)
    }
}
