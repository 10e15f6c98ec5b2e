import SafeReplayModel
import SafeReplayPolicy

/// Decides what a node's text and attributes become, from the node's state and the
/// current fidelity. Shared by snapshots, mutation adds, text and attribute mutations.
///
/// A class: as a 240-byte struct it was copied onto the stack for every element whose
/// attributes the node writer sanitized.
final class ContentSanitizer {
    let guardrail: TextGuard
    let css: CSSSanitizer
    /// Attribute names seen, and their ``AttributeKind`` (raw value), plus `needsEscape`
    /// for a name that is not written from its words (``JSONBytes/isSmallPlain(_:)``).
    let attributeKinds = SmallStringCache()
    /// Short structural values (`class`, `type`, …) seen, and whether a detector flags
    /// them (1) or not (0, or 2 for a value not written from its words): the same value
    /// recurs on most elements of a page.
    let plainValuesFlagged = SmallStringCache()
    /// Marks a remembered name or value that ``keepsSmallPlain(name:text:)`` must not
    /// hand to ``JSONBytes/smallPlainPair(_:_:after:)``: it was tested for every attribute
    /// written, though it is a function of the words remembered.
    private static let needsEscape: UInt64 = 0x100

    /// `AttributeValue.string`'s tag byte for ``EntryWords/read(_:stringTag:)``; `nil`
    /// when entries are not laid out as it reads them.
    let entryStringTag = EntryWords.stringTag()
    /// The words of `"selected"`, the one `.plain` name whose keeping depends on the state.
    let selectedWords = unsafeBitCast("selected", to: (UInt64, UInt64).self)

    init(policy: Policy) {
        guardrail = TextGuard(policy: policy)
        css = CSSSanitizer(guardrail: guardrail)
    }

    /// What the capture mode adds to the rules: `masked-replay` masks every text that no
    /// `unmask` rule allows, and every field value.
    struct Mode {
        var masksAllText: Bool
    }

    /// Whether page text in a node with this state is masked (else shown through the detectors).
    @inline(__always)
    func masksText(_ st: NodeState, _ mode: Mode) -> Bool {
        if st.masksText { return true }
        if st.contains(.unmasked) { return false }
        return mode.masksAllText || st.contains(.levelMasked)
    }

    /// The text content of a text node, given its parent element.
    func text(_ text: String, parent: Int32, state st: NodeState, isStyle: Bool, in mirror: Mirror, mode: Mode, audit: inout AuditCounters) -> String {
        if isStyle || (parent != Mirror.none && mirror.hasTag(parent, .style)) {
            return css.sanitize(text, audit: &audit)
        }
        if TextGuard.isBlank(text) { return text }
        if st.contains(.inField) {
            return fieldValue(text, state: st, allowed: st.contains(.inAllowedField), mode: mode, audit: &audit) ?? ""
        }
        if masksText(st, mode) {
            audit.mask(st.masksText ? AuditMaskReason.textRule : .textLevel)
            return guardrail.maskText(text)
        }
        return guardrail.scrubShownText(nonBlank: text, audit: &audit)
    }

    /// A field's value (attribute, text child, input event); `nil` when it is never emitted.
    func fieldValue(_ value: String, state st: NodeState, allowed: Bool, mode: Mode, audit: inout AuditCounters) -> String? {
        if st.contains(.valueDropped) {
            audit.drop("hard-floor:value")
            return nil
        }
        if value.isEmpty { return value }
        if st.contains(.hardFloor) || st.contains(.hardMasked) {
            audit.mask(.hardFloor)
            return guardrail.maskHardFloor(value)
        }
        if allowed && !mode.masksAllText && !st.contains(.ruleMasked) {
            return guardrail.scrubShownText(value, audit: &audit)
        }
        audit.mask(.input)
        return guardrail.maskValue(value)
    }

    /// One attribute of an emitted (not blocked) element; `nil` drops it.
    func attribute(_ name: String, _ value: AttributeValue, of s: Int32, state st: NodeState, in mirror: Mirror, mode: Mode, audit: inout AuditCounters) -> AttributeValue? {
        guard case .string(let text) = value else {
            if case .styleDiff(let diff) = value { return .styleDiff(styleDiff(diff, audit: &audit)) }
            return value
        }
        switch kind(of: name) {
        case .drop:
            audit.drop("attribute:" + (name.hasPrefix("on") ? "handler" : name))
            return nil
        case .url:
            guard let url = guardrail.canonicalizeURL(text) else {
                audit.drop(.url)
                return nil
            }
            return .string(url)
        case .urlList:
            return srcset(text, audit: &audit).map(AttributeValue.string)
        case .css:
            return .string(css.sanitize(text, audit: &audit))
        case .value:
            if st.contains(.field) || st.contains(.inField) {
                let allowed = st.contains(.allowedField) || st.contains(.inAllowedField)
                return fieldValue(text, state: st, allowed: allowed, mode: mode, audit: &audit).map(AttributeValue.string)
            }
            return pageText(text, state: st, mode: mode, audit: &audit)
        case .text:
            // Lengths first: a String comparison per attribute showed in profiles.
            if name.utf8.count == 7, name == "content", mirror.knownTag(s) == .meta { return metaContent(text, of: s, in: mirror, state: st, mode: mode, audit: &audit) }
            if !masksAttributeText(st, mode), Self.holdsURL(name, text) { return embeddedURL(name, text, audit: &audit) }
            return pageText(text, state: st, mode: mode, audit: &audit)
        case .plain:
            if name.utf8.count == 8, name == "selected", st.contains(.inField), !st.contains(.inAllowedField) || mode.masksAllText {
                audit.drop("attribute:selected")
                return nil
            }
            if Self.holdsURL(name, text) { return embeddedURL(name, text, audit: &audit) }
            // Only values found not blank are remembered: a remembered one skips `isBlank`.
            let flagged = plainValuesFlagged.value(for: text).map { $0 == 1 } ?? (!TextGuard.isBlank(text) && flagsPlainValue(text))
            if flagged {
                audit.drop("attribute:detected")
                return nil
            }
            return value
        }
    }

    /// Whether a string attribute whose name and value are small strings (their two words
    /// each) is kept as it is, decided from remembered answers alone: the `.plain` case of
    /// ``attribute(_:_:of:state:in:mode:audit:)`` (`class="card"`, the most common attribute)
    /// without the copies of its strings, and written from their words: `true` only when
    /// both need no escape. `false`: ask `attribute`, which decides every case.
    @inline(__always)
    func keepsSmallPlain(name: (UInt64, UInt64), text: (UInt64, UInt64)) -> Bool {
        guard attributeKinds.value(words: name) == UInt64(AttributeKind.plain.rawValue), name != selectedWords else { return false }
        // `holdsURL`'s first-byte test; an empty value cannot hold a URL.
        let first = UInt8(truncatingIfNeeded: text.0)
        if (text.1 >> 56) & 0xF != 0 && (first == UInt8(ascii: "/") || first | 0x20 == UInt8(ascii: "h")) { return false }
        // Only values found not blank, not flagged and needing no escape are remembered as 0.
        return plainValuesFlagged.value(words: text) == 0
    }

    /// `AttributeKind(name:)`, remembered for short names.
    @inline(__always)
    private func kind(of name: String) -> AttributeKind {
        if let raw = attributeKinds.value(for: name), let kind = AttributeKind(rawValue: UInt8(truncatingIfNeeded: raw)) { return kind }
        let kind = AttributeKind(name: name)
        attributeKinds.store(UInt64(kind.rawValue) | (Self.isSmallPlain(name) ? 0 : Self.needsEscape), for: name)
        return kind
    }

    /// `guardrail.containsPII(text)`, remembered for short values (a pure function of them;
    /// the caller looks a remembered answer up first).
    @inline(__always)
    private func flagsPlainValue(_ text: String) -> Bool {
        let flagged = guardrail.containsPII(text)
        plainValuesFlagged.store(flagged ? 1 : Self.isSmallPlain(text) ? 0 : 2, for: text)
        return flagged
    }

    /// Whether `s` is a small string written from its words. (A cache only remembers
    /// strings when the layout holds: otherwise the answer is never read.)
    private static func isSmallPlain(_ s: String) -> Bool {
        JSONBytes.plainWords(of: s) != nil
    }

    /// Whether a text-carrying attribute is masked: with the element's text, inside a field's
    /// text, and on every hard-floor field (a file input's `title` or `data-*` can name the file).
    @inline(__always)
    private func masksAttributeText(_ st: NodeState, _ mode: Mode) -> Bool {
        masksText(st, mode) || st.contains(.inField) || st.contains(.hardFloor)
    }

    private func pageText(_ text: String, state st: NodeState, mode: Mode, audit: inout AuditCounters) -> AttributeValue {
        if TextGuard.isBlank(text) { return .string(text) }
        if masksAttributeText(st, mode) {
            audit.mask(.attribute)
            return .string(guardrail.maskText(text))
        }
        return .string(guardrail.scrubShownText(text, audit: &audit))
    }

    static let tokenMetaNames: [Substring] = ["csrf", "token", "nonce", "secret", "session", "api-key", "apikey", "signature"]

    /// `<meta content>`: dropped for token-carrying names and whenever a detector flags it.
    private func metaContent(_ text: String, of s: Int32, in mirror: Mirror, state st: NodeState, mode: Mode, audit: inout AuditCounters) -> AttributeValue? {
        let name = (mirror.stringAttribute("name", of: s) ?? mirror.stringAttribute("property", of: s) ?? mirror.stringAttribute("http-equiv", of: s) ?? "").lowercased()
        if Self.tokenMetaNames.contains(where: { name.contains($0) }) {
            audit.drop("meta:token")
            return nil
        }
        if mirror.stringAttribute("http-equiv", of: s)?.lowercased() == "refresh" { return refreshContent(text, audit: &audit) }
        if Self.isAbsoluteURL(text) {
            // `og:url`, `og:image`, `twitter:image`, …: a URL like any other.
            guard let url = guardrail.canonicalizeURL(text) else {
                audit.drop(.url)
                return nil
            }
            return .string(url)
        }
        if guardrail.containsPII(text) {
            audit.drop("meta:detected")
            return nil
        }
        return pageText(text, state: st, mode: mode, audit: &audit)
    }

    /// `<meta http-equiv=refresh content="5; url=…">`: the delay kept, the URL canonicalized;
    /// dropped when the URL may not be emitted or the content does not parse.
    private func refreshContent(_ text: String, audit: inout AuditCounters) -> AttributeValue? {
        var rest = Substring(text).drop { $0.isWhitespace }
        let delay = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        rest = rest.dropFirst(delay.count).drop { $0.isWhitespace }
        guard !delay.isEmpty else {
            audit.drop("meta:refresh")
            return nil
        }
        if rest.isEmpty { return .string(String(delay)) }
        guard rest.first == ";" || rest.first == "," else {
            audit.drop("meta:refresh")
            return nil
        }
        rest = rest.dropFirst().drop { $0.isWhitespace }
        if rest.prefix(3).lowercased() == "url" {
            let afterName = rest.dropFirst(3).drop { $0.isWhitespace }
            if afterName.first == "=" { rest = afterName.dropFirst().drop { $0.isWhitespace } }
        }
        if let quote = rest.first, quote == "'" || quote == "\"" {
            rest = rest.dropFirst()
            if let end = rest.firstIndex(of: quote) { rest = rest[..<end] }
        }
        guard let url = guardrail.canonicalizeURL(String(rest)) else {
            audit.drop(.url)
            return nil
        }
        return .string(delay + "; url=" + url)
    }

    /// Whether an attribute that is not a URL attribute holds URLs anyway: lazy-loading
    /// `data-src`/`data-srcset`, framework attributes (`hx-get`, `ng-href`, `data-url`).
    /// The first byte is checked inline: most values cannot be URLs, and the call and the
    /// generic `utf8.first` cost more than the test.
    @inline(__always)
    static func holdsURL(_ name: String, _ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return false }
        let first = utf8[utf8.startIndex]
        return (first == UInt8(ascii: "/") || first | 0x20 == UInt8(ascii: "h")) && holdsURL(name, text, first: first)
    }

    /// `holdsURL(_:_:)` past its first-byte test.
    private static func holdsURL(_ name: String, _ text: String, first: UInt8) -> Bool {
        if isAbsoluteURL(text) { return true }
        if first == UInt8(ascii: "/"), text.utf8.count > 1, !text.utf8.contains(where: { $0 <= 0x20 }) { return true }
        return isSrcsetName(name)
    }

    static func isSrcsetName(_ name: String) -> Bool {
        name.utf8.count >= 6 && name.utf8.suffix(6).elementsEqual("srcset".utf8) { a, b in a | 0x20 == b }
    }

    /// A URL (or a srcset, by the attribute's name) found in another attribute; `nil` drops it.
    private func embeddedURL(_ name: String, _ text: String, audit: inout AuditCounters) -> AttributeValue? {
        if Self.isSrcsetName(name) { return srcset(text, audit: &audit).map(AttributeValue.string) }
        guard let url = guardrail.canonicalizeURL(text) else {
            audit.drop(.url)
            return nil
        }
        return .string(url)
    }

    /// Whether `text` is an absolute or scheme-relative http(s) URL.
    static func isAbsoluteURL(_ text: String) -> Bool {
        let t = text.utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }
        guard let first = t.first, first == UInt8(ascii: "/") || first | 0x20 == UInt8(ascii: "h") else { return false }
        if t.starts(with: "//".utf8) { return true }
        // Compared folded in place: no copy of the value (this runs for many attributes).
        return t.starts(with: "http://".utf8) { $0 | 0x20 == $1 } || t.starts(with: "https://".utf8) { $0 | 0x20 == $1 }
    }

    /// `srcset`: each candidate URL canonicalized, candidates that may not be emitted removed.
    private func srcset(_ text: String, audit: inout AuditCounters) -> String? {
        guard let canonical = guardrail.canonicalizeSrcset(text) else {
            audit.drop(.url)
            return nil
        }
        return canonical
    }

    /// A style attribute diff (`{prop: value | [value, priority] | false}`).
    func styleDiff(_ diff: JSONObject, audit: inout AuditCounters) -> JSONObject {
        var out = JSONObject()
        for member in diff.members {
            switch member.value {
            case .string(let v):
                out.append(member.key, .string(css.sanitizeValue(v, property: member.key, audit: &audit)))
            case .array(let pair):
                if let v = pair.first?.stringValue {
                    var cleaned = pair
                    cleaned[0] = .string(css.sanitizeValue(v, property: member.key, audit: &audit))
                    out.append(member.key, .array(cleaned.map { $0.stringValue == nil ? .string("") : $0 }))
                }
            case .bool(false):
                out.append(member.key, .bool(false))
            default:
                audit.drop("style-diff")
            }
        }
        return out
    }
}
