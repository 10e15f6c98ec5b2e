import CSafeReplaySIMD

/// BEARER_TOKEN and the API_KEY values found by context rather than by shape: the value
/// after `Bearer`, after an `Authorization` header, after keys named like secrets
/// (`api_key=`, `apiKey: "…"`, `secret=`, `password=`, `X-Api-Key:`), and bare strings too
/// random to be anything but a credential.
extension PIIScan {
    enum SecretKeyword {
        /// `password=…`: any non-placeholder value is the secret, however guessable.
        case password
        /// `api_key=…`, `client_secret: …`: random-looking values.
        case secret
    }

    /// A short word with no digits: maybe a keyword that introduces a secret. Words are
    /// matched case-insensitively with `_` and `-` ignored (`API_KEY`, `X-Api-Key`, `apiKey`);
    /// the last three letters pick the few keywords worth comparing, so running text costs
    /// one switch per word.
    /// Returns where scanning resumes when a value after the keyword was consumed.
    @discardableResult
    mutating func keyword(_ start: Int, _ end: Int) -> Int? {
        guard end &- start >= 3 else { return nil }
        // Keywords end in d, e, l, n, r, s, t or y: one bit test rejects most words.
        let lastLetterBit = UInt32(1) << UInt32(base[end &- 1] & 31)
        let keywordEndings: UInt32 = 1 << 4 | 1 << 5 | 1 << 12 | 1 << 14 | 1 << 18 | 1 << 19 | 1 << 20 | 1 << 25
        guard lastLetterBit & keywordEndings != 0 else { return nil }
        let tail = (UInt32(base[end &- 3]) << 16 | UInt32(base[end &- 2]) << 8 | UInt32(base[end &- 1])) | 0x20_2020
        switch tail {
        case 0x6B6579:  // key: api_key, x-api-key, secret_key, private_key, key
            // The tail test matched the last three bytes as letters: only what is before them
            // is left to compare.
            return secretValue(after: end, .secret, spaced: Self.onlyJoiners(base, start, end - 3) || isAPI(start, end - 3))
        case 0x726574:  // secret
            if let rest = Self.suffixMatch(base, start, end, "secret") {
                return secretValue(after: end, .secret, spaced: Self.onlyJoiners(base, start, rest))
            }
        case 0x6B656E:  // token
            if let rest = Self.suffixMatch(base, start, end, "token") {
                return secretValue(after: end, .secret, spaced: Self.onlyJoiners(base, start, rest))
            }
        case 0x6F7264:  // password
            if let rest = Self.suffixMatch(base, start, end, "password") {
                return secretValue(after: end, .password, spaced: Self.onlyJoiners(base, start, rest))
            }
        case 0x737764, 0x707764:  // passwd, pwd
            if Self.suffixMatch(base, start, end, "passwd") != nil || Self.suffixMatch(base, start, end, "pwd") != nil {
                return secretValue(after: end, .password, spaced: false)
            }
        case 0x617365, 0x6F6465:  // passphrase, passcode
            if Self.suffixMatch(base, start, end, "passphrase") != nil || Self.suffixMatch(base, start, end, "passcode") != nil {
                return secretValue(after: end, .password, spaced: false)
            }
        case 0x69616C, 0x616C73:  // credential(s)
            if Self.suffixMatch(base, start, end, "credential") != nil
                || Self.suffixMatch(base, start, end, "credentials") != nil {
                return secretValue(after: end, .secret, spaced: false)
            }
        case 0x726572:  // bearer
            if isOn(.bearerToken), isBearer(start, end) { return bearerToken(after: end) }
        case 0x696F6E:  // authorization
            // (The length first: most words ending in `ion` are shorter, and the match backwards
            // ran up to eight letters into `version` or `location` before failing.)
            if end &- start >= 13, isOn(.bearerToken), endsWithAuthorization(start, end) {
                return authorizationValue(after: end)
            }
        default:
            break
        }
        return nil
    }

    /// Whether `base[start..<end]` is `api` (see ``word(_:_:is:)``), the part before `key`;
    /// `api` and `api_` or `api-` (`apiKey`, `api_key`) by compares, not the generic match.
    @inline(__always) func isAPI(_ start: Int, _ end: Int) -> Bool {
        let length = end &- start
        if length == 3 || length == 4 && (base[end &- 1] == 0x5F || base[end &- 1] == 0x2D) {
            return base[start] | 0x20 == 0x61 && base[start &+ 1] | 0x20 == 0x70 && base[start &+ 2] | 0x20 == 0x69
        }
        return Self.isWord(base, start, end, "api")
    }

    /// Whether the word is `bearer` (see ``word(_:_:is:)``); the plain spelling by one load.
    /// (Through the generic match the literal was no constant: a call, a copy of the scan
    /// and a loop, ninety instructions.)
    @inline(__always) func isBearer(_ start: Int, _ end: Int) -> Bool {
        if end &- start == 6, end >= 8 {
            let v = UInt64(littleEndian: UnsafeRawPointer(base + (end - 8)).loadUnaligned(as: UInt64.self)) >> 16
            return v | 0x2020_2020_2020 == 0x72_6572_6165_62  // "bearer", first lowest
        }
        return Self.isWord(base, start, end, "bearer")
    }

    /// Whether the word ends with `authorization` (see ``word(_:_:endsWith:)``); the plain
    /// spelling by two loads, not thirteen bytes one at a time.
    @inline(__always) func endsWithAuthorization(_ start: Int, _ end: Int) -> Bool {
        if end >= 16 {
            let last = UInt64(littleEndian: UnsafeRawPointer(base + (end - 8)).loadUnaligned(as: UInt64.self))
            let before = UInt64(littleEndian: UnsafeRawPointer(base + (end - 16)).loadUnaligned(as: UInt64.self)) >> 24
            // "rization" and "autho", first lowest: a lane with 0x20 set equals a letter only if
            // it is that letter in either case.
            if last | 0x2020_2020_2020_2020 == 0x6E6F_6974_617A_6972, before | 0x20_2020_2020 == 0x6F_6874_7561 {
                return true
            }
        }
        return Self.suffixMatch(base, start, end, "authorization") != nil
    }

    mutating func secretValue(after end: Int, _ kind: SecretKeyword, spaced: Bool) -> Int? {
        isOn(.apiKey) ? keywordValue(after: end, kind, spaced: spaced) : nil
    }

    /// A value that is a JWT is reported as one, and scanned once: returns its end.
    mutating func jwtValue(at start: Int) -> Int? {
        guard isOn(.jwt), isJWTStart(start) else { return nil }
        return jwt(from: start)
    }

    /// Whether `base[start..<end]` ends with `suffix` (lower case), ignoring case, `_` and `-`.
    func word(_ start: Int, _ end: Int, endsWith suffix: StaticString) -> Bool {
        Self.suffixMatch(base, start, end, suffix) != nil
    }

    /// Whether `base[start..<end]` is `keyword` (lower case), ignoring case, `_` and `-`.
    func word(_ start: Int, _ end: Int, is keyword: StaticString) -> Bool {
        Self.isWord(base, start, end, keyword)
    }

    /// ``word(_:_:is:)`` for ``keyword(_:_:)``: static, as ``suffixMatch(_:_:_:_:)``, since
    /// from a mutating method each call to a non-mutating one took a copy of the scan.
    static func isWord(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ keyword: StaticString) -> Bool {
        guard let rest = suffixMatch(base, start, end, keyword) else { return false }
        return onlyJoiners(base, start, rest)
    }

    /// Whether `base[start..<end]` holds only `_` and `-`: what is left of a word before a
    /// keyword that ends it, when the word is that keyword. (Static, as ``suffixMatch(_:_:_:_:)``:
    /// a method called from ``keyword(_:_:)``, which is mutating, took a copy of the scan.)
    static func onlyJoiners(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for k in start..<end where base[k] != 0x5F && base[k] != 0x2D { return false }
        return true
    }

    /// Matches `suffix` (lower-case letters) backwards from `end`; returns where the match
    /// starts. Inlined: the literal's bytes become constants.
    @inline(__always)
    static func suffixMatch(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ suffix: StaticString) -> Int? {
        var k = end
        var m = suffix.utf8CodeUnitCount
        let p = suffix.utf8Start
        if m <= 8, end - start >= m, end >= 8 {
            // The last `m` bytes at once, from the eight that end at `end`: a lane equals its
            // letter with 0x20 set only if it is that letter in either case, never `_` or `-`.
            var packed: UInt64 = 0
            for k in 0..<m { packed |= UInt64(p[k]) << UInt64(8 * k) }
            let v = UInt64(littleEndian: UnsafeRawPointer(base + (end - 8)).loadUnaligned(as: UInt64.self))
                >> UInt64(8 * (8 - m))
            if v | 0x2020_2020_2020_2020 >> UInt64(8 * (8 - m)) == packed { return end - m }
        }
        while m > 0 {
            guard k > start else { return nil }
            let c = base[k - 1]
            k -= 1
            if c == 0x5F || c == 0x2D { continue }
            guard lowercased(c) == p[m - 1] else { return nil }
            m -= 1
        }
        return k
    }

    /// Values are read this far at most: a longer secret is masked in part, and hostile
    /// input (`key=key=key=…`) cannot make the scan quadratic.
    static let maxValueBytes = 512

    /// The end of the token characters from `start`, at most ``maxValueBytes`` on.
    func tokenEnd(from start: Int, allowingEquals: Bool) -> Int {
        let limit = start + Self.maxValueBytes
        var i = start
        while i < limit {
            // Runs of word bytes four at a time; the separators inside tokens one by one.
            i = min(longWordEnd(from: i), limit)
            guard i < limit, isTokenByte(at(i)) || allowingEquals && at(i) == 0x3D else { break }
            i += 1
        }
        return i
    }

    func isTokenByte(_ c: UInt8) -> Bool {
        isBase64URL(c) || c == 0x2E || c == 0x7E || c == 0x2B || c == 0x2F
    }

    /// `Bearer <token>` (RFC 6750's b64token).
    mutating func bearerToken(after end: Int) -> Int? {
        var i = end
        guard at(i) == 0x20 || at(i) == 0x09 else { return nil }
        while at(i) == 0x20 || at(i) == 0x09, i - end < 4 { i += 1 }
        let start = i
        if let jwtEnd = jwtValue(at: start) { return jwtEnd }
        i = tokenEnd(from: start, allowingEquals: false)
        while at(i) == 0x3D, i - start < Self.maxValueBytes { i += 1 }
        guard looksLikeToken(start, i) else { return nil }
        // Trailing dots stay in: `.` is a b64token character, even last (`…V1f..`), and a
        // full stop after a credential costs nothing to mask.
        report(start, i, .bearerToken, .bearer)
        return i
    }

    /// `Authorization: <scheme> <credentials>` or `Authorization: <token>`. A `Bearer`
    /// scheme is left to ``bearerToken(after:)``, which the scan reaches next.
    mutating func authorizationValue(after end: Int) -> Int? {
        var i = end
        if at(i) == 0x22 || at(i) == 0x27 { i += 1 }
        while at(i) == 0x20, i - end < 4 { i += 1 }
        guard at(i) == 0x3A || at(i) == 0x3D else { return nil }
        i += 1
        while at(i) == 0x20, i - end < 8 { i += 1 }
        if at(i) == 0x22 || at(i) == 0x27 { i += 1 }
        var start = i
        while isAlpha(at(i)) { i += 1 }
        if i > start, at(i) == 0x20, i - start <= 16, isTokenByte(at(i + 1)) {
            if word(start, i, is: "bearer") { return nil }
            start = i + 1  // a scheme (Basic, Digest, Token, …): the credentials follow
        }
        if let jwtEnd = jwtValue(at: start) { return jwtEnd }
        i = tokenEnd(from: start, allowingEquals: true)
        guard looksLikeToken(start, i) else { return nil }
        report(start, i, .bearerToken, .bearer)  // trailing dots included, as after `Bearer`
        return i
    }

    /// The value after a secret-named key: `key=value`, `key: value`, `"key": "value"`,
    /// and, for a few plain words, `key value`.
    mutating func keywordValue(after end: Int, _ kind: SecretKeyword, spaced: Bool) -> Int? {
        var i = end
        if at(i) == 0x22 || at(i) == 0x27 { i += 1 }  // the key's closing quote
        while at(i) == 0x20, i - end < 3 { i += 1 }
        var separated = false
        if at(i) == 0x3A || at(i) == 0x3D {
            separated = true
            i += 1
            while at(i) == 0x20, i - end < 6 { i += 1 }
        } else if !(spaced && at(i - 1) == 0x20) {
            return nil
        }
        var quote: UInt8 = 0
        if at(i) == 0x22 || at(i) == 0x27 {
            quote = at(i)
            i += 1
        }
        let start = i
        if let jwtEnd = jwtValue(at: start) { return jwtEnd }
        if kind == .password, separated {
            // Anything up to the closing quote, or to a delimiter when unquoted.
            while i < count, i - start < 256 {
                let c = base[i]
                if quote != 0 ? c == quote : (c <= 0x20 || c == 0x2C || c == 0x7D || c == 0x29 || c == 0x22
                    || c == 0x27 || c == 0x3C || (c == 0x26 || c == 0x3B) && startsNextField(i + 1)) {
                    break
                }
                i += 1
            }
            guard i - start >= 4, !isPlaceholder(start, i) else { return nil }
            report(start, i, .apiKey, .keywordSecret)
            return i
        }
        let valueEnd = trimTrailingDots(start, tokenEnd(from: start, allowingEquals: true))
        let minimum = separated ? 16 : 20
        let scan = self  // one copy for both calls (see ``email(at:)``)
        guard scan.isRandomLooking(start, valueEnd, minimumLength: minimum), !scan.isPlaceholder(start, valueEnd)
        else { return nil }
        report(start, valueEnd, .apiKey, .keywordSecret)
        return nil  // the value may itself hold a vendor key: let the scan read it too
    }

    /// Whether an `&` or `;` right before `i` ends an unquoted password: it does when the next
    /// field follows (`&next=1`, `;Database=x`) or nothing does (`pw=abc;` at the end, `; `),
    /// and not inside the value (`Tr0ub4dor&3`).
    func startsNextField(_ i: Int) -> Bool {
        var k = i
        while k < count, k - i < 64, isAlnum(base[k]) || base[k] == 0x5F || base[k] == 0x2D || base[k] == 0x2E {
            k += 1
        }
        return k == i || at(k) == 0x3D
    }

    /// A long word with no keyword before it: reported when it is random enough to be a
    /// credential and not a digest (`commit 3f2a…`, `sha=…`) or part of a file name.
    mutating func secretWord(_ start: Int, _ end: Int, _ flags: UInt8) {
        guard isOn(.apiKey), end - start >= 32, end - start <= 512,
              flags & (ByteClass.joiner | ByteClass.digit) == ByteClass.digit
        else { return }
        let before = at(start - 1), after = at(end)
        if before == 0x2E || before == 0x2F && at(start - 2) == 0x2F { return }
        if after == 0x2E, isAlpha(at(end + 1)) { return }
        guard isRandomLooking(start, end, minimumLength: 32, identifierCheck: true), !digestContext(before: start)
        else { return }
        report(start, end, .apiKey, .entropySecret)
    }

    /// Opaque credentials mix character classes and carry digits or symbols; words do not
    /// ("token_type=bearer Authorization: …", "the bearer of").
    func looksLikeToken(_ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n >= 8 else { return false }
        var mask: UInt8 = 0
        for k in start..<end {
            let c = base[k]
            mask |= isDigit(c) ? 1 : isUpper(c) ? 2 : isLower(c) ? 4 : 8
            if mask & 9 != 0, mask.nonzeroBitCount >= 2 { return true }
        }
        return mask.nonzeroBitCount >= 2 && n >= 20
    }

    /// How many of digits, upper case, lower case and other characters appear.
    func characterClasses(_ start: Int, _ end: Int) -> Int {
        var mask: UInt8 = 0
        for k in start..<end {
            let c = base[k]
            mask |= isDigit(c) ? 1 : isUpper(c) ? 2 : isLower(c) ? 4 : 8
        }
        return mask.nonzeroBitCount
    }

    /// Whether `base[start..<end]` looks machine-generated: mixed character classes that
    /// alternate often (random strings switch class at about every other character; words
    /// and camelCase identifiers rarely do), and enough distinct characters.
    func isRandomLooking(_ start: Int, _ end: Int, minimumLength: Int, identifierCheck: Bool = false) -> Bool {
        let n = end - start
        guard n >= minimumLength, n <= 1024 else { return false }
        // A prefix tells: randomness does not change along a token, and JWTs run to kilobytes.
        let window = min(n, 48)
        let stats = ClassStats(base + start, window)
        let digits = stats.digits, letters = stats.letters, hexOnly = !stats.notHex
        let classes = stats.classes, transitions = stats.transitions
        let mixedCaseHex = classes & ByteClass.upper != 0 && classes & ByteClass.lower != 0
        // (The distinct characters last, where every other test passed: the one count not
        // made sixteen bytes a step.)
        if hexOnly, !mixedCaseHex {
            // Random hex of 32 shows about 14 of its 16 symbols, digits and letters 5:3, and
            // switches between them at almost every other character.
            return digits * 8 >= window && letters * 8 >= window && transitions * 5 >= window
                && distinctBytes(start, window) >= min(8, window / 2)
        }
        // camelCase identifiers: runs of lower case, hardly a digit (`getUserSettings2`).
        // (Only without a keyword before it: after `api_key=` a value is a value.)
        if identifierCheck, digits <= 1, hasLowerRun(start, start + window) { return false }
        guard classes.nonzeroBitCount >= 2, classes & (ByteClass.digit | 8) != 0 else { return false }
        // Random base62 of 32 shows about 25 distinct characters, and five digits.
        return transitions * 10 >= window * 3 && distinctBytes(start, window) * 5 >= window * 2
    }

    /// How many different bytes the `count` bytes from `start` hold (bytes from 64 up are
    /// told apart by their low six bits only: tokens are ASCII, and 64–127 are the letters),
    /// by CSafeReplaySIMD.
    @inline(__always) func distinctBytes(_ start: Int, _ count: Int) -> Int {
        sr_distinct_bytes(base + start, count)
    }

    /// Whether `base[start..<end]` has five lower-case letters in a row. A pass of its own:
    /// in the counting loop it cost every token, and only a few reach the test.
    func hasLowerRun(_ start: Int, _ end: Int) -> Bool {
        var run = 0
        for k in start..<end {
            run = isLower(base[k]) ? run &+ 1 : 0
            if run >= 5 { return true }
        }
        return false
    }

    /// `YOUR_API_KEY`, `xxxxxxxx`, `********`, `<token>`, `${SECRET}`, `{{secret}}`, `null`.
    func isPlaceholder(_ start: Int, _ end: Int) -> Bool {
        let first = at(start)
        if first == 0x3C || first == 0x24 || first == 0x7B || first == 0x25 { return true }
        var same = true
        for k in start..<end where base[k] != first {
            same = false
            break
        }
        if same { return true }
        guard end - start <= PackedWord.capacity + 4, let word = PackedWord(base, start, end) else { return false }
        return Self.placeholderWords.contains(word)
    }

    static let placeholderWords = PackedWordSet([
        "null", "none", "nil", "undefined", "true", "false", "redacted", "hidden", "secret", "password",
        "changeme", "yourapikey", "yourtoken", "yoursecret", "yourpassword", "example", "placeholder",
    ])

    /// A token that ends a sentence keeps its final dot outside.
    func trimTrailingDots(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start + 1, at(e - 1) == 0x2E { e -= 1 }
        return e
    }
}
