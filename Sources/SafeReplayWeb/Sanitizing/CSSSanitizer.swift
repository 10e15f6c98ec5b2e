import SafeReplayModel

/// Cleans CSS text wherever the page stream carries it (`<style>` text, `_cssText`, the
/// `style` attribute, CSSOM rule and declaration events).
///
/// CSS is code, not page text, so it is not masked; but it can carry data in three places:
/// - `url(…)`, `@import "…"` and `image-set(…)`: URLs go through the canonicalizer first
///   (`url("about:invalid")` when one may not be emitted), then are copied as they are;
/// - `content`/`quotes` strings (`content: "Hello, Ada"`): kept only when they hold no
///   letter or digit (icon-font escapes such as `"\f007"`, arrows, bullets), else `""`;
/// - any other string (attribute selectors `[data-user="…"]`, font names): kept unless a
///   detector flags it, else `""`.
/// Comments are dropped.
struct CSSSanitizer {
    let guardrail: TextGuard

    func sanitize(_ css: String, audit: inout AuditCounters) -> String {
        // Fast path: nothing that can carry data.
        var risky = false
        for b in css.utf8 where b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "(") || b == UInt8(ascii: "/") || b == UInt8(ascii: "@") {
            risky = true
            break
        }
        guard risky else { return css }
        return Self.scan(Array(guardrail.canonicalizeCSS(css).utf8), guardrail: guardrail, audit: &audit)
    }

    /// Cleans one declaration value whose property is known (CSSOM `setProperty`, style diffs).
    func sanitizeValue(_ value: String, property: String, audit: inout AuditCounters) -> String {
        sanitize(property + ":" + value, audit: &audit).dropFirst(property.utf8.count + 1).description
    }

    private static func scan(_ b: [UInt8], guardrail: TextGuard, audit: inout AuditCounters) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        var property: [UInt8] = []
        var propertyStart = 0
        var afterImport = false
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "/") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "*"):
                var j = i + 2
                while j + 1 < b.count && !(b[j] == UInt8(ascii: "*") && b[j + 1] == UInt8(ascii: "/")) { j += 1 }
                i = Swift.min(j + 2, b.count)
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let end = stringEnd(b, from: i)
                let body = String(decoding: b[(i + 1)..<Swift.max(i + 1, end - 1)], as: UTF8.self)
                let name = String(decoding: property, as: UTF8.self).lowercased()
                if afterImport {
                    // Canonicalized already.
                    out.append(contentsOf: b[i..<end])
                    afterImport = false
                } else if name == "content" || name == "quotes" {
                    if isDecorative(body) {
                        out.append(contentsOf: b[i..<end])
                    } else {
                        audit.mask(.cssContent)
                        out.append(contentsOf: [c, c])
                    }
                } else if guardrail.containsPII(body) {
                    audit.mask(.cssString)
                    out.append(contentsOf: [c, c])
                } else {
                    out.append(contentsOf: b[i..<end])
                }
                i = end
                continue
            case UInt8(ascii: "(") where endsWithURL(out):
                // Canonicalized already: copy through the closing parenthesis.
                var k = i + 1
                while k < b.count && b[k] != UInt8(ascii: ")") {
                    k = (b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'")) ? stringEnd(b, from: k) : k + 1
                }
                out.append(contentsOf: b[i..<Swift.min(k + 1, b.count)])
                i = Swift.min(k + 1, b.count)
                continue
            case UInt8(ascii: "@"):
                let word = b[(i + 1)..<Swift.min(i + 7, b.count)].map { $0 | 0x20 }
                afterImport = word.elementsEqual("import".utf8)
            case UInt8(ascii: ":"):
                property = trimmed(Array(b[propertyStart..<i]))
            case UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                propertyStart = i + 1
                property = []
                afterImport = false
            default:
                break
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index just past the string that opens at `start`.
    private static func stringEnd(_ b: [UInt8], from start: Int) -> Int {
        let quote = b[start]
        var j = start + 1
        while j < b.count {
            if b[j] == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if b[j] == quote || b[j] == 0x0A { return j + 1 }
            j += 1
        }
        return b.count
    }

    private static func endsWithURL(_ out: [UInt8]) -> Bool {
        guard out.count >= 3 else { return false }
        let tail = out[(out.count - 3)...].map { $0 | 0x20 }
        guard tail.elementsEqual("url".utf8) else { return false }
        if out.count == 3 { return true }
        let before = out[out.count - 4]
        return !(isIdentifier(before))
    }

    /// Whether a `content` string shows no words: only escapes, punctuation and symbols.
    static func isDecorative(_ body: String) -> Bool {
        let scalars = Array(body.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\\" {
                i += 1
                var digits = 0
                while i < scalars.count, digits < 6, scalars[i].properties.isASCIIHexDigit {
                    i += 1
                    digits += 1
                }
                if digits == 0 {
                    // An escaped literal character counts as itself.
                    if i < scalars.count, scalars[i].properties.isAlphabetic || scalars[i].properties.numericType != nil { return false }
                    i += 1
                } else if i < scalars.count, scalars[i] == " " {
                    i += 1
                }
                continue
            }
            if s.properties.isAlphabetic || s.properties.numericType != nil { return false }
            i += 1
        }
        return true
    }

    private static func trimmed(_ b: [UInt8]) -> [UInt8] {
        var s = b[...]
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return Array(s)
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }

    private static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
    }
}
