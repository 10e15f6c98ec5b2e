// The parameter names that carry credentials and session identifiers. A parameter with one
// of these names is removed from a canonical URL (name and value), whatever the policy's
// `urls.allowParameters` says.

enum CredentialNames {
    /// Exact names, compared after normalization (see `isCredential`).
    static let exact: [[UInt8]] = [
        // The list.
        "token", "access_token", "id_token", "refresh_token", "code", "state", "session", "sessionid",
        "session_id", "sid", "jsessionid", "phpsessid", "auth", "key", "api_key", "apikey", "password",
        "pwd", "secret", "signature", "sig",
        // More credentials and one-time values.
        "pass", "passwd", "passcode", "nonce", "otp", "pin", "ticket", "hash", "hmac", "jwt",
        "code_verifier", "code_challenge", "assertion", "cfid", "ssn", "cvv", "cvc",
        // Legacy signed links: S3 v2 (`AWSAccessKeyId` matches `accesskey`), GCS v2.
        "googleaccessid",
        // CloudFront signed URLs (`Signature` and `Key-Pair-Id` normalize to these).
        "policy", "key_pair_id",
        // Azure shared access signatures: every SAS field, since together they are the grant.
        "se", "sv", "sp", "sr", "st", "ss", "srt", "spr", "sip", "si", "skoid", "sktid", "skt", "ske",
        "sks", "skv", "saoid", "suoid", "scid", "sdd",
    ].map { Array($0.utf8) }

    /// Substrings that mark a name wherever they occur (`csrf_token`, `client_secret`,
    /// `aspsessionidqq`, `x_api_key_v2`, `oauth_signature`, `authorization`).
    static let substrings: [[UInt8]] = [
        "token", "secret", "passw", "signature", "credential", "session", "sessid", "apikey", "api_key",
        "csrf", "xsrf", "bearer", "authoriz", "private_key", "privatekey", "accesskey", "access_key",
    ].map { Array($0.utf8) }

    /// Prefixes: signed storage links (`X-Amz-*`, `X-Goog-*`), OAuth 1 and SAML fields, and
    /// `auth…` except `author…`.
    static let prefixes: [[UInt8]] = ["x_amz_", "x_goog_", "oauth", "saml", "auth"].map { Array($0.utf8) }

    /// Suffixes: `…_key`, `…_sid`, `…_pwd`.
    static let suffixes: [[UInt8]] = ["_key", "_sid", "_pwd", "_jwt", "_otp"].map { Array($0.utf8) }

    /// Whether a decoded parameter name is a credential. The name is normalized in place
    /// first: ASCII lower-case, `-`, `.` and space read as `_`, a trailing `[…]` (PHP arrays)
    /// and surrounding `_` ignored. Case-insensitive, so `Token`, `X-AMZ-SIGNATURE` and
    /// `%74oken` (decoded before this) all match.
    static func isCredential(_ name: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var n = name.count
        for i in 0..<n {
            let b = name[i]
            name[i] = (b == ASCII.minus || b == ASCII.dot || b == ASCII.space) ? ASCII.underscore : ASCII.lower(b)
        }
        if n > 0, name[n - 1] == ASCII.closeBracket, let open = name[0..<n].firstIndex(of: ASCII.openBracket) {
            n = open
        }
        var start = 0
        while start < n, name[start] == ASCII.underscore { start += 1 }
        while n > start, name[n - 1] == ASCII.underscore { n -= 1 }
        let s = UnsafeBufferPointer(rebasing: name[start..<n])
        if s.isEmpty { return false }

        for word in exact where word.count == s.count && equal(s, 0, word) { return true }
        for p in prefixes where p.count <= s.count && equal(s, 0, p) {
            // `author`, `authors`, `authored` are not credentials; `authorization` is (substring).
            if p.count == 4, p[0] == UInt8(ascii: "a"), s.count >= 6, equal(s, 0, Self.author) { continue }
            return true
        }
        for p in suffixes where p.count <= s.count && equal(s, s.count - p.count, p) { return true }
        for p in substrings where p.count <= s.count {
            var i = 0
            while i + p.count <= s.count {
                if s[i] == p[0], equal(s, i, p) { return true }
                i += 1
            }
        }
        return false
    }

    private static let author: [UInt8] = Array("author".utf8)

    @inline(__always)
    private static func equal(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: [UInt8]) -> Bool {
        for k in 0..<word.count where s[at + k] != word[k] { return false }
        return true
    }
}
