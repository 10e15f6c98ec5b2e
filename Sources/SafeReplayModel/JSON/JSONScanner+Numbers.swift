extension JSONScanner {
    /// The shape of a number token, after its grammar has been checked.
    struct NumberToken {
        var start: Int
        var end: Int
        var negative: Bool
        /// The digits before and after the point, as one integer, when they fit (≤ 19 digits).
        var mantissa: UInt64
        var digitCount: Int
        var fractionDigits: Int
        var exponent: Int
        var isInteger: Bool { fractionDigits == 0 && exponent == 0 && !hasFractionOrExponent }
        var hasFractionOrExponent: Bool
    }

    mutating func scanNumber() throws(JSONError) -> NumberToken {
        skipWhitespace()
        let start = position
        var i = position
        var negative = false
        if i < count, base[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") else {
            throw unexpected("a number")
        }
        var mantissa: UInt64 = 0
        var digits = 0
        if base[i] == UInt8(ascii: "0") {
            i += 1
            if i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
                position = i
                throw error("leading zero in number")
            }
        } else {
            while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
        }
        var fractionDigits = 0
        var hasFractionOrExponent = false
        if i < count, base[i] == UInt8(ascii: ".") {
            hasFractionOrExponent = true
            i += 1
            let fracStart = i
            while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] - UInt8(ascii: "0"))
                    if mantissa != 0 || digits > 0 { digits += 1 }
                    fractionDigits += 1
                } else {
                    digits += 1
                }
                i += 1
            }
            guard i > fracStart else {
                position = i
                throw error("missing digits after '.'")
            }
        }
        var exponent = 0
        if i < count, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            hasFractionOrExponent = true
            i += 1
            var expNegative = false
            if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") {
                expNegative = base[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            while i < count, base[i] >= UInt8(ascii: "0"), base[i] <= UInt8(ascii: "9") {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[i] - UInt8(ascii: "0")) }
                i += 1
            }
            guard i > expStart else {
                position = i
                throw error("missing digits in exponent")
            }
            if expNegative { exponent = -exponent }
        }
        position = i
        return NumberToken(
            start: start, end: i, negative: negative, mantissa: mantissa, digitCount: digits,
            fractionDigits: fractionDigits, exponent: exponent, hasFractionOrExponent: hasFractionOrExponent
        )
    }

    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    func doubleValue(of token: NumberToken) -> Double {
        // Clinger's fast path: a mantissa below 2^53 scaled by an exact power of ten is
        // correctly rounded by one IEEE operation. Everything else goes to the C library.
        let scale = token.exponent - token.fractionDigits
        if token.digitCount <= 15, scale >= -22, scale <= 22 {
            var value = Double(token.mantissa)
            if scale < 0 { value /= Self.exactPowersOfTen[-scale] } else { value *= Self.exactPowersOfTen[scale] }
            return token.negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
        return Double(text) ?? (token.negative ? -.infinity : .infinity)
    }

    /// Reads any JSON number as a `Double`.
    @inline(__always)
    public mutating func readDouble() throws(JSONError) -> Double {
        // Fast path: a plain integer of up to 15 digits (coordinates, sizes, offsets) right
        // before `,`, `}` or `]`.
        if let n = plainInteger(at: position, signed: true, maxDigits: 15), Self.endsNumber(base[n.end]) {
            position = n.end
            return Self.double(n)
        }
        return try readDoubleGeneral()
    }

    /// `,`, `}` or `]`: what follows a number in compact JSON.
    @inline(__always)
    static func endsNumber(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]")
    }

    @inline(never)
    mutating func readDoubleGeneral() throws(JSONError) -> Double {
        let token = try scanNumber()
        return doubleValue(of: token)
    }

    /// Reads a number that must be an integer (`3` or `3.0`, not `3.5`) within `Int64`.
    @inline(__always)
    public mutating func readInt64() throws(JSONError) -> Int64 {
        // Fast path: a plain non-negative integer of up to 18 digits (ids, timestamps, types)
        // right before `,`, `}` or `]`.
        if let value = readPlainInteger() { return value }
        return try readInt64General()
    }

    /// The fast path of ``readInt64()`` alone: a plain non-negative integer of up to 18
    /// digits right before `,`, `}` or `]`, or `nil` (and nothing consumed) otherwise.
    @inline(__always)
    mutating func readPlainInteger(long: Bool = false) -> Int64? {
        guard let n = plainInteger(at: position, signed: false, maxDigits: 18, eightAtATime: long), Self.endsNumber(base[n.end])
        else { return nil }
        position = n.end
        return n.value
    }

    /// The digits at `start` (after a `-` when `signed`; at most `maxDigits`, no leading
    /// zero, some byte after them): their value, the sign and the index of the byte after
    /// them, or `nil`. Callers accept the number only if that byte ends it as they expect,
    /// so fractions, exponents and longer numbers go to the general readers.
    @inline(__always)
    func plainInteger(at start: Int, signed: Bool, maxDigits: Int, eightAtATime: Bool = false) -> (value: Int64, negative: Bool, end: Int)? {
        var i = start
        let negative = signed && i < count && base[i] == UInt8(ascii: "-")
        if negative { i &+= 1 }
        let digitsStart = i
        let limit = min(count, i &+ maxDigits)
        var value: Int64 = 0
        // For long numbers (timestamps have 13), eight digits a step while eight remain, then
        // one at a time. Not for short ones (coordinates, ids), where the failed first word
        // would only add to the cost.
        while eightAtATime && i &+ 8 <= limit {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            guard let eight = Self.eightDigits(word) else { break }
            value = value &* 100_000_000 &+ Int64(truncatingIfNeeded: eight)
            i &+= 8
        }
        while i < limit {
            let d = base[i] &- UInt8(ascii: "0")
            if d >= 10 { break }
            value = value &* 10 &+ Int64(d)
            i &+= 1
        }
        guard i > digitsStart, i < count, base[digitsStart] != UInt8(ascii: "0") || i == digitsStart &+ 1
        else { return nil }
        return (value, negative, i)
    }

    /// The value of eight ASCII digits (the first in the lowest byte of `word`), or `nil`
    /// when any byte is not a digit.
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64? {
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        // A digit's byte is 0x3_, and so is the byte plus 6 (0x3A–0x3F would carry to 0x4_).
        let check = (word & highNibbles) | (((word &+ 0x0606_0606_0606_0606) & highNibbles) &>> 4)
        guard check == 0x3333_3333_3333_3333 else { return nil }
        return eightDigitsValue(word)
    }

    /// How many digits `word` starts with (its first byte lowest; 8 when all are), and
    /// their value when fewer than eight.
    @inline(__always)
    static func digitRun(_ word: UInt64) -> (length: Int, value: UInt64) {
        // A byte's high bit is set when it is above '9' (adding 0x46 reaches 0x80) or
        // below '0' (subtracting 0x30 borrows). Carries and borrows move only upward,
        // out of a byte that is not a digit, so the lowest set bit is exact.
        let notDigits = ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
        let length = notDigits.trailingZeroBitCount &>> 3
        guard length > 0 && length < 8 else { return (length, 0) }
        // The digits moved to the top of the word, '0's below them: eight digits with the
        // same value.
        let pad = UInt64(8 &- length) &* 8
        return (length, eightDigitsValue(word &<< pad | 0x3030_3030_3030_3030 &>> (64 &- pad)))
    }

    /// The value of eight ASCII digits, unchecked: pairs, then fours, then all eight,
    /// each step one multiply (first digit lowest).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var v = word & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) &>> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
        return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    }

    /// A ``plainInteger(at:signed:maxDigits:)`` as ``readDouble()`` reads it.
    @inline(__always)
    static func double(_ n: (value: Int64, negative: Bool, end: Int)) -> Double {
        // Negated as a Double so that `-0` stays negative zero.
        n.negative ? -Double(n.value) : Double(n.value)
    }

    @inline(never)
    mutating func readInt64General() throws(JSONError) -> Int64 {
        let token = try scanNumber()
        if !token.hasFractionOrExponent && token.digitCount <= 18 {
            let v = Int64(token.mantissa)
            return token.negative ? -v : v
        }
        let d = doubleValue(of: token)
        guard d.isFinite, d.rounded() == d, abs(d) < 9.2e18 else {
            throw JSONError(offset: token.start, "expected an integer")
        }
        return Int64(d)
    }

    @inline(__always)
    public mutating func readInt() throws(JSONError) -> Int {
        Int(try readInt64())
    }

    /// Reads a number and keeps integers exact.
    mutating func readNumberValue() throws(JSONError) -> JSONValue {
        let token = try scanNumber()
        if !token.hasFractionOrExponent && token.digitCount <= 18 {
            let v = Int64(token.mantissa)
            return .int(token.negative ? -v : v)
        }
        return .double(doubleValue(of: token))
    }
}
