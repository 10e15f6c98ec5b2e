/// PHONE: international (`+CC …`) and national formats, with per-country plausibility
/// (see ``PhoneNumbering``) and optional extensions (`x209`, `ext. 4230`).
extension PIIScan {
    /// A phone number starting at a `+` or `(`: reports it and returns its end.
    mutating func phoneRun(from start: Int) -> Int? {
        let run = lexDigitRun(from: start)
        guard let end = phoneEnd(in: run) else { return nil }
        report(start, end, .phone, .phone)
        return end
    }

    /// The end of the phone number `run` holds (with any extension), or `nil`. After a `+`
    /// the longest plausible prefix counts (`+33 5 96 13 69 22 4694 3682…` is a number and
    /// then something else); a national number must be the whole run.
    func phoneEnd(in run: DigitRun) -> Int? {
        guard run.groupCount >= 1 else { return nil }
        if run.plus { return internationalEnd(in: run) }
        // `0049 30 …`, `0033 1 …`: the `00` international call prefix in place of the `+`, for
        // the countries checked closely (others' coarse bounds would take zero-padded ids).
        if run.digit(0) == 0, run.digit(1) == 0, run.digit(2) != 0, run.lengths[0] >= 2, !run.isParenthesized(0),
           let dialled = run.droppingCallPrefix(),
           PhoneNumbering.isCheckedCountry(dialled.value(0, PhoneNumbering.countryCodeLength(dialled.digit(0), dialled.value(0, 2)))),
           let end = internationalEnd(in: dialled) {
            return identifierContext(before: run.start) ? nil : end
        }
        guard let numberEnd = nationalNumberEnd(in: run) else { return nil }
        // Checked last: the words before are only read for a number that fits.
        if !run.isParenthesized(0), identifierContext(before: run.start) { return nil }
        return finishedPhone(numberEnd)
    }

    /// The longest plausible international number at the start of `run` (after its `+`).
    func internationalEnd(in run: DigitRun) -> Int? {
        var groups = run.groupCount
        // Digits in the first `groups` groups, one group's less a step; a prefix is copied
        // (124 bytes) only when its count can pass (8–16 digits, see internationalPlausible).
        var digits = run.digitCount
        while groups >= 1 {
            if digits < 8 { return nil }
            if digits <= 16, groups == 1 || run.lengths[groups - 1] >= 2, internationalPlausible(run.prefix(groups)) {
                return finishedPhone(run.end(ofGroups: groups))
            }
            groups -= 1
            digits -= Int(run.lengths[groups])
        }
        return nil
    }

    /// The end of the whole run when it is a national number, or else of its longest such
    /// prefix that a space sets off (`910 454 099 71.4%`), unless the run is grouped in fours
    /// throughout (card-like, never read in part). (An end, not the run: a copy of 124 bytes.)
    func nationalNumberEnd(in run: DigitRun) -> Int? {
        if !run.overflow, nationalPlausible(run) { return run.end }
        // (A single group has no prefix to try.)
        guard run.groupCount > 1, !run.isGroupedInFours else { return nil }
        var groups = run.groupCount - 1
        // As in internationalEnd: no copy for a prefix of more than 12 digits (see
        // nationalLayoutPlausible).
        var digits = run.digitCount - Int(run.lengths[groups])
        while groups >= 1 {
            if run.separators[groups] == 0x20 {
                if digits < 9 { return nil }
                if digits <= 12, nationalPlausible(run.prefix(groups)) { return run.end(ofGroups: groups) }
            }
            groups -= 1
            digits -= Int(run.lengths[groups])
        }
        return nil
    }

    func nationalPlausible(_ run: DigitRun) -> Bool {
        // The digit count first, here: most runs fail it, and the layout check is a call.
        (9...12).contains(run.digitCount) && (run.groupCount == 1 || run.lengths[run.groupCount - 1] >= 2) && nationalLayoutPlausible(run)
            && PhoneNumbering.plausibleNational(run)
    }

    /// The end of a number ending at `numberEnd`, with any extension, if nothing is glued on.
    func finishedPhone(_ numberEnd: Int) -> Int? {
        let end = extensionEnd(after: numberEnd) ?? numberEnd
        return endsCleanly(end) ? end : nil
    }

    func internationalPlausible(_ run: DigitRun) -> Bool {
        let total = run.digitCount
        guard (8...16).contains(total) else { return false }
        let ccLength = PhoneNumbering.countryCodeLength(run.digit(0), run.value(0, 2))
        guard Int(run.lengths[0]) >= ccLength, !run.isParenthesized(0) else { return false }
        let cc = run.value(0, ccLength)
        // The NSN: digits after the code, minus a trunk `(0)` (or a bare leading 0 that
        // trunk-prefix countries' users often keep); either is the digit right after the
        // code, so the NSN is the run's digits from there, read in place.
        var trunkZero = false
        run.lengths.withBytes { lengths in
            var digitIndex = 0
            for g in 0..<run.groupCount {
                let length = Int(lengths[g & 15])
                if digitIndex == ccLength, length == 1, run.isParenthesized(g), run.digit(digitIndex) == 0 {
                    trunkZero = true
                }
                digitIndex += length
            }
        }
        if !trunkZero, PhoneNumbering.hasTrunkZero(cc), run.digit(ccLength) == 0 { trunkZero = true }
        let nsnStart = trunkZero ? ccLength + 1 : ccLength
        let n = total - nsnStart
        guard n >= 4, ccLength + n <= 15 else { return false }
        return PhoneNumbering.plausibleNSN(cc, run, from: nsnStart, n)
    }

    /// Group shapes a written phone number has: a first group of two or more digits (or the
    /// NANP `1`), and dots only in the US `555.123.4567` and French `01.23.45.67.89` styles.
    func nationalLayoutPlausible(_ run: DigitRun) -> Bool {
        let n = run.digitCount
        guard (9...12).contains(n) else { return false }
        let g = run.groupCount
        if run.lengths[0] < 2, !(run.lengths[0] == 1 && run.digit(0) == 1 && n == 11) { return false }
        // No group in parentheses after the first.
        if g > 1, run.parens & ((1 << UInt32(g)) - 2) != 0 { return false }
        var dots = 0, slashes = 0
        run.separators.withBytes { separators in
            for k in 1..<max(g, 1) {
                if separators[k & 15] == 0x2E { dots += 1 }
                if separators[k & 15] == 0x2F { slashes += 1 }
            }
        }
        if slashes > 1 || (slashes == 1 && run.separators[1] != 0x2F) { return false }
        // 4-4-4 in spaces is how cards, IBANs and tracking numbers print, not phone numbers.
        if g >= 3, run.isGroupedInFours, run.lengths[g - 1] == 4 { return false }
        if dots > 0 {
            guard dots == g - 1 else { return false }
            let usStyle = g == 3 && run.lengths[0] == 3 && run.lengths[1] == 3 && run.lengths[2] == 4
                || g == 4 && run.lengths[0] == 1 && run.digit(0) == 1 && run.lengths[1] == 3 && run.lengths[2] == 3
                && run.lengths[3] == 4
            var frStyle = g == 5
            for k in 0..<g where run.lengths[k] != 2 { frStyle = false }
            return usStyle || frStyle
        }
        return true
    }

    /// An extension right after a number: `x209`, ` x209`, ` ext. 4230`, ` ext 12`, `ext.12`.
    func extensionEnd(after end: Int) -> Int? {
        var i = end
        if at(i) == 0x20 { i += 1 }
        if at(i) | 0x20 == 0x78 {
            i += 1
        } else if at(i) | 0x20 == 0x65, at(i + 1) | 0x20 == 0x78, at(i + 2) | 0x20 == 0x74 {
            i += 3
            if at(i) == 0x2E { i += 1 }
            if at(i) == 0x20 { i += 1 }
        } else {
            return nil
        }
        let digitsStart = i
        while isDigit(at(i)), i - digitsStart < 7 { i += 1 }
        let length = i - digitsStart
        guard length >= 1, length <= 6, !isAlnum(at(i)) else { return nil }
        return i
    }
}
