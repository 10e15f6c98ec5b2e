/// IBAN: country code, two check digits and a BBAN of the country's registered length,
/// electronic (`DE89370400440532013000`) or printed in fours (`DE89 3704 0044 0532 0130 00`,
/// or with dashes), with the ISO 7064 mod-97 checksum. Letters in either case: people type
/// `de89…` and banks' forms accept it, so a case rule would let those through unmasked.
extension PIIScan {
    /// IBAN lengths by country (SWIFT IBAN registry) in a 26×26 table indexed by the two
    /// letters; 0 for codes that issue no IBANs.
    static let ibanLengths: [UInt8] = {
        let table: [(StaticString, UInt8)] = [
            ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22),
            ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24),
            ("DE", 22), ("DJ", 27), ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18),
            ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27),
            ("GT", 28), ("HR", 21), ("HU", 28), ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27),
            ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20), ("LU", 20),
            ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19), ("MN", 20), ("MR", 27),
            ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24), ("PL", 28),
            ("PS", 29), ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
            ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28),
            ("TL", 23), ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
        ]
        var out = [UInt8](repeating: 0, count: 26 * 26)
        for (code, length) in table {
            code.withUTF8Buffer { out[Int($0[0] - 0x41) * 26 + Int($0[1] - 0x41)] = length }
        }
        return out
    }()

    mutating func iban(from start: Int) -> Int? {
        guard !isAlnum(at(start - 1)) else { return nil }
        // The caller checked the first two bytes are letters; `| 0x20` folds them to lower case.
        let length = Int(Self.ibanLengths[Int((base[start] | 0x20) - 0x61) * 26 + Int((base[start + 1] | 0x20) - 0x61)])
        guard length > 0 else { return nil }
        // Read the characters, electronic or in groups of four separated by single spaces or
        // dashes (one kind throughout), into the checksum as they come, letters folded to upper
        // case; the first four go last (see ``mod97(_:_:)``).
        var head: UInt32 = 0
        var remainder: UInt64 = 0
        var n = 0
        var i = start
        var separator: UInt8 = 0
        while n < length {
            // Four digits from one load (the BBAN is mostly digits): into the checksum at once.
            if n >= 4, n &+ 4 <= length, i &+ 4 <= count {
                let x = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)) ^ 0x3030_3030
                // (The four upper lanes of the widened word are zero: digits.)
                if Lanes.nonDigits(UInt64(x)) == 0 {
                    let pairs = (x &* 10 &+ (x >> 8)) & 0x00FF_00FF
                    let value = (pairs &* 100 &+ (pairs >> 16)) & 0xFFFF
                    Self.mod97(&remainder, fourDigits: value)
                    n &+= 4
                    i &+= 4
                    continue
                }
            }
            let c = at(i)
            if isDigit(c) || isAlpha(c) {
                let folded = isDigit(c) ? c : c & 0xDF
                if n < 4 { head = head << 8 | UInt32(folded) } else { Self.mod97(&remainder, folded) }
                n += 1
                i += 1
            } else if c == 0x20 || c == 0x2D, n % 4 == 0, n > 0, separator == 0 || separator == c, isAlnum(at(i + 1)) {
                // Printed form: a separator only on a group boundary.
                separator = c
                i += 1
            } else {
                return nil
            }
        }
        guard !isAlnum(at(i)), at(i) != 0x5F else { return nil }
        // Mixed forms (`DE89 37040044…`) are not IBANs as people write them.
        let printed = i - start > length
        if printed, i - start != length + (length - 1) / 4 { return nil }
        for shift in stride(from: 24, through: 0, by: -8) { Self.mod97(&remainder, UInt8(truncatingIfNeeded: head >> shift)) }
        guard remainder % 97 == 1 else { return nil }
        report(start, i, .iban, .iban)
        return i
    }

    /// One character into an ISO 7064 mod 97-10 checksum (the IBAN's first four characters
    /// moved to the end, letters as 10–35). The remainder is reduced only when it grows
    /// large: `(r * 100 + d) mod 97` is the same whether or not `r` was reduced first, and a
    /// division per character was most of the cost.
    @inline(__always) static func mod97(_ remainder: inout UInt64, _ c: UInt8) {
        remainder = isDigit(c) ? remainder &* 10 &+ UInt64(c &- 0x30) : remainder &* 100 &+ UInt64(c &- 0x41 &+ 10)
        if remainder >= 1 << 50 { remainder %= 97 }
    }

    /// Four digits (their value, 0–9999) into the checksum.
    @inline(__always) static func mod97(_ remainder: inout UInt64, fourDigits value: UInt32) {
        remainder = remainder &* 10_000 &+ UInt64(value)
        if remainder >= 1 << 50 { remainder %= 97 }
    }
}
