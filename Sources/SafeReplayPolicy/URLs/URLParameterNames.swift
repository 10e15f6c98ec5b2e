// The parameter names that carry credentials and session identifiers. A parameter with one
// of these names is removed from a canonical URL (name and value), whatever the policy's
// `urls.allowParameters` says.
//
// Written as comparisons against string literals rather than tables: this runs for every
// parameter of every URL, and literals cost no lazy initialization and no allocation. The
// compiler folds each literal into a word constant (`literalWord`), so most comparisons are
// one or two instructions on the name's first 16 bytes.

enum CredentialNames {
    /// Whether a decoded parameter name is a credential. The name is compared normalized:
    /// ASCII lower-case, `-`, `.` and space read as `_`, a trailing `[…]` (PHP arrays) and
    /// surrounding `_` ignored. So `Token`, `X-AMZ-SIGNATURE`, `access.token`, `token[]`
    /// and `%74oken` (decoded before this) all match.
    ///
    /// Matches:
    /// - exactly: `token`, `access_token`, `id_token`, `refresh_token`, `code`, `state`,
    ///   `session`, `sessionid`, `session_id`, `sid`, `jsessionid`, `phpsessid`, `auth`, `key`,
    ///   `api_key`, `apikey`, `password`, `pwd`, `secret`, `signature`, `sig`; `pass`,
    ///   `passwd`, `passcode`, `nonce`, `otp`, `pin`, `ticket`, `hash`, `hmac`, `jwt`,
    ///   `code_verifier`, `code_challenge`, `assertion`, `cfid`, `ssn`, `cvv`, `cvc`,
    ///   `googleaccessid`; CloudFront's `policy` and `key_pair_id`; every Azure SAS field
    ///   (`sv`, `ss`, `srt`, `sp`, `se`, `st`, `spr`, `sip`, `si`, `sr`, `sdd`, `skoid`,
    ///   `sktid`, `skt`, `ske`, `sks`, `skv`, `saoid`, `suoid`, `scid`);
    /// - anywhere in the name: `token`, `secret`, `passw`, `signature`, `credential`,
    ///   `session`, `sessid`, `apikey`, `api_key`, `csrf`, `xsrf`, `bearer`, `authoriz`,
    ///   `private_key`, `privatekey`, `accesskey`, `access_key`;
    /// - at the start: `x_amz_`, `x_goog_`, `oauth`, `saml`, `auth` (but not `author…`);
    /// - at the end: `_key`, `_sid`, `_pwd`, `_jwt`, `_otp`.
    ///
    /// `buffer` holds the name passed through `makeFoldTable()` (see `fold`) and is readable
    /// for `count + 8` bytes (words are read past the name's end).
    static func isCredential(folded buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        var n = count
        guard n > 0 else { return false }
        if buffer[n - 1] == ASCII.closeBracket {
            var open = 0
            while open < n, buffer[open] != ASCII.openBracket { open += 1 }
            if open < n { n = open }
        }
        var start = 0
        while start < n, buffer[start] == ASCII.underscore { start += 1 }
        while n > start, buffer[n - 1] == ASCII.underscore { n -= 1 }
        guard start < n else { return false }
        return Name(buffer + start, n - start).isCredential
    }

    /// Writes `raw` through `table` (`makeFoldTable()`) into `buffer`.
    static func fold(_ raw: UnsafeBufferPointer<UInt8>, with table: UnsafePointer<UInt8>, into buffer: UnsafeMutablePointer<UInt8>) {
        for (i, b) in raw.enumerated() { buffer[i] = table[Int(b)] }
    }

    /// Byte by byte: ASCII lower-case, and `-`, `.` and space as `_`.
    static func makeFoldTable() -> UnsafeMutablePointer<UInt8> {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0...255 {
            let byte = UInt8(b)
            table[b] = byte == ASCII.minus || byte == ASCII.dot || byte == ASCII.space ? ASCII.underscore : ASCII.lower(byte)
        }
        return table
    }
}

extension CredentialNames {
    /// A normalized, non-empty name, compared a word at a time: its first 16 bytes as two
    /// little-endian words (zero past the end), against literals the compiler folds into
    /// constants.
    fileprivate struct Name {
        let p: UnsafePointer<UInt8>
        let count: Int
        let low: UInt64
        let high: UInt64

        /// `p` must be readable for `count + 8` bytes.
        @inline(__always)
        init(_ p: UnsafePointer<UInt8>, _ count: Int) {
            self.p = p
            self.count = count
            let raw = UnsafeRawPointer(p)
            low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & lowBytesMask(count)
            high = count > 8 ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & lowBytesMask(count - 8) : 0
        }

        var isCredential: Bool { isExact || hasCredentialPrefix || hasCredentialSuffix || hasCredentialWord }

        /// Whether the name is `literal` (at most 16 bytes), given its length already matches.
        @inline(__always) private func `is`(_ literal: StaticString) -> Bool {
            low == literalWord(literal) && high == literalWord(literal, from: 8)
        }

        /// Whether the name starts with `literal` (at most 8 bytes).
        @inline(__always) private func starts(_ literal: StaticString) -> Bool {
            count >= literal.utf8CodeUnitCount && low & lowBytesMask(literal.utf8CodeUnitCount) == literalWord(literal)
        }

        private var isExact: Bool {
            switch count {
            case 2:
                return `is`("se") || `is`("sv") || `is`("sp") || `is`("sr") || `is`("st") || `is`("ss") || `is`("si")
            case 3:
                return `is`("sid") || `is`("key") || `is`("pwd") || `is`("sig") || `is`("otp") || `is`("pin") || `is`("jwt")
                    || `is`("ssn") || `is`("cvv") || `is`("cvc") || `is`("srt") || `is`("spr") || `is`("sip") || `is`("skt")
                    || `is`("ske") || `is`("sks") || `is`("skv") || `is`("sdd")
            case 4:
                return `is`("code") || `is`("auth") || `is`("pass") || `is`("hash") || `is`("hmac") || `is`("cfid") || `is`("scid")
            case 5:
                return `is`("token") || `is`("state") || `is`("nonce") || `is`("skoid") || `is`("sktid") || `is`("saoid")
                    || `is`("suoid")
            case 6:
                return `is`("secret") || `is`("apikey") || `is`("passwd") || `is`("ticket") || `is`("policy")
            case 7:
                return `is`("session") || `is`("api_key")
            case 8:
                return `is`("password") || `is`("id_token") || `is`("passcode")
            case 9:
                return `is`("sessionid") || `is`("signature") || `is`("phpsessid") || `is`("assertion")
            case 10:
                return `is`("session_id") || `is`("jsessionid")
            case 11:
                return `is`("key_pair_id")
            case 12:
                return `is`("access_token")
            case 13:
                return `is`("refresh_token") || `is`("code_verifier")
            case 14:
                return `is`("code_challenge") || `is`("googleaccessid")
            default:
                return false
            }
        }

        private var hasCredentialPrefix: Bool {
            starts("x_amz_") || starts("x_goog_") || starts("oauth") || starts("saml") || (starts("auth") && !starts("author"))
        }

        private var hasCredentialSuffix: Bool {
            guard count >= 4 else { return false }
            let tail = UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            @inline(__always) func `is`(_ literal: StaticString) -> Bool { UInt64(tail) == literalWord(literal) }
            return `is`("_key") || `is`("_sid") || `is`("_pwd") || `is`("_jwt") || `is`("_otp")
        }

        /// Substrings: at each position, one byte picks the candidates and a four-byte word
        /// turns most of them away before the whole literal is compared.
        private var hasCredentialWord: Bool {
            guard count >= 4 else { return false }
            let raw = UnsafeRawPointer(p)
            let s = UnsafeBufferPointer(start: p, count: count)
            for i in 0...(count - 4) {
                @inline(__always) func at(_ literal: StaticString) -> Bool {
                    UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))) == literalWord(literal) & 0xFFFF_FFFF
                        && hasLiteral(s, at: i, literal)
                }
                switch p[i] {
                case UInt8(ascii: "t"):
                    if at("token") { return true }
                case UInt8(ascii: "s"):
                    if at("secret") || at("signature") || at("session") || at("sessid") { return true }
                case UInt8(ascii: "p"):
                    if at("passw") || at("private_key") || at("privatekey") { return true }
                case UInt8(ascii: "c"):
                    if at("credential") || at("csrf") { return true }
                case UInt8(ascii: "a"):
                    if at("apikey") || at("api_key") || at("authoriz") || at("accesskey") || at("access_key") { return true }
                case UInt8(ascii: "x"):
                    if at("xsrf") { return true }
                case UInt8(ascii: "b"):
                    if at("bearer") { return true }
                default:
                    break
                }
            }
            return false
        }
    }
}
