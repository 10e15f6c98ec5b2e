/// Building blocks for fused readers of small objects that arrive by the thousand in one
/// fixed shape (pointer positions): the whole object is matched in one pass, and anything
/// else is left to the general decoder.
extension JSONScanner {
    /// Whether the `length` (≤ 8) bytes at `i` are `pattern`'s (little-endian); `false`
    /// when fewer than eight bytes remain. `checked: false` skips that test: only for a
    /// caller that has tested once that its every read lies inside the input.
    @inline(__always)
    func bytes(at i: Int, equal pattern: UInt64, length: Int, checked: Bool = true) -> Bool {
        guard !checked || count &- i >= 8 else { return false }
        let mask: UInt64 = length == 8 ? ~0 : (1 &<< UInt64(length &* 8)) &- 1
        return Self.load64(base + i) & mask == pattern
    }

    /// A ``plainInteger(at:signed:maxDigits:)`` of up to 15 digits (what ``readDouble()``
    /// and ``readInt()`` read the same way) followed by `terminator`.
    ///
    /// One to seven digits (coordinates, ids, time offsets) are read from one word: the
    /// first byte that is not a digit found at once, the digits combined by three
    /// multiplies. A digit loop cost ~9 instructions a digit, four numbers a position.
    ///
    /// `checked: false` skips the tests that the sign byte and the eight bytes of the load
    /// lie inside the input (as ``bytes(at:equal:length:checked:)``); the reader of more
    /// than seven digits tests its own bounds either way. `long: false` refuses a number
    /// of more than seven digits instead of reading it: then nothing past the load is read,
    /// and nothing past the number's end is given to a caller that reads on from there.
    @inline(__always)
    func plainInteger(
        at start: Int, signed: Bool, before terminator: UInt8, checked: Bool = true, long: Bool = true
    ) -> (value: Int64, negative: Bool, end: Int)? {
        let negative = signed && (!checked || start < count) && base[start] == UInt8(ascii: "-")
        let i = negative ? start &+ 1 : start
        if !checked || count &- i >= 8 {
            let run = Self.digitRun(Self.load64(base + i))
            if run.length < 8 {
                // The rules of the digit loop: a digit, no leading zero, then `terminator`
                // (the byte at `i + length`, inside the eight read).
                guard run.length > 0, run.length == 1 || base[i] != UInt8(ascii: "0"), base[i &+ run.length] == terminator else { return nil }
                return (Int64(truncatingIfNeeded: run.value), negative, i &+ run.length)
            }
        }
        guard long, let n = plainInteger(at: start, signed: signed, maxDigits: 15), base[n.end] == terminator else { return nil }
        return n
    }
}
