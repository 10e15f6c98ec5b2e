/// One canonicalization: the input, scratch buffers for decoding and for parameter names,
/// and the output.
struct URLScan {
    /// The canonicalizer's rules; it outlives every scan, so no reference counting.
    unowned(unsafe) let c: URLRules
    /// `c.tables`, copied: read on every byte and name.
    let t: URLTables
    let s: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeMutableBufferPointer<UInt8>
    /// Room for a normalized parameter name: `s.count + 8` bytes (see `CredentialNames`).
    let names: UnsafeMutablePointer<UInt8>
    var out: ByteWriter
    /// Route templates: drop `;` parameters entirely.
    let templateOnly: Bool
    /// Whether `\` separates path segments like `/` (special schemes and relative URLs).
    var backslashIsSlash = true

    /// A scan whose `scratch`, `names` and output are carved out of `buffer`, which holds
    /// `2 * s.count + 8 + outputCapacity` bytes.
    init(c: Unmanaged<URLRules>, s: UnsafeBufferPointer<UInt8>, buffer: UnsafeMutableBufferPointer<UInt8>, templateOnly: Bool) {
        self.c = c.takeUnretainedValue()
        t = c._withUnsafeGuaranteedRef { $0.tables }
        self.s = s
        let base = buffer.baseAddress!
        scratch = UnsafeMutableBufferPointer(start: base, count: s.count)
        names = base + s.count
        let outStart = Self.scratchBytes(s.count)
        out = ByteWriter(UnsafeMutableBufferPointer(start: base + outStart, count: buffer.count - outStart))
        self.templateOnly = templateOnly
    }

    /// The room `init` takes out of its buffer before the output.
    static func scratchBytes(_ count: Int) -> Int { 2 * count + 8 }

    var n: Int { s.count }
    /// `URLByteClass` bits by byte value.
    var classes: UnsafeMutablePointer<UInt16> { t.classes }

    @inline(__always) func isSlash(_ b: UInt8) -> Bool {
        b == ASCII.slash || (backslashIsSlash && b == ASCII.backslash)
    }

    mutating func run() -> Bool {
        var p = 0
        let start = out.count
        var hasScheme = false
        var hasAuthority = false
        if let (colon, low, high) = scheme() {
            hasScheme = true
            let kind = SchemeKind(count: colon, low: low, high: high)
            if case .forbidden = kind { return false }
            if colon <= 16 {
                out.append(word: low, count: min(colon, 8))
                if colon > 8 { out.append(word: high, count: colon - 8) }
            } else {
                for b in s[0..<colon] { out.append(ASCII.lower(b)) }
            }
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
        if let (colon, _, _) = scheme() { p = colon + 1 }
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
            guard ASCII.isSchemeByte(b) else { return false }
            i += 1
        }
        return false
    }

    /// The scheme (`ALPHA *( ALPHA / DIGIT / + / - / . ) :`): the index of its `:` and, when
    /// it is at most 16 bytes long, those bytes lower-cased as two little-endian words (for
    /// `SchemeKind` and the output).
    func scheme() -> (colon: Int, low: UInt64, high: UInt64)? {
        guard n > 0, ASCII.isAlpha(s[0]) else { return nil }
        // `https:` and `http:` as written, what most absolute URLs start with: one word compare.
        if n >= 8, let base = s.baseAddress {
            let w = word(base, 0)
            if w & lowBytesMask(6) == literalWord("https:") { return (5, literalWord("https"), 0) }
            if w & lowBytesMask(5) == literalWord("http:") { return (4, literalWord("http"), 0) }
        }
        var colon = 1
        while colon < n, s[colon] != ASCII.colon {
            let b = s[colon]
            guard ASCII.isSchemeByte(b) else { return nil }
            colon += 1
        }
        guard colon < n else { return nil }
        guard colon <= 16 else { return (colon, 0, 0) }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if n >= 16, let base = s.baseAddress {
            let raw = UnsafeRawPointer(base)
            low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & lowBytesMask(colon)
            if colon > 8 { high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & lowBytesMask(colon - 8) }
        } else {
            for i in 0..<colon {
                let w = UInt64(s[i]) << UInt64(8 * (i & 7))
                if i < 8 { low |= w } else { high |= w }
            }
        }
        return (colon, asciiLowercased(low), asciiLowercased(high))
    }
}
