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
        // a release of the input per URL. `self` holds the rules for the whole call, so the
        // closures take them unmanaged: capturing `self` cost a retain and a release.
        let rules = Unmanaged.passUnretained(rules)
        if let result = url.utf8.withContiguousStorageIfAvailable({ Self.canonical($0, rules) }) { return result }
        var url = url
        return url.withUTF8 { Self.canonical($0, rules) }
    }

    private static func canonical(_ input: UnsafeBufferPointer<UInt8>, _ rules: Unmanaged<URLRules>) -> String? {
        prepared(input) { s in
            // The usual case fits three output bytes per input byte; the worst (every byte
            // escaped or templated) is tried only when that overflowed. Long URLs (signed
            // links: their output is shorter) first try one byte per byte, so that scratch
            // and output stay within the 1 KiB a temporary allocation takes from the stack.
            if let result = scanned(s, rules, growth: s.count <= 190 ? 3 : 1) { return result }
            return scanned(s, rules, growth: worstCaseGrowth) ?? nil
        } ?? nil
    }

    /// The canonical form of `s` (valid UTF-8: it comes from a String), or `.some(nil)` when
    /// it must not be emitted; `nil` when the output overflowed `growth` bytes per input byte.
    private static func scanned(_ s: UnsafeBufferPointer<UInt8>, _ rules: Unmanaged<URLRules>, growth: Int) -> String?? {
        withScan(s, rules, growth: growth, templateOnly: false) { scan -> String?? in
            guard scan.run() else { return .some(nil) }
            // Spelled out: a bare `nil` here was typed `String?` and wrapped, so an overflow
            // read as a refused URL instead of asking for the retry.
            return scan.out.overflowed ? String??.none : .some(scan.out.validString())
        }
    }

    /// The route template of a path or URL (`/orders/123/items/9f8e…` →
    /// `/orders/:id/items/:uuid`): the canonical path without scheme, host, query, fragment
    /// or `;` parameters. Used for drift alerts and route labels; an empty path is `/`.
    public func routeTemplate(path: String) -> String {
        var path = path
        return path.withUTF8 { input -> String in
            let rules = Unmanaged.passUnretained(rules)
            let template = Self.prepared(input) { s in
                Self.written(s, rules, templateOnly: true) { scan in
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
        let rules = Unmanaged.passUnretained(rules)
        guard let canonical = Self.prepared(input, { s in Self.written(s, rules, templateOnly: false) { $0.run() } }), let canonical else {
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
    private static func prepared<T>(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        var a = 0
        var b = input.count
        while a < b, ASCII.isTrimmable(input[a]) { a += 1 }
        while b > a, ASCII.isTrimmable(input[b - 1]) { b -= 1 }
        guard b - a <= maxInputBytes else { return nil }
        let trimmed = UnsafeBufferPointer(rebasing: input[a..<b])
        guard mayHoldTabOrNewline(trimmed) else { return body(trimmed) }
        for byte in trimmed where byte == 0x09 || byte == 0x0A || byte == 0x0D {
            let cleaned = trimmed.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return cleaned.withUnsafeBufferPointer { body($0) }
        }
        return body(trimmed)
    }

    /// Whether any byte is below 0x0E (tab, LF and CR are), sixteen bytes at a time.
    @inline(__always)
    private static func mayHoldTabOrNewline(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = s.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        // High bits at (at least the first of) the bytes below 0x0E.
        @inline(__always) func below0E(at i: Int) -> UInt64 {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            return (w &- 0x0E0E_0E0E_0E0E_0E0E) & ~w & 0x8080_8080_8080_8080
        }
        let count = s.count
        guard count >= 8 else { return s.contains { $0 < 0x0E } }
        var i = 0
        while i &+ 16 <= count {
            if below0E(at: i) | below0E(at: i &+ 8) != 0 { return true }
            i &+= 16
        }
        // The rest as two words that may overlap bytes already seen.
        return below0E(at: min(i, count &- 8)) | below0E(at: count &- 8) != 0
    }

    /// A scan of `s` whose output has room for the worst case, as a String; nil when `body`
    /// refuses the URL. The output is validated: CSS unescaping can hand this any bytes.
    private static func written(
        _ s: UnsafeBufferPointer<UInt8>, _ rules: Unmanaged<URLRules>, templateOnly: Bool, _ body: (inout URLScan) -> Bool
    ) -> String? {
        withScan(s, rules, growth: worstCaseGrowth, templateOnly: templateOnly) { scan -> String? in
            guard body(&scan) else { return nil }
            return String(decoding: scan.out.written, as: UTF8.self)
        }
    }

    /// Runs `body` on a scan of `s` whose scratch buffers and output (`growth` bytes per
    /// input byte, plus room for a template) share one temporary allocation.
    private static func withScan<T>(
        _ s: UnsafeBufferPointer<UInt8>, _ rules: Unmanaged<URLRules>, growth: Int, templateOnly: Bool, _ body: (inout URLScan) -> T
    ) -> T {
        let bound = s.count * growth + 64
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: URLScan.scratchBytes(s.count) + bound) { buffer in
            var scan = URLScan(c: rules, s: s, buffer: buffer, templateOnly: templateOnly)
            return body(&scan)
        }
    }
}
