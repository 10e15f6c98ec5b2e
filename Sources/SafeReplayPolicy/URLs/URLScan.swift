/// One canonicalization: the input, a scratch buffer for decoding, and the output.
struct URLScan {
    /// The canonicalizer's rules; it outlives every scan, so no reference counting.
    unowned(unsafe) let c: URLRules
    let s: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeMutableBufferPointer<UInt8>
    var out: ByteWriter
    /// Route templates: drop `;` parameters entirely.
    let templateOnly: Bool
    /// Whether `\` separates path segments like `/` (special schemes and relative URLs).
    var backslashIsSlash = true

    var n: Int { s.count }
    /// `URLByteClass` bits by byte value.
    var classes: UnsafeMutablePointer<UInt16> { c.classes }

    @inline(__always) func isSlash(_ b: UInt8) -> Bool {
        b == ASCII.slash || (backslashIsSlash && b == ASCII.backslash)
    }

    mutating func run() -> Bool {
        var p = 0
        let start = out.count
        var hasScheme = false
        var hasAuthority = false
        if let colon = schemeEnd() {
            hasScheme = true
            let scheme = UnsafeBufferPointer(rebasing: s[0..<colon])
            let kind = SchemeKind(scheme)
            if case .forbidden = kind { return false }
            for b in scheme { out.append(ASCII.lower(b)) }
            out.append(ASCII.colon)
            p = colon + 1
            if case .contact(let placeholder) = kind {
                if p < n { out.append(placeholder) }
                return true
            }
            if case .special = kind {
                while p < n, isSlash(s[p]) { p += 1 }
                out.append(ASCII.slash); out.append(ASCII.slash)
                guard let end = authority(p, requireHost: true) else { return false }
                p = end
                hasAuthority = true
            } else {
                if case .file = kind {} else { backslashIsSlash = false }
                if p + 1 < n, isSlash(s[p]), isSlash(s[p + 1]) {
                    out.append(ASCII.slash); out.append(ASCII.slash)
                    guard let end = authority(p + 2, requireHost: false) else { return false }
                    p = end
                    hasAuthority = true
                }
            }
        } else if n >= 2, isSlash(s[0]), isSlash(s[1]) {
            // Protocol-relative (`//host/x`); like a special scheme, any run of slashes.
            while p < n, isSlash(s[p]) { p += 1 }
            out.append(ASCII.slash); out.append(ASCII.slash)
            guard let end = authority(p, requireHost: true) else { return false }
            p = end
            hasAuthority = true
        }
        // Path, query, fragment.
        let pathStart = out.count
        let pathEnd = path(p, n, stopAtQuery: true, stopAtFragment: true)
        // Templating must not change what the output parses as: a path emptied at its start
        // must not read as `//authority` (WHATWG writes `/.//` for the same reason), and a
        // relative URL must not start to look like `scheme:` (`=x&javascript:…` → `./…`).
        if !hasAuthority, out.count - pathStart >= 2, out[pathStart] == ASCII.slash, out[pathStart + 1] == ASCII.slash {
            out.insert("/.", at: pathStart)
        }
        if !hasScheme, Self.startsWithScheme(out, from: start) {
            out.insert("./", at: start)
        }
        p = pathEnd
        if p < n, s[p] == ASCII.question {
            let queryEnd = s.firstIndex(of: ASCII.hash, from: p + 1, to: n)
            parameters(p + 1, queryEnd, lead: ASCII.question, plusIsSpace: true, emptyKeepsLead: true)
            p = queryEnd
        }
        if p < n, s[p] == ASCII.hash {
            fragment(p + 1, n)
        }
        return true
    }

    /// Where the path of a full URL starts (after `scheme://authority` or `//authority`);
    /// 0 for a path.
    func pathStart() -> Int {
        var p = 0
        if let colon = schemeEnd() { p = colon + 1 }
        guard p + 1 < n, isSlash(s[p]), isSlash(s[p + 1]) else { return p == 0 ? 0 : p }
        while p < n, isSlash(s[p]) { p += 1 }
        while p < n, !isSlash(s[p]), s[p] != ASCII.question, s[p] != ASCII.hash { p += 1 }
        return p
    }

    static func startsWithScheme(_ bytes: ByteWriter, from start: Int) -> Bool {
        guard start < bytes.count, ASCII.isAlpha(bytes[start]) else { return false }
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == ASCII.colon { return true }
            guard ASCII.isAlpha(b) || ASCII.isDigit(b) || b == ASCII.plus || b == ASCII.minus || b == ASCII.dot else { return false }
            i += 1
        }
        return false
    }

    /// The index of the `:` ending a scheme (`ALPHA *( ALPHA / DIGIT / + / - / . ) :`).
    func schemeEnd() -> Int? {
        guard n > 0, ASCII.isAlpha(s[0]) else { return nil }
        var i = 1
        while i < n {
            let b = s[i]
            if b == ASCII.colon { return i }
            guard ASCII.isAlpha(b) || ASCII.isDigit(b) || b == ASCII.plus || b == ASCII.minus || b == ASCII.dot else { return nil }
            i += 1
        }
        return nil
    }
}
