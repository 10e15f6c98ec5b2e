/// Per-country plausibility for phone numbers: lengths and leading digits of the national
/// significant number (NSN) for the countries we check closely (US/NANP, GB, DE, FR, ES,
/// IT, NL, BR, JP, IN), and E.164's bounds for every other country code.
///
/// These are deliberately coarse: the aim is to tell a phone number from the order ids,
/// timestamps and barcodes around it, not to validate number ranges the way libphonenumber
/// does (and then go stale when a regulator opens a new range).
enum PhoneNumbering {
    /// The length of the country code at the start of `digits`: E.164 codes have one digit
    /// (1 and 7), two (those listed) or three. (A switch, which compiles to a bit test: a
    /// `Set<Int>` hashed the number at every international candidate.)
    static func countryCodeLength(_ first: Int, _ firstTwo: Int) -> Int {
        if first == 1 || first == 7 { return 1 }
        switch firstTwo {
        case 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55,
             56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98:
            return 2
        default:
            return 3
        }
    }

    /// The country codes ``plausibleNSN(_:_:from:_:)`` checks closely.
    static func isCheckedCountry(_ cc: Int) -> Bool {
        switch cc {
        case 1, 44, 49, 33, 34, 39, 31, 55, 81, 91: return true
        default: return false
        }
    }

    /// Countries whose national format puts a trunk `0` before the NSN (written `(0)` in
    /// international form by many sites).
    static func hasTrunkZero(_ cc: Int) -> Bool {
        switch cc {
        case 44, 49, 33, 31, 81, 91, 55, 43, 41, 32, 46, 47, 45, 48, 30, 351, 353, 61, 64, 27, 62, 66, 90, 86, 82, 84, 60:
            return true
        default:
            return false
        }
    }

    /// Whether the NSN (the digits after the country code and any trunk prefix), the `n`
    /// digits of `run` from `start`, is plausible for country code `cc`.
    static func plausibleNSN(_ cc: Int, _ run: DigitRun, from start: Int, _ n: Int) -> Bool {
        func nsn(_ k: Int) -> Int { run.digit(start + k) }
        let d0 = nsn(0), d1 = n > 1 ? nsn(1) : 0
        switch cc {
        case 1: return n == 10 && d0 >= 2 && nsn(3) >= 2
        case 44: return (9...10).contains(n) && d0 != 0
        case 49: return (7...12).contains(n) && d0 != 0
        case 33: return n == 9 && d0 != 0
        case 34: return n == 9 && d0 >= 5
        case 39: return (6...11).contains(n) && (d0 == 0 || d0 == 3 || d0 == 8)
        case 31: return n == 9 && d0 != 0
        case 55: return (n == 10 || (n == 11 && nsn(2) == 9)) && d0 != 0 && d1 != 0
        case 81: return (9...10).contains(n) && d0 != 0
        case 91: return n == 10 && d0 != 0
        default: return (6...13).contains(n)
        }
    }

    /// Whether a number written without a country code fits the national format of one of
    /// the countries we know. `lengths` are its digit groups.
    static func plausibleNational(_ run: DigitRun) -> Bool {
        let n = run.digitCount
        let d0 = run.digit(0), d1 = run.digit(1)
        let g = run.groupCount
        let firstParen = run.isParenthesized(0)
        func layout(_ expected: [UInt8]) -> Bool {
            guard expected.count == g else { return false }
            for k in 0..<g where run.lengths[k] != expected[k] { return false }
            return true
        }
        // NANP: NXX NXX XXXX, optionally after a 1.
        if n == 10, d0 >= 2, run.digit(3) >= 2,
           g == 1 || layout([3, 3, 4]) || layout([3, 7]) {
            return true
        }
        if n == 11, d0 == 1, d1 >= 2, run.digit(4) >= 2, g == 1 || layout([1, 3, 3, 4]) { return true }
        // Trunk 0 (GB, DE, FR, NL, JP, IN and BR landlines, IT with its leading 0).
        if d0 == 0, d1 != 0, (9...12).contains(n) { return true }
        // India mobiles.
        if n == 10, d0 >= 6, g == 1 || layout([5, 5]) || layout([3, 3, 4]) || layout([4, 3, 3]) { return true }
        // Spain: 9 digits from 6–9.
        if n == 9, d0 >= 6, g == 1 || layout([3, 2, 2, 2]) || layout([3, 3, 3]) || layout([2, 3, 2, 2]) { return true }
        // Italy mobiles: 3xx.
        if d0 == 3, (9...11).contains(n), g == 1 || run.lengths[0] == 3 { return true }
        // Brazil without trunk: (AA) NNNN-NNNN or AA NNNNN-NNNN.
        if d0 != 0, d1 != 0, run.lengths[0] == 2, g >= 2 || firstParen,
           n == 10 || (n == 11 && run.digit(2) == 9) {
            return true
        }
        return false
    }
}
