// The parameter names that carry credentials and session identifiers. A parameter with one
// of these names is removed from a canonical URL (name and value), whatever the policy's
// `urls.allowParameters` says.
//
// Written as comparisons against string literals rather than tables: this runs for every
// parameter of every URL, and literals cost no lazy initialization and no allocation.

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
    static func isCredential(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if raw.isEmpty { return false }
        // Most names are already lower-case letters, digits and inner `_`: compare in place.
        if ASCII.isLower(raw[0]), ASCII.isLower(raw[raw.count - 1]) || ASCII.isDigit(raw[raw.count - 1]),
           raw.allSatisfy({ ASCII.isLower($0) || ASCII.isDigit($0) || $0 == ASCII.underscore }) {
            return matches(raw)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer -> Bool in
            var n = 0
            for b in raw {
                buffer[n] = (b == ASCII.minus || b == ASCII.dot || b == ASCII.space) ? ASCII.underscore : ASCII.lower(b)
                n += 1
            }
            if buffer[n - 1] == ASCII.closeBracket, let open = buffer[0..<n].firstIndex(of: ASCII.openBracket) { n = open }
            var start = 0
            while start < n, buffer[start] == ASCII.underscore { start += 1 }
            while n > start, buffer[n - 1] == ASCII.underscore { n -= 1 }
            let s = UnsafeBufferPointer(rebasing: buffer[start..<n])
            return !s.isEmpty && matches(s)
        }
    }

    /// The checks on a normalized, non-empty name.
    private static func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        isExact(s) || hasCredentialPrefix(s) || hasCredentialSuffix(s) || hasCredentialWord(s)
    }

    private static func isExact(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func is_(_ literal: StaticString) -> Bool { hasLiteral(s, at: 0, literal) }
        switch s.count {
        case 2:
            return is_("se") || is_("sv") || is_("sp") || is_("sr") || is_("st") || is_("ss") || is_("si")
        case 3:
            return is_("sid") || is_("key") || is_("pwd") || is_("sig") || is_("otp") || is_("pin") || is_("jwt")
                || is_("ssn") || is_("cvv") || is_("cvc") || is_("srt") || is_("spr") || is_("sip") || is_("skt")
                || is_("ske") || is_("sks") || is_("skv") || is_("sdd")
        case 4:
            return is_("code") || is_("auth") || is_("pass") || is_("hash") || is_("hmac") || is_("cfid") || is_("scid")
        case 5:
            return is_("token") || is_("state") || is_("nonce") || is_("skoid") || is_("sktid") || is_("saoid")
                || is_("suoid")
        case 6:
            return is_("secret") || is_("apikey") || is_("passwd") || is_("ticket") || is_("policy")
        case 7:
            return is_("session") || is_("api_key")
        case 8:
            return is_("password") || is_("id_token") || is_("passcode")
        case 9:
            return is_("sessionid") || is_("signature") || is_("phpsessid") || is_("assertion")
        case 10:
            return is_("session_id") || is_("jsessionid")
        case 11:
            return is_("key_pair_id")
        case 12:
            return is_("access_token")
        case 13:
            return is_("refresh_token") || is_("code_verifier")
        case 14:
            return is_("code_challenge") || is_("googleaccessid")
        default:
            return false
        }
    }

    private static func hasCredentialPrefix(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch s[0] {
        case UInt8(ascii: "x"): return hasLiteral(s, at: 0, "x_amz_") || hasLiteral(s, at: 0, "x_goog_")
        case UInt8(ascii: "o"): return hasLiteral(s, at: 0, "oauth")
        case UInt8(ascii: "s"): return hasLiteral(s, at: 0, "saml")
        case UInt8(ascii: "a"): return hasLiteral(s, at: 0, "auth") && !hasLiteral(s, at: 0, "author")
        default: return false
        }
    }

    private static func hasCredentialSuffix(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        guard n >= 4 else { return false }
        let tail = n - 4
        guard s[tail] == ASCII.underscore else { return false }
        return hasLiteral(s, at: tail, "_key") || hasLiteral(s, at: tail, "_sid") || hasLiteral(s, at: tail, "_pwd")
            || hasLiteral(s, at: tail, "_jwt") || hasLiteral(s, at: tail, "_otp")
    }

    /// Substrings, dispatched on their first byte.
    private static func hasCredentialWord(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 4 else { return false }
        for i in 0...(s.count - 4) {
            switch s[i] {
            case UInt8(ascii: "t"):
                if hasLiteral(s, at: i, "token") { return true }
            case UInt8(ascii: "s"):
                if hasLiteral(s, at: i, "secret") || hasLiteral(s, at: i, "signature") || hasLiteral(s, at: i, "session")
                    || hasLiteral(s, at: i, "sessid") { return true }
            case UInt8(ascii: "p"):
                if hasLiteral(s, at: i, "passw") || hasLiteral(s, at: i, "private_key") || hasLiteral(s, at: i, "privatekey") {
                    return true
                }
            case UInt8(ascii: "c"):
                if hasLiteral(s, at: i, "credential") || hasLiteral(s, at: i, "csrf") { return true }
            case UInt8(ascii: "a"):
                if hasLiteral(s, at: i, "apikey") || hasLiteral(s, at: i, "api_key") || hasLiteral(s, at: i, "authoriz")
                    || hasLiteral(s, at: i, "accesskey") || hasLiteral(s, at: i, "access_key") { return true }
            case UInt8(ascii: "x"):
                if hasLiteral(s, at: i, "xsrf") { return true }
            case UInt8(ascii: "b"):
                if hasLiteral(s, at: i, "bearer") { return true }
            default:
                break
            }
        }
        return false
    }
}
