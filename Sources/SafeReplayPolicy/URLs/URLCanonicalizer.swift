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

    /// The compiled settings, in one object so a scan holds them without reference counting.
    let rules: URLRules

    /// The canonicalizer for one policy's URL settings, with the detectors seam `flag`.
    init(settings: URLSettings, flag: Flagger?) {
        rules = URLRules(settings: settings, flag: flag)
    }

    var flag: Flagger? { rules.flag }

    /// The canonical form of `url`, or `nil` when it must not be emitted.
    public func canonicalize(_ url: String) -> String? {
        // Native strings lend their bytes in place: `withUTF8` on a copy cost a retain and
        // a release of the input per URL.
        if let result = url.utf8.withContiguousStorageIfAvailable({ canonical($0) }) { return result }
        var url = url
        return url.withUTF8 { canonical($0) }
    }

    private func canonical(_ input: UnsafeBufferPointer<UInt8>) -> String? {
        prepared(input) { s in
            // Written straight into the string's storage: first with room for the usual
            // case, then for the worst (every byte escaped or templated).
            var result: String? = nil
            for attempt in 0..<2 {
                let bound = s.count * (attempt == 0 ? 3 : Self.worstCaseGrowth) + 64
                var ok = false
                var overflowed = false
                let string = withScratch(s.count) { scratch in
                    String(unsafeUninitializedCapacity: bound) { buffer in
                        var scan = URLScan(c: rules, s: s, scratch: scratch, out: ByteWriter(buffer), templateOnly: false)
                        ok = scan.run()
                        overflowed = scan.out.overflowed
                        return ok && !overflowed ? scan.out.count : 0
                    }
                }
                if !ok { return nil }
                if !overflowed {
                    result = string
                    break
                }
            }
            return result
        } ?? nil
    }

    /// The route template of a path or URL (`/orders/123/items/9f8e…` →
    /// `/orders/:id/items/:uuid`): the canonical path without scheme, host, query, fragment
    /// or `;` parameters. Used for drift alerts and route labels; an empty path is `/`.
    public func routeTemplate(path: String) -> String {
        var path = path
        return path.withUTF8 { input -> String in
            let template = prepared(input) { s in
                written(s, templateOnly: true) { scan in
                    let start = scan.pathStart()
                    var end = start
                    while end < s.count, s[end] != ASCII.question, s[end] != ASCII.hash { end += 1 }
                    scan.path(start, end)
                    if scan.out.count == 0 || scan.out[0] != ASCII.slash { scan.out.insert("/", at: 0) }
                    return true
                }
            }
            return (template ?? nil) ?? "/"
        }
    }

    /// Appends the canonical form of `input` to `out`; false (and `out` unchanged) when the
    /// URL must not be emitted. For srcset and CSS text.
    func append(_ input: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        guard let canonical = prepared(input, { s in written(s, templateOnly: false) { $0.run() } }), let canonical else {
            return false
        }
        out.append(contentsOf: canonical.utf8)
        return true
    }

    /// Each output byte comes from at least one input byte and no template is longer than this.
    static let worstCaseGrowth = 14

    /// Runs `body` on `input` trimmed of leading and trailing C0 controls and spaces and
    /// without tabs and newlines (browsers drop them anywhere: `java\nscript:` is
    /// `javascript:`); `nil` when the input is longer than `maxInputBytes`.
    private func prepared<T>(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        var a = 0
        var b = input.count
        while a < b, ASCII.isTrimmable(input[a]) { a += 1 }
        while b > a, ASCII.isTrimmable(input[b - 1]) { b -= 1 }
        guard b - a <= Self.maxInputBytes else { return nil }
        let trimmed = UnsafeBufferPointer(rebasing: input[a..<b])
        guard mayHoldTabOrNewline(trimmed) else { return body(trimmed) }
        for byte in trimmed where byte == 0x09 || byte == 0x0A || byte == 0x0D {
            let cleaned = trimmed.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return cleaned.withUnsafeBufferPointer { body($0) }
        }
        return body(trimmed)
    }

    /// Whether any byte is below 0x0E (tab, LF and CR are), eight bytes at a time.
    @inline(__always)
    private func mayHoldTabOrNewline(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = s.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func below0E(at i: Int) -> Bool {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            return (w &- 0x0E0E_0E0E_0E0E_0E0E) & ~w & 0x8080_8080_8080_8080 != 0
        }
        guard s.count >= 8 else { return s.contains { $0 < 0x0E } }
        var i = 0
        while i + 8 <= s.count {
            if below0E(at: i) { return true }
            i += 8
        }
        // The tail as one word that overlaps bytes already seen.
        return below0E(at: s.count - 8)
    }

    /// A scan of `s` whose output has room for the worst case, as a String; nil when `body`
    /// refuses the URL.
    private func written(_ s: UnsafeBufferPointer<UInt8>, templateOnly: Bool, _ body: (inout URLScan) -> Bool) -> String? {
        let bound = s.count * Self.worstCaseGrowth + 64
        return withScratch(s.count) { scratch in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer -> String? in
                var scan = URLScan(c: rules, s: s, scratch: scratch, out: ByteWriter(buffer), templateOnly: templateOnly)
                guard body(&scan) else { return nil }
                return String(decoding: scan.out.written, as: UTF8.self)
            }
        }
    }

    private func withScratch<T>(_ count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> T) -> T {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { body($0) }
    }

}

/// A name of up to 16 bytes as two words and a length.
struct PackedName: Equatable {
    var count: Int
    var low: UInt64 = 0
    var high: UInt64 = 0

    /// `bytes.count` must be at most 16.
    @inline(__always)
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        guard let base = bytes.baseAddress else { return }
        withUnsafeMutableBytes(of: &low) { $0.baseAddress!.copyMemory(from: base, byteCount: min(count, 8)) }
        if count > 8 {
            withUnsafeMutableBytes(of: &high) { $0.baseAddress!.copyMemory(from: base + 8, byteCount: count - 8) }
        }
    }
}

/// What a URL's scheme means for canonicalization.
enum SchemeKind {
    /// Never emitted: `javascript:`, `vbscript:`, `data:`, `blob:`, `filesystem:`.
    case forbidden
    /// A contact address: only the scheme and this placeholder remain (`mailto::email`).
    case contact(StaticString)
    /// WHATWG special schemes (authority after any run of `/` or `\`).
    case special
    case file
    case other

    init(_ scheme: UnsafeBufferPointer<UInt8>) {
        switch scheme.count {
        case 2:
            self = equalsLowercased(scheme, "ws") ? .special : equalsLowercased(scheme, "im") ? .contact(":contact") : .other
        case 3:
            if equalsLowercased(scheme, "wss") || equalsLowercased(scheme, "ftp") { self = .special }
            else if equalsLowercased(scheme, "tel") || equalsLowercased(scheme, "sms") || equalsLowercased(scheme, "fax") { self = .contact(":phone") }
            else if equalsLowercased(scheme, "sip") || equalsLowercased(scheme, "geo") {
                self = .contact(equalsLowercased(scheme, "geo") ? ":location" : ":contact")
            } else { self = .other }
        case 4:
            if equalsLowercased(scheme, "http") { self = .special }
            else if equalsLowercased(scheme, "data") || equalsLowercased(scheme, "blob") { self = .forbidden }
            else if equalsLowercased(scheme, "file") { self = .file }
            else if equalsLowercased(scheme, "sips") || equalsLowercased(scheme, "xmpp") { self = .contact(":contact") }
            else { self = .other }
        case 5:
            self = equalsLowercased(scheme, "https") ? .special : equalsLowercased(scheme, "skype") ? .contact(":contact") : .other
        case 6:
            if equalsLowercased(scheme, "mailto") { self = .contact(":email") }
            else if equalsLowercased(scheme, "callto") { self = .contact(":phone") }
            else { self = .other }
        case 8:
            if equalsLowercased(scheme, "vbscript") { self = .forbidden }
            else if equalsLowercased(scheme, "facetime") { self = .contact(":phone") }
            else { self = .other }
        case 10:
            self = equalsLowercased(scheme, "javascript") || equalsLowercased(scheme, "filesystem") ? .forbidden : .other
        case 14:
            self = equalsLowercased(scheme, "facetime-audio") ? .contact(":phone") : .other
        default:
            self = .other
        }
    }
}

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

    private var n: Int { s.count }
    /// `URLByteClass` bits by byte value.
    private var classes: UnsafeMutablePointer<UInt16> { c.classes }

    @inline(__always) private func isSlash(_ b: UInt8) -> Bool {
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

    // MARK: authority

    /// Parses `[userinfo@]host[:port]` from `start`, appends `host[:port]` (user-info
    /// dropped, host lower-cased) and returns where the authority ends; nil if malformed.
    private mutating func authority(_ start: Int, requireHost: Bool) -> Int? {
        // One pass: the end, the last `@` (user-info ends there) and whether any byte needs
        // a closer look (upper case, `[`, `:`, forbidden bytes).
        var end = start
        var hostStart = start
        var plain = true
        while end < n {
            let b = s[end]
            // Lower-case letters, digits, `.` and `-`: the common case, one load and a test.
            if classes[Int(b)] & ~URLByteClass.digit == 0 {
                end += 1
                continue
            }
            if b == ASCII.question || b == ASCII.hash || isSlash(b) { break }
            if b == ASCII.at {
                hostStart = end + 1
                plain = true
            } else {
                plain = false
            }
            end += 1
        }
        if plain {
            // Lower-case letters, digits, dots and dashes: the host as written, no port.
            if requireHost, end == hostStart { return nil }
            out.append(UnsafeBufferPointer(rebasing: s[hostStart..<end]))
            return end
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
                if isForbiddenHostByte(s[hostEnd]) { return nil }
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
            out.append(UnsafeBufferPointer(rebasing: s[portStart..<end]))
        }
        return end
    }

    // MARK: path

    /// Appends the templated path `s[start..<limit]`, which ends early at a `?` or `#` if
    /// asked; returns where it ended.
    @discardableResult
    mutating func path(_ start: Int, _ limit: Int, stopAtQuery: Bool = false, stopAtFragment: Bool = false) -> Int {
        var end = limit
        if !c.keepPaths.isEmpty {
            // `keepPaths` look at the whole path first.
            var e = start
            while e < limit, !(stopAtQuery && s[e] == ASCII.question), !(stopAtFragment && s[e] == ASCII.hash) { e += 1 }
            end = e
        }
        guard start < end else { return start }
        let structural = !matchesKeepPath(start, end)
        var i = start
        while true {
            // One pass finds the segment's end, its first `;` and any `=` before it, and
            // learns the segment's facts on the way (used when it has no `;`).
            var j = i
            var semi = -1
            var hasEquals = false
            var bits: UInt16 = 0
            var digits = 0
            while j < end {
                let b = s[j]
                let k = classes[Int(b)]
                if k & URLByteClass.pathDelimiter == 0 {
                    bits |= k
                    digits &+= Int(k & URLByteClass.digit)
                    j += 1
                    continue
                }
                if isSlash(b) { break }
                if (stopAtQuery && b == ASCII.question) || (stopAtFragment && b == ASCII.hash) {
                    end = j
                    break
                }
                if b == ASCII.semicolon {
                    if semi < 0 { semi = j }
                } else if b == ASCII.equals, semi < 0 {
                    hasEquals = true
                }
                bits |= k
                j += 1
            }
            let known = semi < 0 ? TextFacts(end: j, bits: bits, digits: digits) : nil
            segment(i, semi < 0 ? j : semi, j, hasEquals: hasEquals, structural: structural, known: known)
            guard j < end else { break }
            out.append(ASCII.slash)
            i = j + 1
        }
        return end
    }

    /// One path segment `s[start..<end]`: its text up to `semi` (templated) and its `;`
    /// parameters.
    private mutating func segment(_ start: Int, _ semi: Int, _ end: Int, hasEquals: Bool, structural: Bool, known: TextFacts?) {
        if hasEquals {
            // `/a=1&token=x` (and hash routes like `#/cb&access_token=…`): a parameter list,
            // unless the segment as a whole is an identifier.
            let kind = classify(decoded(start, semi, plusIsSpace: false), structural: structural)
            if !kind.write(into: &out) {
                parameters(start, semi, lead: nil, plusIsSpace: false, emptyKeepsLead: false)
            }
        } else {
            text(start, semi, structural: structural, plusIsSpace: false, known: known)
        }
        if semi < end, !templateOnly {
            parameters(semi + 1, end, lead: ASCII.semicolon, plusIsSpace: false, emptyKeepsLead: false, separator: ASCII.semicolon)
        }
    }

    /// Appends `s[start..<end]` as written (escaped) or as its template; `known` are its
    /// facts when the caller already learned them.
    private mutating func text(_ start: Int, _ end: Int, structural: Bool, plusIsSpace: Bool, known: TextFacts? = nil) {
        guard start < end else { return }
        let f = known ?? facts(start, end, stopAtEquals: false)
        if !template(start, end, f, structural: structural, plusIsSpace: plusIsSpace).write(into: &out) {
            appendKept(start, end, f)
        }
    }

    /// What `s[start..<end]` holds, learned in one pass (which stops at `=` if asked).
    struct TextFacts {
        var end: Int
        var digits = 0
        var hasAt = false
        var hasColon = false
        var hasPercent = false
        var hasPlus = false
        var hasSlash = false
        /// Anything but lower-case letters, digits, `-`, `.`, `@`, `:` and `%` (see
        /// `SegmentClassifier.structuralClass`).
        var nonPlain = false
        /// Bytes that are escaped on output.
        var dirty = false

        /// The facts from the union of the bytes' `URLByteClass` bits.
        @inline(__always)
        init(end: Int, bits: UInt16, digits: Int) {
            self.end = end
            self.digits = digits
            hasAt = bits & URLByteClass.at != 0
            hasColon = bits & URLByteClass.colon != 0
            hasPercent = bits & URLByteClass.percent != 0
            hasPlus = bits & URLByteClass.plus != 0
            hasSlash = bits & URLByteClass.slash != 0
            nonPlain = bits & URLByteClass.nonPlain != 0
            dirty = bits & URLByteClass.dirty != 0
        }
    }

    @inline(__always)
    private func facts(_ start: Int, _ end: Int, stopAtEquals: Bool) -> TextFacts {
        var bits: UInt16 = 0
        var digits = 0
        var i = start
        while i < end {
            let k = classes[Int(s[i])]
            if stopAtEquals, k & URLByteClass.equals != 0 { break }
            bits |= k
            digits &+= Int(k & URLByteClass.digit)
            i += 1
        }
        return TextFacts(end: i, bits: bits, digits: digits)
    }

    /// The template of `s[start..<end]`: classified in place when nothing is encoded, else
    /// on a decoded copy.
    @inline(__always)
    private func template(_ start: Int, _ end: Int, _ f: TextFacts, structural: Bool, plusIsSpace: Bool) -> SegmentTemplate {
        if f.hasPercent || (plusIsSpace && f.hasPlus) {
            let d = decoded(start, end, plusIsSpace: plusIsSpace)
            // An encoded URL or parameter list (`https%3A%2F%2Fx%2F%3Ftoken%3D…`) carries its
            // parameters past the parameter rules: the whole segment is an identifier.
            if structural, Self.delimiters(in: d) > Self.delimiters(in: UnsafeBufferPointer(rebasing: s[start..<end])) {
                return .token
            }
            return classify(d, structural: structural)
        }
        let raw = UnsafeBufferPointer(rebasing: s[start..<end])
        let (template, askDetector) = SegmentClassifier.structuralClass(
            raw, structural: structural, digits: f.digits, hasAt: f.hasAt, hasColon: f.hasColon, nonPlain: f.nonPlain)
        if let template { return template }
        guard askDetector, c.hasDetector else { return .keep }
        return SegmentClassifier.classify(raw, structural: structural, flag: c.flag)
    }

    /// How many `?`, `=`, `&` and `#` `text` holds (more once decoded: some were encoded).
    private static func delimiters(in text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in text where b == ASCII.question || b == ASCII.equals || b == ASCII.ampersand || b == ASCII.hash { count += 1 }
        return count
    }

    /// Appends kept text: copied in one go when clean, else escaped.
    @inline(__always)
    private mutating func appendKept(_ start: Int, _ end: Int, _ f: TextFacts) {
        if !f.hasPercent, !f.dirty {
            out.append(UnsafeBufferPointer(rebasing: s[start..<end]))
        } else {
            out.appendEscaped(s, start, end)
        }
    }

    /// The segment rules, and the detectors only when they could find something.
    @inline(__always)
    private func classify(_ d: UnsafeBufferPointer<UInt8>, structural: Bool) -> SegmentTemplate {
        let (template, askDetector) = SegmentClassifier.structuralClass(d, structural: structural)
        if let template { return template }
        guard askDetector, c.hasDetector else { return .keep }
        return SegmentClassifier.classify(d, structural: structural, flag: c.flag)
    }

    /// `s[start..<end]` percent-decoded for inspection: the input itself when there is
    /// nothing to decode, else a decoded copy in `scratch`.
    private func decoded(_ start: Int, _ end: Int, plusIsSpace: Bool) -> UnsafeBufferPointer<UInt8> {
        let source = UnsafeBufferPointer(rebasing: s[start..<end])
        for b in source where b == ASCII.percent || (plusIsSpace && b == ASCII.plus) {
            let count = percentDecode(source, into: scratch, plusIsSpace: plusIsSpace)
            return UnsafeBufferPointer(rebasing: scratch[0..<count])
        }
        return source
    }

    /// Whether the path matches one of the policy's `keepPaths` templates (absolute paths
    /// only; compared on the decoded segments, `;` parameters aside).
    private func matchesKeepPath(_ start: Int, _ end: Int) -> Bool {
        guard !c.keepPaths.isEmpty, start < end, isSlash(s[start]) else { return false }
        var path: [UInt8] = []
        path.reserveCapacity(end - start)
        var i = start
        while i < end {
            var j = i
            while j < end, !isSlash(s[j]) { j += 1 }
            var semi = i
            while semi < j, s[semi] != ASCII.semicolon { semi += 1 }
            path.append(contentsOf: decoded(i, semi, plusIsSpace: false))
            if j < end { path.append(ASCII.slash) }
            i = j + 1
        }
        let text = String(decoding: path, as: UTF8.self)
        return c.keepPaths.contains { $0.matches(path: text) }
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
            let j = s.firstIndex(of: separator ?? ASCII.ampersand, or: separator ?? ASCII.semicolon, from: i, to: end)
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
                    out.truncate(to: mark)
                }
            }
            i = j + 1
        }
    }

    /// Appends one `name[=value]`; false when the parameter is removed.
    private mutating func parameter(_ start: Int, _ end: Int, plusIsSpace: Bool) -> Bool {
        let f = facts(start, end, stopAtEquals: true)
        let eq = f.end
        guard eq > start else { return false }  // `=value` with no name: nothing to label it
        // A name holding `/` is a path in disguise (`#x=1&/orders/12`); it has no place here.
        if f.hasSlash { return false }

        let name = f.hasPercent || (plusIsSpace && f.hasPlus)
            ? decoded(start, eq, plusIsSpace: plusIsSpace) : UnsafeBufferPointer(rebasing: s[start..<eq])
        if CredentialNames.isCredential(name) { return false }
        let allowed = c.isAllowed(name)
        // A name that is itself an identifier (`?jane@example.com`, `?8f14e45f…`).
        if !allowed, template(start, eq, f, structural: true, plusIsSpace: plusIsSpace) != .keep { return false }

        appendKept(start, eq, f)
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
            let pathEnd = path(p, end, stopAtQuery: true)
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
