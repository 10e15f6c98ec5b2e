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

    static func isUUID(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
        guard d.count == 36 else { return false }
        for i in 0..<36 {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if d[i] != ASCII.minus { return false }
            } else if !ASCII.isHex(d[i]) {
                return false
            }
        }
        return true
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
