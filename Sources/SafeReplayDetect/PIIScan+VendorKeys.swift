/// API_KEY by vendor shape: the prefixes providers put on their credentials precisely so
/// that scanners can find them (AWS, GitHub, Stripe, Slack, Google, OpenAI, SendGrid,
/// Twilio, GitLab, npm, Hugging Face, Shopify).
extension PIIScan {
    /// `base[start..<end]` is one word (letters, digits, `_`, `-`). Reports and returns its
    /// end when it is a vendor key.
    mutating func vendorKey(_ start: Int, _ end: Int) -> Int? {
        guard !isBase64URL(at(start - 1)) else { return nil }
        let length = end - start
        var matched = false
        switch base[start] {
        case UInt8(ascii: "A"):
            if length == 20, hasPrefix(start, "AKIA") || hasPrefix(start, "ASIA") || hasPrefix(start, "ABIA")
                || hasPrefix(start, "ACCA") {
                matched = all(start + 4, end) { isUpper($0) || isDigit($0) }
            } else if length == 39, hasPrefix(start, "AIza") {
                matched = true  // the word scan already limited it to [A-Za-z0-9_-]
            }
        case UInt8(ascii: "g"):
            if hasPrefix(start, "github_pat_") {
                matched = length >= 40 && all(start + 11, end) { isAlnum($0) || $0 == 0x5F }
            } else if hasPrefix(start, "glpat-") {
                matched = length >= 26
            } else if length >= 40, at(start + 1) == UInt8(ascii: "h"), at(start + 3) == UInt8(ascii: "_"),
                      "pousr".utf8.contains(at(start + 2)) {
                matched = all(start + 4, end, isAlnum)  // ghp_ gho_ ghu_ ghs_ ghr_
            }
        case UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "r"):
            if hasPrefix(start + 1, "k_live_") || hasPrefix(start + 1, "k_test_") {
                matched = length >= 18 && all(start + 8, end, isAlnum)  // Stripe sk_/pk_/rk_
            } else if base[start] == UInt8(ascii: "s"), hasPrefix(start, "sk-") {
                matched = length >= 23 && isRandomLooking(start + 3, end, minimumLength: 20)  // OpenAI, Anthropic
            } else if hasPrefix(start, "shpat_") || hasPrefix(start, "shpss_") || hasPrefix(start, "shpca_") {
                matched = length == 38 && all(start + 6, end, isHex)
            }
        case UInt8(ascii: "x"):
            if length >= 15, hasPrefix(start, "xox"), "abpors".utf8.contains(at(start + 3)), at(start + 4) == 0x2D {
                matched = true  // Slack
            } else if hasPrefix(start, "xapp-") {
                matched = length >= 20
            }
        case UInt8(ascii: "S"):
            if length == 34, at(start + 1) == UInt8(ascii: "K") {
                matched = all(start + 2, end) { isDigit($0) || $0 &- 0x61 < 6 }  // Twilio API key SID
            }
        case UInt8(ascii: "n"):
            if length == 40, hasPrefix(start, "npm_") { matched = all(start + 4, end, isAlnum) }
        case UInt8(ascii: "h"):
            if length >= 34, hasPrefix(start, "hf_") { matched = all(start + 3, end, isAlnum) }
        default:
            break
        }
        guard matched else { return nil }
        report(start, end, .apiKey, .vendorKey)
        return end
    }

    /// SendGrid: `SG.` + 22 + `.` + 43 base64url characters.
    mutating func sendGridKey(_ start: Int) -> Int? {
        var i = start + 3
        let first = i
        while isBase64URL(at(i)) { i += 1 }
        guard i - first == 22, at(i) == 0x2E else { return nil }
        i += 1
        let second = i
        while isBase64URL(at(i)) { i += 1 }
        guard i - second == 43, !isBase64URL(at(i)) else { return nil }
        report(start, i, .apiKey, .vendorKey)
        return i
    }

    func hasPrefix(_ start: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        for k in 0..<n where at(start + k) != prefix.utf8Start[k] { return false }
        return true
    }

    func all(_ start: Int, _ end: Int, _ predicate: (UInt8) -> Bool) -> Bool {
        var k = start
        while k < end {
            if !predicate(base[k]) { return false }
            k += 1
        }
        return true
    }
}
