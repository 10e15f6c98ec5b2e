/// Canonicalizes the URLs a capture stream carries so that no session id, token, credential
/// or identifier in a URL leaves the device. One function for the web sanitizer (Meta
/// `href`, `href`/`src`/`srcset`/`action`/`formaction`/`poster`, `style` `url(…)`), the
/// network path and the mobile path.
///
/// Rules:
/// - `user:pass@` is dropped; scheme and host are lower-cased; ports kept.
/// - `data:`, `blob:`, `javascript:`, `vbscript:`, `filesystem:` URLs and unparseable ones
///   (bad port, unbalanced `[`, forbidden host bytes, over `maxInputBytes`) return `nil`:
///   the caller emits nothing for them.
/// - `mailto:`/`tel:`/`sms:`-like URLs keep only their scheme (`mailto::email`, `tel::phone`).
/// - Query and fragment parameters: the value is kept only when the decoded name is in
///   `URLSettings.allowParameters` (exact match), and even then a value holding an email or
///   anything the detectors flag becomes that placeholder; every other value is the marker
///   `_`. Names on the credential list (`token`, `code`, `sid`, `X-Amz-Signature`, … see
///   `CredentialNames`) are removed, name and value, whatever the allowlist says. Names that
///   are themselves identifiers (numbers, emails, tokens, detector hits) are removed too.
/// - `;name=value` path parameters follow the same rules (so `;jsessionid=…` is removed).
/// - A fragment that starts with `/` or `!/` is a hash route (path and query rules); one with
///   `=` or `&` is a parameter list (`#access_token=…&state=…`); any other is one segment.
/// - Path segments are templated: numbers → `:id`, UUIDs → `:uuid`, emails → `:email`, long
///   hex or base64url runs → `:token`, a detector hit → its type (`:phone`). Under a
///   `keepPaths` template segments are kept as written, except emails and detector hits.
/// - Names, values and segments are percent-decoded for inspection only; what is kept is
///   emitted as written, re-escaped to printable ASCII (never decoded).
public struct URLCanonicalizer: Sendable {
    /// What a value that is not allowlisted becomes.
    public static let marker = "_"
    /// What a CSS `url(…)` whose URL may not be emitted becomes.
    public static let blockedCSSURL = "about:invalid"
    /// Longer inputs are not emitted (fail closed; no real page URL is this long).
    public static let maxInputBytes = 65_536

    /// The PII detector seam: decoded text in, a placeholder (`:phone`) out when it holds PII.
    typealias Flagger = @Sendable (String) -> String?

    let allow: [[UInt8]]
    let keepPaths: [RoutePattern]
    let flag: Flagger?

    /// The canonicalizer for one policy's URL settings, with the detectors seam `flag`.
    init(settings: URLSettings, flag: Flagger?) {
        self.allow = settings.allowParameters.map { Array($0.utf8) }
        self.keepPaths = settings.keepPaths
        self.flag = flag
    }

    /// The canonical form of `url`, or `nil` when it must not be emitted.
    public func canonicalize(_ url: String) -> String? {
        var url = url
        return url.withUTF8 { input -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(input.count + 16)
            guard append(input, to: &out) else { return nil }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The route template of a path (`/orders/123/items/9f8e…` → `/orders/:id/items/:uuid`):
    /// the canonical path without its query, fragment or `;` parameters. Used for drift
    /// alerts and route labels; an empty path is `/`.
    public func routeTemplate(path: String) -> String {
        var path = path
        return path.withUTF8 { input -> String in
            var out: [UInt8] = []
            out.reserveCapacity(input.count + 8)
            let trimmed = trim(input)
            guard trimmed.count <= Self.maxInputBytes else { return "/" }
            withScratch(trimmed.count) { scratch in
                var scan = URLScan(c: self, s: trimmed, scratch: scratch, out: out, backslashIsSlash: true, templateOnly: true)
                let start = scan.pathStart()
                var end = start
                while end < trimmed.count, trimmed[end] != ASCII.question, trimmed[end] != ASCII.hash { end += 1 }
                scan.path(start, end)
                out = scan.out
            }
            if out.isEmpty || out[0] != ASCII.slash { out.insert(ASCII.slash, at: 0) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the canonical form of `input` to `out`; false (and `out` unchanged) when the
    /// URL must not be emitted.
    func append(_ input: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let trimmed = trim(input)
        guard trimmed.count <= Self.maxInputBytes else { return false }
        // Browsers drop tabs and newlines anywhere in a URL (`java\nscript:` is `javascript:`).
        for b in trimmed where b == 0x09 || b == 0x0A || b == 0x0D {
            let cleaned = trimmed.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return cleaned.withUnsafeBufferPointer { append($0, to: &out) }
        }
        let mark = out.count
        var ok = false
        withScratch(trimmed.count) { scratch in
            var scan = URLScan(c: self, s: trimmed, scratch: scratch, out: out, backslashIsSlash: true, templateOnly: false)
            out = []
            ok = scan.run()
            out = scan.out
        }
        if !ok { out.removeSubrange(mark...) }
        return ok
    }

    private func trim(_ input: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var a = 0
        var b = input.count
        while a < b, ASCII.isTrimmable(input[a]) { a += 1 }
        while b > a, ASCII.isTrimmable(input[b - 1]) { b -= 1 }
        return UnsafeBufferPointer(rebasing: input[a..<b])
    }

    private func withScratch(_ count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { body($0) }
    }

    func isAllowed(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for a in allow where a.count == name.count {
            var same = true
            for k in 0..<a.count where a[k] != name[k] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }
}

/// Schemes whose URLs are never emitted.
private let forbiddenSchemes: [[UInt8]] = ["javascript", "vbscript", "data", "blob", "filesystem"].map { Array($0.utf8) }
/// Schemes whose opaque part is a contact address: only the scheme and a placeholder remain.
private let contactSchemes: [([UInt8], [UInt8])] = [
    ("mailto", ":email"), ("tel", ":phone"), ("sms", ":phone"), ("callto", ":phone"), ("fax", ":phone"),
    ("facetime", ":phone"), ("facetime-audio", ":phone"), ("sip", ":contact"), ("sips", ":contact"),
    ("im", ":contact"), ("xmpp", ":contact"), ("skype", ":contact"), ("geo", ":location"),
].map { (Array($0.0.utf8), Array($0.1.utf8)) }
private let fileScheme: [UInt8] = Array("file".utf8)
/// The WHATWG special schemes (authority after any run of `/` or `\`).
private let specialSchemes: [[UInt8]] = ["http", "https", "ws", "wss", "ftp"].map { Array($0.utf8) }

/// One canonicalization: the input, a scratch buffer for decoding, and the output.
struct URLScan {
    let c: URLCanonicalizer
    let s: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeMutableBufferPointer<UInt8>
    var out: [UInt8]
    /// Whether `\` separates path segments like `/` (special schemes and relative URLs).
    var backslashIsSlash: Bool
    /// Route templates: drop `;` parameters entirely.
    let templateOnly: Bool

    private var n: Int { s.count }

    @inline(__always) private func isSlash(_ b: UInt8) -> Bool {
        b == ASCII.slash || (backslashIsSlash && b == ASCII.backslash)
    }

    private mutating func appendString(_ bytes: [UInt8]) { out.append(contentsOf: bytes) }

    mutating func run() -> Bool {
        var p = 0
        let start = out.count
        var hasScheme = false
        var hasAuthority = false
        if let colon = schemeEnd() {
            hasScheme = true
            let scheme = UnsafeBufferPointer(rebasing: s[0..<colon])
            if forbiddenSchemes.contains(where: { equalsLower(scheme, $0) }) { return false }
            for b in scheme { out.append(ASCII.lower(b)) }
            out.append(ASCII.colon)
            p = colon + 1
            if let contact = contactSchemes.first(where: { equalsLower(scheme, $0.0) }) {
                if p < n { appendString(contact.1) }
                return true
            }
            if specialSchemes.contains(where: { equalsLower(scheme, $0) }) {
                while p < n, isSlash(s[p]) { p += 1 }
                out.append(ASCII.slash); out.append(ASCII.slash)
                guard let end = authority(p, requireHost: true) else { return false }
                p = end
                hasAuthority = true
            } else {
                let isFile = equalsLower(scheme, fileScheme)
                backslashIsSlash = isFile
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
        var pathEnd = p
        while pathEnd < n, s[pathEnd] != ASCII.question, s[pathEnd] != ASCII.hash { pathEnd += 1 }
        let pathStart = out.count
        path(p, pathEnd)
        // Templating must not change what the output parses as: a path emptied at its start
        // must not read as `//authority` (WHATWG writes `/.//` for the same reason), and a
        // relative URL must not start to look like `scheme:` (`=x&javascript:…` → `./…`).
        if !hasAuthority, out.count - pathStart >= 2, out[pathStart] == ASCII.slash, out[pathStart + 1] == ASCII.slash {
            out.insert(contentsOf: [ASCII.slash, ASCII.dot], at: pathStart)
        }
        if !hasScheme, Self.startsWithScheme(out, from: start) {
            out.insert(contentsOf: [ASCII.dot, ASCII.slash], at: start)
        }
        p = pathEnd
        if p < n, s[p] == ASCII.question {
            var queryEnd = p + 1
            while queryEnd < n, s[queryEnd] != ASCII.hash { queryEnd += 1 }
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

    static func startsWithScheme(_ bytes: [UInt8], from start: Int) -> Bool {
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
    private func schemeEnd() -> Int? {
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

    private func equalsLower(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where ASCII.lower(a[k]) != b[k] { return false }
        return true
    }

    // MARK: authority

    /// Parses `[userinfo@]host[:port]` from `start`, appends `host[:port]` (user-info
    /// dropped, host lower-cased) and returns where the authority ends; nil if malformed.
    private mutating func authority(_ start: Int, requireHost: Bool) -> Int? {
        var end = start
        while end < n {
            let b = s[end]
            if b == ASCII.question || b == ASCII.hash || isSlash(b) { break }
            end += 1
        }
        var hostStart = start
        var k = end
        while k > start {
            k -= 1
            if s[k] == ASCII.at {
                hostStart = k + 1
                break
            }
        }
        var hostEnd = hostStart
        var portStart: Int? = nil
        if hostStart < end, s[hostStart] == ASCII.openBracket {
            var close = hostStart + 1
            while close < end, s[close] != ASCII.closeBracket {
                let b = s[close]
                guard ASCII.isHex(b) || b == ASCII.colon || b == ASCII.dot else { return nil }
                close += 1
            }
            guard close < end else { return nil }
            hostEnd = close + 1
            if hostEnd < end {
                guard s[hostEnd] == ASCII.colon else { return nil }
                portStart = hostEnd + 1
            }
        } else {
            while hostEnd < end, s[hostEnd] != ASCII.colon {
                if forbiddenHostByte[Int(s[hostEnd])] { return nil }
                hostEnd += 1
            }
            if hostEnd < end { portStart = hostEnd + 1 }
        }
        if requireHost, hostEnd == hostStart { return nil }
        for i in hostStart..<hostEnd { out.append(ASCII.lower(s[i])) }
        if let portStart, portStart < end {
            guard end - portStart <= 5 else { return nil }
            var value = 0
            for i in portStart..<end {
                guard ASCII.isDigit(s[i]) else { return nil }
                value = value * 10 + Int(s[i] &- 0x30)
            }
            guard value <= 65_535 else { return nil }
            out.append(ASCII.colon)
            for i in portStart..<end { out.append(s[i]) }
        }
        return end
    }

    // MARK: path

    /// Appends the templated path `s[start..<end]`.
    mutating func path(_ start: Int, _ end: Int) {
        guard start < end else { return }
        let structural = !matchesKeepPath(start, end)
        var i = start
        while true {
            var j = i
            while j < end, !isSlash(s[j]) { j += 1 }
            segment(i, j, structural: structural)
            guard j < end else { break }
            out.append(ASCII.slash)
            i = j + 1
        }
    }

    /// One path segment: its text (templated) and its `;` parameters.
    private mutating func segment(_ start: Int, _ end: Int, structural: Bool) {
        var semi = start
        var hasEquals = false
        while semi < end, s[semi] != ASCII.semicolon {
            if s[semi] == ASCII.equals { hasEquals = true }
            semi += 1
        }
        if hasEquals {
            // `/a=1&token=x` (and hash routes like `#/cb&access_token=…`): a parameter list,
            // unless the segment as a whole is an identifier.
            let count = decode(start, semi, plusIsSpace: false)
            let kind = SegmentClassifier.classify(UnsafeBufferPointer(rebasing: scratch[0..<count]), structural: structural, flag: c.flag)
            if let placeholder = kind.placeholder {
                out.append(contentsOf: placeholder.utf8)
            } else {
                parameters(start, semi, lead: nil, plusIsSpace: false, emptyKeepsLead: false)
            }
        } else {
            text(start, semi, structural: structural, plusIsSpace: false)
        }
        if semi < end, !templateOnly {
            parameters(semi + 1, end, lead: ASCII.semicolon, plusIsSpace: false, emptyKeepsLead: false, separator: ASCII.semicolon)
        }
    }

    /// Appends `s[start..<end]` as written (escaped) or as its template.
    private mutating func text(_ start: Int, _ end: Int, structural: Bool, plusIsSpace: Bool) {
        guard start < end else { return }
        let count = decode(start, end, plusIsSpace: plusIsSpace)
        let kind = SegmentClassifier.classify(UnsafeBufferPointer(rebasing: scratch[0..<count]), structural: structural, flag: c.flag)
        if let placeholder = kind.placeholder {
            out.append(contentsOf: placeholder.utf8)
        } else {
            appendEscaped(s, start, end, to: &out)
        }
    }

    private func decode(_ start: Int, _ end: Int, plusIsSpace: Bool) -> Int {
        percentDecode(UnsafeBufferPointer(rebasing: s[start..<end]), into: scratch, plusIsSpace: plusIsSpace)
    }

    /// Whether the path matches one of the policy's `keepPaths` templates (absolute paths
    /// only; compared on the decoded segments, `;` parameters aside).
    private func matchesKeepPath(_ start: Int, _ end: Int) -> Bool {
        guard !c.keepPaths.isEmpty, start < end, isSlash(s[start]) else { return false }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(end - start)
        var i = start
        while i < end {
            var j = i
            while j < end, !isSlash(s[j]) { j += 1 }
            var semi = i
            while semi < j, s[semi] != ASCII.semicolon { semi += 1 }
            let count = decode(i, semi, plusIsSpace: false)
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<count]))
            if j < end { decoded.append(ASCII.slash) }
            i = j + 1
        }
        let path = String(decoding: decoded, as: UTF8.self)
        return c.keepPaths.contains { $0.matches(path: path) }
    }

    // MARK: parameters

    /// Appends the parameters of `s[start..<end]` (split on `&` and `;`, or on `separator`),
    /// each kept one preceded by `lead` (first) or the separator. With `emptyKeepsLead`, an
    /// empty list that was empty to begin with keeps its lead (`/a?`).
    private mutating func parameters(
        _ start: Int, _ end: Int, lead: UInt8?, plusIsSpace: Bool, emptyKeepsLead: Bool, separator: UInt8? = nil
    ) {
        if start == end {
            if emptyKeepsLead, let lead { out.append(lead) }
            return
        }
        var first = true
        var i = start
        while i <= end {
            var j = i
            while j < end {
                let b = s[j]
                if let separator { if b == separator { break } } else if b == ASCII.ampersand || b == ASCII.semicolon { break }
                j += 1
            }
            if j > i {
                let mark = out.count
                if !first {
                    out.append(separator ?? ASCII.ampersand)
                } else if let lead {
                    out.append(lead)
                }
                if parameter(i, j, plusIsSpace: plusIsSpace) {
                    first = false
                } else {
                    out.removeSubrange(mark...)
                }
            }
            i = j + 1
        }
    }

    /// Appends one `name[=value]`; false when the parameter is removed.
    private mutating func parameter(_ start: Int, _ end: Int, plusIsSpace: Bool) -> Bool {
        var eq = start
        while eq < end, s[eq] != ASCII.equals { eq += 1 }
        guard eq > start else { return false }  // `=value` with no name: nothing to label it
        // A name holding `/` is a path in disguise (`#x=1&/orders/12`); it has no place here.
        for i in start..<eq where s[i] == ASCII.slash || s[i] == ASCII.backslash { return false }

        let nameCount = decode(start, eq, plusIsSpace: plusIsSpace)
        let allowed = c.isAllowed(UnsafeBufferPointer(rebasing: scratch[0..<nameCount]))
        if !allowed {
            // A name that is itself an identifier (`?jane@example.com`, `?8f14e45f…`).
            let kind = SegmentClassifier.classify(UnsafeBufferPointer(rebasing: scratch[0..<nameCount]), structural: true, flag: c.flag)
            if kind != .keep { return false }
        }
        if CredentialNames.isCredential(UnsafeMutableBufferPointer(rebasing: scratch[0..<nameCount])) { return false }

        appendEscaped(s, start, eq, to: &out)
        guard eq < end else { return true }
        out.append(ASCII.equals)
        guard eq + 1 < end else { return true }
        if allowed {
            text(eq + 1, end, structural: false, plusIsSpace: plusIsSpace)
        } else {
            out.append(ASCII.underscore)
        }
        return true
    }

    // MARK: fragment

    /// The fragment after `#`: a hash route, a parameter list or one segment.
    private mutating func fragment(_ start: Int, _ end: Int) {
        guard start < end else {
            out.append(ASCII.hash)
            return
        }
        var p = start
        let bangRoute = s[p] == ASCII.bang && p + 1 < end && isSlash(s[p + 1])
        if bangRoute || isSlash(s[p]) {
            // A hash route: `#/orders/123?tab=items`, `#!/orders/123`.
            out.append(ASCII.hash)
            if bangRoute {
                out.append(ASCII.bang)
                p += 1
            }
            var pathEnd = p
            while pathEnd < end, s[pathEnd] != ASCII.question { pathEnd += 1 }
            path(p, pathEnd)
            if pathEnd < end {
                parameters(pathEnd + 1, end, lead: ASCII.question, plusIsSpace: true, emptyKeepsLead: true)
            }
            return
        }
        for i in p..<end where s[i] == ASCII.equals || s[i] == ASCII.ampersand {
            // `#access_token=…&token_type=bearer&state=…` (OAuth implicit flow), `#:~:text=…`.
            parameters(p, end, lead: ASCII.hash, plusIsSpace: true, emptyKeepsLead: false)
            return
        }
        out.append(ASCII.hash)
        text(p, end, structural: true, plusIsSpace: false)
    }
}

private let forbiddenHostByte: [Bool] = (0..<256).map { b in
    if b <= 0x20 || b == 0x7F { return true }
    return Array(#"<>^|"'{}`\%@[]"#.utf8).contains(UInt8(b))
}
