extension URLCanonicalizer {
    /// Rewrites every URL in CSS text (a `style` attribute or a stylesheet): `url(…)` in any
    /// case and with CSS escapes in the function name (`\75 rl(`), quoted or not; the string
    /// of `@import "…"`; and the strings of `image-set(…)` / `-webkit-image-set(…)`. Each URL
    /// is CSS-unescaped, canonicalized and written back quoted (`url("…")`); one that may not
    /// be emitted (`data:`, `blob:`, …) becomes `url("about:invalid")`. Everything else is
    /// copied as written.
    public func canonicalizeCSS(_ css: String) -> String {
        var css = css
        return css.withUTF8 { s -> String in
            var scan = CSSScan(c: self, s: s)
            scan.run()
            return String(decoding: scan.out, as: UTF8.self)
        }
    }
}

private enum CSSNames {
    static let url = Array("url".utf8)
    static let `import` = Array("import".utf8)
    static let imageSet = Array("image-set".utf8)
    static let webkitImageSet = Array("-webkit-image-set".utf8)
}

/// A minimal CSS tokenizer: enough to find every URL and copy the rest verbatim.
private struct CSSScan {
    let c: URLCanonicalizer
    let s: UnsafeBufferPointer<UInt8>
    var out: [UInt8] = []
    var p = 0
    /// Parenthesis depth, and the depth just inside the innermost `image-set(` (0: none).
    var depth = 0
    var imageSetDepth = 0
    var afterImport = false
    /// The current identifier's lower-cased name (reused, so scanning allocates once).
    var name: [UInt8] = []

    init(c: URLCanonicalizer, s: UnsafeBufferPointer<UInt8>) {
        self.c = c
        self.s = s
        out.reserveCapacity(s.count + 16)
    }

    var n: Int { s.count }

    mutating func run() {
        while p < n {
            let b = s[p]
            if b == UInt8(ascii: "/"), p + 1 < n, s[p + 1] == UInt8(ascii: "*") {
                copyComment()
            } else if b == ASCII.quote || b == ASCII.apostrophe {
                if afterImport || (imageSetDepth > 0 && depth == imageSetDepth) {
                    let url = consumeString()
                    emitURL(url, asFunction: false)
                } else {
                    let start = p
                    _ = consumeString()
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<p]))
                }
                afterImport = false
            } else if b == UInt8(ascii: "@") {
                out.append(b)
                p += 1
                let start = p
                if p < n, startsIdent(p) {
                    consumeIdentName()
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<p]))
                    afterImport = name == CSSNames.import
                }
            } else if startsIdent(p) {
                let start = p
                consumeIdentName()
                if p < n, s[p] == ASCII.openParen, name == CSSNames.url {
                    p += 1
                    consumeURLFunction()
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<p]))
                    if p < n, s[p] == ASCII.openParen,
                       name == CSSNames.imageSet || name == CSSNames.webkitImageSet {
                        out.append(ASCII.openParen)
                        p += 1
                        depth += 1
                        imageSetDepth = depth
                    }
                }
                afterImport = false
            } else {
                if b == ASCII.openParen { depth += 1 }
                if b == ASCII.closeParen {
                    if depth == imageSetDepth { imageSetDepth = 0 }
                    depth = max(0, depth - 1)
                }
                if !ASCII.isSpace(b) { afterImport = false }
                out.append(b)
                p += 1
            }
        }
    }

    mutating func copyComment() {
        let start = p
        p += 2
        while p < n, !(s[p] == UInt8(ascii: "*") && p + 1 < n && s[p + 1] == UInt8(ascii: "/")) { p += 1 }
        p = min(n, p + 2)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<p]))
    }

    /// Whether an identifier starts at `i` (CSS "would start an identifier").
    func startsIdent(_ i: Int) -> Bool {
        guard i < n else { return false }
        let b = s[i]
        if isNameStart(b) { return true }
        if b == ASCII.backslash { return i + 1 < n && s[i + 1] != 0x0A }
        if b == ASCII.minus, i + 1 < n {
            let c = s[i + 1]
            return isNameStart(c) || c == ASCII.minus || (c == ASCII.backslash && i + 2 < n && s[i + 2] != 0x0A)
        }
        return false
    }

    func isNameStart(_ b: UInt8) -> Bool { ASCII.isAlpha(b) || b == ASCII.underscore || b >= 0x80 }
    func isName(_ b: UInt8) -> Bool { isNameStart(b) || ASCII.isDigit(b) || b == ASCII.minus }

    /// Consumes an identifier, resolving escapes, into `name` (ASCII-lower-cased).
    mutating func consumeIdentName() {
        name.removeAll(keepingCapacity: true)
        while p < n {
            let b = s[p]
            if isName(b) {
                name.append(ASCII.lower(b))
                p += 1
            } else if b == ASCII.backslash, p + 1 < n, s[p + 1] != 0x0A {
                p += 1
                for byte in consumeEscape() { name.append(ASCII.lower(byte)) }
            } else {
                break
            }
        }
    }

    /// After a `\`: a hex escape (1–6 digits and one optional whitespace) or the next
    /// character itself; returns its UTF-8 bytes.
    mutating func consumeEscape() -> [UInt8] {
        guard p < n else { return Array("\u{FFFD}".utf8) }
        if ASCII.isHex(s[p]) {
            var value: UInt32 = 0
            var k = 0
            while k < 6, p < n, let h = ASCII.hexValue(s[p]) {
                value = value << 4 | UInt32(h)
                p += 1
                k += 1
            }
            if p < n, ASCII.isSpace(s[p]) {
                // `\r\n` counts as one whitespace.
                if s[p] == 0x0D, p + 1 < n, s[p + 1] == 0x0A { p += 1 }
                p += 1
            }
            let scalar = (value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value))
                ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(value)!
            return Array(String(Character(scalar)).utf8)
        }
        // One (possibly multi-byte) character, taken as its bytes.
        var end = p + 1
        while end < n, s[end] & 0xC0 == 0x80 { end += 1 }
        let bytes = Array(s[p..<end])
        p = end
        return bytes
    }

    /// Consumes a quoted string starting at `p` and returns its unescaped bytes.
    mutating func consumeString() -> [UInt8] {
        let quote = s[p]
        p += 1
        var value: [UInt8] = []
        while p < n {
            let b = s[p]
            if b == quote {
                p += 1
                break
            }
            if b == 0x0A { break }  // a bad string ends at the newline
            if b == ASCII.backslash {
                p += 1
                guard p < n else { break }
                if s[p] == 0x0A {
                    p += 1
                    continue
                }
                value.append(contentsOf: consumeEscape())
                continue
            }
            value.append(b)
            p += 1
        }
        return value
    }

    /// After `url(`: a quoted or unquoted URL up to `)`.
    mutating func consumeURLFunction() {
        while p < n, ASCII.isSpace(s[p]) { p += 1 }
        var value: [UInt8] = []
        if p < n, s[p] == ASCII.quote || s[p] == ASCII.apostrophe {
            value = consumeString()
        } else {
            while p < n, s[p] != ASCII.closeParen {
                let b = s[p]
                if ASCII.isSpace(b) { break }
                if b == ASCII.backslash, p + 1 < n, s[p + 1] != 0x0A {
                    p += 1
                    value.append(contentsOf: consumeEscape())
                    continue
                }
                value.append(b)
                p += 1
            }
        }
        // Anything else up to the closing parenthesis belongs to the function; drop it.
        while p < n, s[p] != ASCII.closeParen { p += 1 }
        if p < n { p += 1 }
        emitURL(value, asFunction: true)
    }

    mutating func emitURL(_ url: [UInt8], asFunction: Bool) {
        if asFunction { out.append(contentsOf: "url(".utf8) }
        out.append(ASCII.quote)
        let ok = url.withUnsafeBufferPointer { c.append($0, to: &out) }
        if !ok { out.append(contentsOf: URLCanonicalizer.blockedCSSURL.utf8) }
        out.append(ASCII.quote)
        if asFunction { out.append(ASCII.closeParen) }
    }
}
