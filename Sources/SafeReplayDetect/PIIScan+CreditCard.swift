/// CREDIT_CARD: 12–19 digits, plain or grouped by one kind of separator (space or dash),
/// whose prefix and length match a brand's IIN range and whose Luhn checksum holds.
extension PIIScan {
    /// Whether the first `count` digits of `run` (at most 24) pass the Luhn checksum.
    /// Eight digits a step: a doubled digit d adds 2d, less 9 when d is 5 or more.
    static func luhnValid(_ run: DigitRun, _ count: Int) -> Bool {
        // Doubled: every second digit back from the last, the indices of `count`'s parity
        // (the same lanes in every word).
        let doubledLanes: UInt64 = count & 1 == 0 ? 0x00FF_00FF_00FF_00FF : 0xFF00_FF00_FF00_FF00
        return run.digits.withBytes { digits in
            var sum = 0
            var k = 0
            // k is 0, 8 or 16 (24 with 25 or more digits, which no caller passes): the eight
            // bytes read stay within the 32.
            while k < count {
                var lanes = UInt64(littleEndian: digits.loadUnaligned(fromByteOffset: k & 24, as: UInt64.self))
                // Bytes past the digits hold anything (see readDigits): cleared.
                let left = count &- k
                if left < 8 { lanes &= (1 &<< UInt64(truncatingIfNeeded: left &* 8)) &- 1 }
                let doubled = lanes & doubledLanes
                // 0x7B + d reaches 0x80 exactly when d >= 5 (lanes are 0–9: nothing carries, and
                // the cleared lanes stay at 0x7B).
                let fivesOrMore = (doubled &+ 0x7B7B_7B7B_7B7B_7B7B) & 0x8080_8080_8080_8080
                // Lanes of at most 18, summed into the top byte by the multiply (at most 144).
                sum &+= Int(truncatingIfNeeded: ((lanes &+ doubled) &* 0x0101_0101_0101_0101) &>> 56)
                sum &-= 9 &* fivesOrMore.nonzeroBitCount
                k &+= 8
            }
            return sum % 10 == 0
        }
    }

    /// IIN ranges and lengths of the major brands (ISO/IEC 7812 registrations as the
    /// schemes publish them): bit n set when a brand issues n-digit numbers (12–19) starting
    /// with the run's first six digits. One mask a run, as every prefix of it shares them.
    @inline(__always) static func cardLengths(_ run: DigitRun) -> UInt32 {
        // The shorter prefixes from the six-digit one (read only for runs of 12 digits or more,
        // so the first eight bytes are all digits): pairs of digits from one load, not six
        // steps of `value(_:_:)`.
        let p6 = run.digits.withBytes { digits -> Int in
            let x = UInt64(littleEndian: digits.loadUnaligned(as: UInt64.self))
            // Lane 2k becomes 10 d(2k) + d(2k+1) (at most 99: nothing carries into the next).
            let pairs = (x &* 10 &+ (x &>> 8)) & 0x00FF_00FF_00FF_00FF
            return Int(truncatingIfNeeded: (pairs & 0xFF) &* 10_000 &+ (pairs &>> 16 & 0xFF) &* 100 &+ (pairs &>> 32 & 0xFF))
        }
        return cardLengths(prefix: p6)
    }

    /// ``cardLengths(_:)`` for a run whose first six digits are `p6`.
    @inline(__always) static func cardLengths(prefix p6: Int) -> UInt32 {
        let p4 = p6 / 100, p3 = p6 / 1_000, p2 = p6 / 10_000, p1 = p6 / 100_000
        func length(_ n: UInt32) -> UInt32 { 1 << n }
        func atLeast(_ n: UInt32) -> UInt32 { (1 << 20) - (1 << n) }
        switch p1 {
        case 4:  // Visa (13 and 19 digits included)
            return length(13) | length(16) | length(19)
        case 5:
            if (51...55).contains(p2) { return length(16) }  // Mastercard
            if p2 == 50 || (56...59).contains(p2) { return atLeast(12) }  // Maestro
            return 0
        case 2:
            if (2221...2720).contains(p4) { return length(16) }  // Mastercard 2-series
            if (2200...2204).contains(p4) { return atLeast(16) }  // Mir
            if p4 == 2131 { return length(15) }  // JCB (early 15-digit range)
            return 0
        case 1:
            return p4 == 1800 ? length(15) : 0  // JCB (early 15-digit range)
        case 3:
            if p2 == 34 || p2 == 37 { return length(15) }  // American Express
            if p2 == 35 { return atLeast(16) }  // JCB (3528–3589, and test ranges around it)
            if (300...305).contains(p3) || p3 == 309 || p2 == 36 || p2 == 38 || p2 == 39 {
                return atLeast(14)  // Diners Club
            }
            return 0
        case 6:
            if p4 == 6011 || (644...649).contains(p3) || p2 == 65 { return atLeast(16) }  // Discover
            if (622126...622925).contains(p6) || p2 == 62 { return atLeast(16) }  // UnionPay
            return atLeast(12)  // Maestro (6x) and other 6-series debit
        case 0:
            // 0604: a Maestro range in the IIN lists test-data generators (Faker) draw on, so
            // pages built from them show it; twelve or more Luhn-valid digits there are masked.
            return p4 == 604 ? atLeast(12) : 0
        default:
            return 0
        }
    }

    /// A card in `run`: the whole run, or its first groups when they already make a
    /// complete card layout or what follows is set off by a different separator
    /// (`4111-1111-1111-1111 2024`). Returns the end. An overflowing run (more digits than
    /// any value) is only ever matched in part.
    func cardEnd(in run: DigitRun) -> Int? {
        guard !run.plus, run.parens == 0, run.digitCount >= 12 else { return nil }
        // Most runs start where no brand issues numbers (timestamps, ids): done before any
        // per-prefix work.
        let brandLengths = Self.cardLengths(run)
        guard brandLengths != 0 else { return nil }
        var groups = run.groupCount
        // Digits in the first `groups` groups, one group's less a step (not recounted).
        var n = run.digitCount
        while groups >= 1 {
            if n < 12 { return nil }
            if n <= 19, brandLengths & (1 << UInt32(n)) != 0,
               let sep = run.uniformSeparator(inFirst: groups), sep == 0 || sep == 0x20 || sep == 0x2D,
               groups == run.groupCount && !run.overflow || groups == 1 || run.separators[groups] != sep
                || Self.isCompleteCardLayout(run, groups, digits: n),
               Self.cardGroupingLooksReal(run, groups), Self.luhnValid(run, n) {
                return run.end(ofGroups: groups)
            }
            groups -= 1
            n -= Int(run.lengths[groups])
        }
        return nil
    }

    /// 4-4-4-4, 4-4-4-4-3, 4-6-5, 4-6-4: layouts that end a card by themselves (`n` digits
    /// in the first `groups` groups).
    static func isCompleteCardLayout(_ run: DigitRun, _ groups: Int, digits n: Int) -> Bool {
        if groups == 3 { return run.lengths[1] == 6 && (n == 15 || n == 14) }
        return (groups == 4 && n == 16) || (groups == 5 && n == 19)
    }

    /// Cards are printed in fours (the last group shorter), or 4-6-5 / 4-6-4 (Amex, Diners).
    static func cardGroupingLooksReal(_ run: DigitRun, _ groups: Int) -> Bool {
        if groups == 1 { return true }
        if groups == 3, run.lengths[0] == 4, run.lengths[1] == 6, run.lengths[2] == 5 || run.lengths[2] == 4 {
            return true
        }
        for g in 0..<(groups - 1) where run.lengths[g] != 4 { return false }
        return run.lengths[groups - 1] >= 1 && run.lengths[groups - 1] <= 4
    }
}
