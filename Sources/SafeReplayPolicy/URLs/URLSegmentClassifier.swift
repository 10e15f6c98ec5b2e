// Which path segments (and parameter names, plain fragments) are identifiers.

/// What a decoded path segment is replaced by, if anything.
enum SegmentTemplate: Equatable {
    case keep
    case id
    case uuid
    case email
    case token
    /// A detector's finding, already spelled as a placeholder (`:phone`).
    case detected(String)

    var placeholder: String? {
        switch self {
        case .keep: return nil
        case .id: return ":id"
        case .uuid: return ":uuid"
        case .email: return ":email"
        case .token: return ":token"
        case .detected(let p): return p
        }
    }

    /// Appends the placeholder; false for `keep`.
    @inline(__always)
    func write(into out: inout ByteWriter) -> Bool {
        switch self {
        case .keep: return false
        case .id: out.append(":id")
        case .uuid: out.append(":uuid")
        case .email: out.append(":email")
        case .token: out.append(":token")
        case .detected(let p): out.append(string: p)
        }
        return true
    }
}

enum SegmentClassifier {
    /// Classifies a decoded segment.
    ///
    /// - numbers (ASCII digits only) → `:id`; a UUID (8-4-4-4-12 hex) → `:uuid`;
    /// - anything with `@` between two non-empty sides → `:email`;
    /// - a long hex or base64url run anywhere in the segment → `:token` (the whole segment):
    ///   a run of hex digits and `-` holding ≥ 16 hex digits (with ≥ 4 decimal digits when
    ///   dashed, so `face-bead-cafe-deaf` is a word list), a dash- and underscore-free word of
    ///   ≥ 16 characters mixing letters and digits, any word of ≥ 32 characters, or a run
    ///   over the base64url alphabet (plus `+`) of ≥ 20 characters with upper-case,
    ///   lower-case letters and digits;
    /// - otherwise whatever `flag` (the PII detectors) reports.
    ///
    /// With `structural: false` (paths under `keepPaths`, allowlisted parameter values) only
    /// the email rule and the detectors apply: fail closed for personal data, keep the rest.
    static func classify(
        _ d: UnsafeBufferPointer<UInt8>, structural: Bool, flag: URLCanonicalizer.Flagger?
    ) -> SegmentTemplate {
        let (template, askDetector) = structuralClass(d, structural: structural)
        if let template { return template }
        if askDetector, let flag, let placeholder = flag(String(decoding: d, as: UTF8.self)) { return .detected(placeholder) }
        return .keep
    }

    /// The rules that need no detector: a template, or whether the detectors could find
    /// anything. They cannot in text with no `@`, no `:`, fewer than four digits (an IP
    /// address has four; phones, cards, SSNs and IBANs more) and, if 16 bytes or longer,
    /// nothing but lower-case letters, digits, `-` and `.` (keys and JWTs mix case or use
    /// `_`): such slugs and words skip the call.
    @inline(__always)
    static func structuralClass(_ d: UnsafeBufferPointer<UInt8>, structural: Bool) -> (SegmentTemplate?, askDetector: Bool) {
        var digits = 0
        var hasAt = false
        var hasColon = false
        var nonPlain = false
        for b in d {
            if ASCII.isDigit(b) {
                digits += 1
            } else if b == ASCII.at {
                hasAt = true
            } else if b == ASCII.colon {
                hasColon = true
            } else if !(ASCII.isLower(b) || b == ASCII.minus || b == ASCII.dot) {
                nonPlain = true
            }
        }
        return structuralClass(d, structural: structural, digits: digits, hasAt: hasAt, hasColon: hasColon, nonPlain: nonPlain)
    }

    /// The same, with the counts already taken.
    @inline(__always)
    static func structuralClass(
        _ d: UnsafeBufferPointer<UInt8>, structural: Bool, digits: Int, hasAt: Bool, hasColon: Bool, nonPlain: Bool
    ) -> (SegmentTemplate?, askDetector: Bool) {
        let n = d.count
        if n == 0 { return (.keep, false) }
        if structural {
            if digits == n { return (.id, false) }
            if n == 36, isUUID(d) { return (.uuid, false) }
        }
        if hasAt, isEmailLike(d) { return (.email, false) }
        if structural, n >= 16, mayHoldToken(d, digits: digits, nonPlain: nonPlain), hasTokenRun(d) { return (.token, false) }
        return (nil, hasAt || hasColon || digits >= 4 || (n >= 16 && nonPlain))
    }

    /// Whether `PIIDetector` cannot flag `d`: under 16 bytes of lower-case letters, digits,
    /// `-` and `.` only, with fewer than 7 digits, fewer than three dots and no `xox` start.
    /// What each detector needs at least, none of which such text holds: an `@` (email), 12
    /// digits (card), 9 (SSN, national phone), 8 (international phone), 13 in 15 bytes (the
    /// shortest IBAN), three dots (IPv4) or a `:` (IPv6), upper case (`eyJ` JWTs, `AKIA` and
    /// other vendor keys), `_` (`sk_live_`, `ghp_`, …), a space, `:` or `=` after a keyword
    /// (bearer, `token=`), 20+ bytes (`sk-`, `xapp-`, `glpat-`, random-looking words), and
    /// Slack's `xox?-` at 15 bytes: the one vendor key this short, hence the prefix test.
    /// `URLFastPathTests` checks this against the detectors on random text.
    static func detectorsCannotFlag(_ d: UnsafeBufferPointer<UInt8>, digits: Int) -> Bool {
        guard d.count < 16, digits < 7 else { return false }
        if d.count >= 3, d[0] == UInt8(ascii: "x"), d[1] == UInt8(ascii: "o"), d[2] == UInt8(ascii: "x") { return false }
        var dots = 0
        for b in d {
            guard ASCII.isLower(b) || ASCII.isDigit(b) || b == ASCII.minus || b == ASCII.dot else { return false }
            if b == ASCII.dot { dots += 1 }
        }
        return dots < 3
    }

    /// A quick pass for the common slug (`trail-running-shoes`): with no digits and nothing
    /// but lower-case letters, `-` and `.`, only a word of 16 or more letters can be a token.
    @inline(__always)
    static func mayHoldToken(_ d: UnsafeBufferPointer<UInt8>, digits: Int, nonPlain: Bool) -> Bool {
        if digits > 0 || nonPlain { return true }
        var word = 0
        for b in d {
            if ASCII.isLower(b) {
                word += 1
                if word >= 16 { return true }
            } else {
                word = 0
            }
        }
        return false
    }

    /// 8-4-4-4-12 hex digits: four words and the one that ends the text, each with the
    /// dashes it must hold (at 8 and 13, 18 and 23) and hex digits in every other byte.
    static func isUUID(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
        guard d.count == 36, let p = d.baseAddress else { return false }
        @inline(__always) func holds(_ i: Int, dashes: UInt64) -> Bool {
            let w = word(p, i)
            let hex = bytes(w, in: 0x30, 0x39) | bytes(w | 0x2020_2020_2020_2020, in: 0x61, 0x66)
            return (hex & ~dashes) | (bytes(w, in: 0x2D, 0x2D) & dashes) == wordHighBits
        }
        return holds(0, dashes: 0) && holds(8, dashes: 0x0000_8000_0000_0080) && holds(16, dashes: 0x8000_0000_0080_0000)
            && holds(24, dashes: 0) && holds(28, dashes: 0)
    }

    /// An `@` with something on both sides.
    static func isEmailLike(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
        guard d.count >= 3 else { return false }
        for i in 1..<(d.count - 1) where d[i] == ASCII.at { return true }
        return false
    }

    /// One pass: tracks the current hex(-dash) run, the current word and the current
    /// base64url run.
    static func hasTokenRun(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
        // All hex (`/reset/9f86d081…`): one hex run of 16 or more, without the byte loop.
        if d.count >= 16, isAllHex(d) { return true }
        // hex-and-dash run
        var hexCount = 0, hexDecimal = 0, hexDashes = 0
        // word (no separators)
        var wordLength = 0, wordDigit = false, wordLetter = false
        // base64url run
        var runLength = 0, runUpper = false, runLower = false, runDigit = false

        @inline(__always) func hexRunIsToken() -> Bool {
            hexCount >= 16 && (hexDashes == 0 || hexDecimal >= 4)
        }
        for b in d {
            let digit = ASCII.isDigit(b)
            let upper = ASCII.isUpper(b)
            let lower = ASCII.isLower(b)
            let separator = b == ASCII.minus || b == ASCII.underscore || b == ASCII.plus
            // Hex run: hex digits and dashes.
            if ASCII.isHex(b) {
                hexCount += 1
                if digit { hexDecimal += 1 }
            } else if b == ASCII.minus {
                hexDashes += 1
            } else {
                if hexRunIsToken() { return true }
                hexCount = 0; hexDecimal = 0; hexDashes = 0
            }
            // Word: letters and digits.
            if digit || upper || lower {
                wordLength += 1
                if digit { wordDigit = true } else { wordLetter = true }
            } else {
                if wordLength >= 32 || (wordLength >= 16 && wordDigit && wordLetter) { return true }
                wordLength = 0; wordDigit = false; wordLetter = false
            }
            // Base64url run: letters, digits, `-`, `_`, `+`.
            if digit || upper || lower || separator {
                runLength += 1
                if digit { runDigit = true } else if upper { runUpper = true } else if lower { runLower = true }
            } else {
                if runLength >= 20 && runUpper && runLower && runDigit { return true }
                runLength = 0; runUpper = false; runLower = false; runDigit = false
            }
        }
        if hexRunIsToken() { return true }
        if wordLength >= 32 || (wordLength >= 16 && wordDigit && wordLetter) { return true }
        if runLength >= 20 && runUpper && runLower && runDigit { return true }
        return false
    }
}
