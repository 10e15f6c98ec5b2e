/// A run of digit groups as numbers are written: `4111 1111 1111 1111`, `123-45-6789`,
/// `+44 (0)20 7946 0958`, `(555) 123.4567`. Cards, SSNs and phones all start from one.
///
/// Fixed-size inline storage: lexing a number allocates nothing.
struct DigitRun {
    static let maxGroups = 12
    static let maxDigits = 24

    var start = 0
    var end = 0
    /// Starts with `+` (international).
    var plus = false
    /// Longer than any value we detect: consumed whole, never matched in part.
    var overflow = false
    var groupCount = 0
    var digitCount = 0
    /// The digits, as values 0–9.
    var digits = Bytes32()
    /// Per group: digit count, and the separator before it (0 when glued on, as after `)`).
    var lengths = Bytes16()
    var separators = Bytes16()
    /// Per group: where it ends, relative to `start` (a stored run is under 100 bytes).
    var groupEnds = Bytes16()
    /// Bit g set: group g was written in parentheses.
    var parens: UInt32 = 0

    func digit(_ k: Int) -> Int { Int(digits[k]) }

    /// Space-separated groups of four (the last shorter): how cards, tracking numbers and
    /// the Luhn-failing runs around them are printed.
    var isGroupedInFours: Bool {
        guard groupCount > 1 else { return false }
        // Each array read once (through the subscript, every byte read copied all 32).
        return separators.withBytes { separators in
            lengths.withBytes { lengths in
                let last = (groupCount - 1) & 15
                for g in 0..<last {
                    if separators[(g + 1) & 15] != 0x20 || lengths[g] != 4 { return false }
                }
                return lengths[last] <= 4
            }
        }
    }

    /// The run cut after its first `groups` groups.
    func prefix(_ groups: Int) -> DigitRun {
        var cut = self
        cut.groupCount = groups
        cut.digitCount = digitCount(inFirst: groups)
        cut.end = end(ofGroups: groups)
        return cut
    }

    /// Where the first `groups` groups end: `prefix(groups).end` without the copy.
    func end(ofGroups groups: Int) -> Int { start + Int(groupEnds[groups - 1]) }

    /// The run without its first two digits (the `00` of `0049 30 …`, or a `00` group of
    /// its own), read as the digits after a `+`; `nil` when nothing would be left.
    func droppingCallPrefix() -> DigitRun? {
        guard digitCount > 2, lengths[0] > 2 || groupCount >= 2 else { return nil }
        var r = self
        for k in 0..<(digitCount - 2) { r.digits[k] = digits[k + 2] }
        r.digitCount -= 2
        if lengths[0] > 2 {
            r.lengths[0] -= 2
        } else {
            for g in 0..<(groupCount - 1) {
                r.lengths[g] = lengths[g + 1]
                r.separators[g] = g == 0 ? 0 : separators[g + 1]
                r.groupEnds[g] = groupEnds[g + 1]
            }
            r.groupCount -= 1
            r.parens >>= 1
        }
        return r
    }

    func isParenthesized(_ group: Int) -> Bool { parens & (1 << UInt32(group)) != 0 }

    /// Digits in the first `groups` groups.
    func digitCount(inFirst groups: Int) -> Int {
        lengths.withBytes { lengths in
            var n = 0
            for g in 0..<groups { n &+= Int(lengths[g & 15]) }
            return n
        }
    }

    /// The one separator used between the first `groups` groups: 0 for a single group,
    /// `nil` when they are mixed or glued (`(`…`)`).
    func uniformSeparator(inFirst groups: Int) -> UInt8? {
        if groups <= 1 { return 0 }
        return separators.withBytes { separators in
            let s = separators[1]
            guard s != 0 else { return nil }
            for g in 2..<groups where separators[g & 15] != s { return nil }
            return s
        }
    }

    /// The value of `count` digits from `offset`, for range checks (area codes, IIN prefixes).
    func value(_ offset: Int, _ count: Int) -> Int {
        digits.withBytes { digits in
            var v = 0
            for k in offset..<(offset + count) { v = v * 10 + (k < digitCount ? Int(digits[k & 31]) : 0) }
            return v
        }
    }
}

extension PIIScan {
    /// Lexes the digit run starting at `start` (a digit, `+` or `(`).
    @inline(__always)
    func lexDigitRun(from start: Int) -> DigitRun {
        var run = DigitRun()
        lexDigitRun(from: start, into: &run)
        return run
    }

    /// The lexer, writing into the caller's run: returning one, it built the run on its own
    /// stack and copied it out (a `memcpy` call per run, at 172 bytes). Inlined into its two
    /// callers: out of line, the caller's run was still copied once more (another `memcpy`).
    @inline(__always)
    func lexDigitRun(from start: Int, into run: inout DigitRun) {
        run.start = start
        var i = start
        if at(i) == 0x2B {
            run.plus = true
            i += 1
        }
        var separator: UInt8 = 0
        while true {
            var q = i
            let paren = at(q) == 0x28
            if paren { q += 1 }
            guard isDigit(at(q)) else { break }
            let digitsStart = q
            // Digits are stored as they are read, as far as the limit; a group that does not
            // fit is wiped again below.
            q = readDigits(from: q, index: run.digitCount, into: &run.digits)
            if paren {
                guard at(q) == 0x29 else { break }
                q += 1
            }
            let length = q &- digitsStart &- (paren ? 1 : 0)
            if run.groupCount < DigitRun.maxGroups, run.digitCount &+ length <= DigitRun.maxDigits, !run.overflow {
                // (Both fit a byte: at most 24 digits, and 24 digits in 12 groups span under 64 bytes.)
                run.lengths[run.groupCount] = UInt8(truncatingIfNeeded: length)
                run.separators[run.groupCount] = separator
                if paren { run.parens |= 1 << UInt32(run.groupCount) }
                run.groupEnds[run.groupCount] = UInt8(truncatingIfNeeded: q &- start)
                run.groupCount &+= 1
                run.digitCount &+= length
            } else {
                // Longer than any value: stop here, so that hostile input (`1 1 1 1 …`) costs
                // a bounded amount per position and the scan stays linear.
                for k in run.digitCount..<DigitRun.maxDigits { run.digits[k] = 0 }
                run.overflow = true
                run.end = q
                break
            }
            run.end = q
            // A separator continues the run only if another group follows it.
            let c = at(q)
            var next = q
            separator = 0
            if c == 0x20 || c == 0x2D || c == 0x2E || c == 0x2F {
                separator = c
                next = q + 1
            }
            // Dots and slashes never mix with other separators inside one number: `5.23.1 112…`
            // is a version and then something else, `12/03 2024` a date and a year.
            if run.groupCount >= 2, separator != 0, run.separators[1] != 0, separator != run.separators[1],
               separator == 0x2E || separator == 0x2F || run.separators[1] == 0x2E || run.separators[1] == 0x2F {
                break
            }
            let n = at(next)
            guard isDigit(n) && (separator != 0 || paren) || n == 0x28 && isDigit(at(next + 1)) else { break }
            i = next
        }
    }

    /// Stores the values of the digits from `q` in `digits` from `index` (those below
    /// ``DigitRun/maxDigits``) and returns where they end: eight bytes a step. Bytes after
    /// the digits may be overwritten too.
    @inline(__always)
    func readDigits(from start: Int, index start_: Int, into digits: inout Bytes32) -> Int {
        var q = start
        var index = start_
        while q &+ 8 <= count {
            let values = UInt64(littleEndian: UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self))
                ^ 0x3030_3030_3030_3030
            let n = Lanes.nonDigits(values).trailingZeroBitCount &>> 3
            // All eight lanes stored: those past the digits are overwritten by the next
            // group's or lie past the run's digit count, where nothing reads.
            // (Unsigned, so that the compiler knows `index` is 0–23 and drops `store`'s clamp.)
            if UInt(bitPattern: index) < UInt(DigitRun.maxDigits) { digits.store(values, at: index) }
            index &+= n
            q &+= n
            if n < 8 { return q }
        }
        while q < count, base[q] &- 0x30 < 10 {
            if index < DigitRun.maxDigits { digits[index] = base[q] &- 0x30 }
            index &+= 1
            q &+= 1
        }
        return q
    }

    /// Whether the run ends at a boundary: nothing alphanumeric glued on, and not the
    /// integer part of a decimal or the start of a time (`12.5`, `1,000`, `10:30`).
    @inline(__always) func endsCleanly(_ end: Int) -> Bool {
        let n = at(end)
        if isAlnum(n) || n == 0x5F { return false }
        // (A comma is fine: CSV fields, and no thousands-grouped number starts with a long group.)
        if n == 0x2E || n == 0x3A || n == 0x2D || n == 0x2F, isDigit(at(end + 1)) { return false }
        return true
    }
}
