/// How an attribute's value is treated, by its name.
enum AttributeKind: UInt8 {
    /// A URL: canonicalized, dropped when the canonicalizer says so.
    case url
    /// A list of URLs with descriptors (`srcset`).
    case urlList
    /// CSS text (`style`, rrweb's `_cssText`).
    case css
    /// Text a person reads (`title`, `alt`, `placeholder`, `aria-label`, `data-*`, …):
    /// masked with the element's text, else through the detectors.
    case text
    /// `value`: a field's value on form fields, text elsewhere.
    case value
    /// Never emitted: event handlers (code), `srcdoc` (a whole document), CSP nonces,
    /// inlined media (`rr_dataURL`).
    case drop
    /// Structure (`class`, `id`, `type`, `rel`, …): kept unless a detector flags it.
    case plain

    private static let byName: [String: AttributeKind] = [
        "href": .url, "src": .url, "action": .url, "formaction": .url, "poster": .url, "xlink:href": .url,
        "background": .url, "cite": .url, "longdesc": .url, "manifest": .url, "codebase": .url, "data": .url,
        "rr_src": .url, "ping": .url, "itemid": .url,
        "srcset": .urlList, "imagesrcset": .urlList,
        "style": .css, "_csstext": .css,
        "title": .text, "alt": .text, "placeholder": .text, "label": .text, "content": .text, "summary": .text,
        "abbr": .text, "download": .text, "aria-label": .text, "aria-description": .text, "aria-valuetext": .text,
        "aria-roledescription": .text, "aria-placeholder": .text, "aria-braillelabel": .text, "tooltip": .text,
        "value": .value,
        "srcdoc": .drop, "nonce": .drop, "rr_dataurl": .drop, "rr_dataURL": .drop, "_cssText": .css,
        // Common structure, listed so the lookup skips lower-casing.
        "class": .plain, "id": .plain, "type": .plain, "name": .plain, "rel": .plain, "role": .plain,
        "lang": .plain, "dir": .plain, "width": .plain, "height": .plain, "tabindex": .plain, "for": .plain,
        "method": .plain, "target": .plain, "charset": .plain, "http-equiv": .plain, "property": .plain,
        "rr_width": .plain, "rr_height": .plain, "checked": .plain, "selected": .plain, "disabled": .plain,
    ]

    /// `byName` as a byte-keyed table (its names are ASCII), and each name's kind.
    // Filled once here, then only read.
    nonisolated(unsafe) private static let names: NameTable = {
        let names = NameTable()
        for name in byName.keys.sorted() { names.insert(name) }
        return names
    }()
    private static let kinds: [AttributeKind] = byName.keys.sorted().map { byName[$0]! }

    init(name: String) {
        // ASCII names (all of them in practice) by their bytes, which decide `==` there.
        let fast: AttributeKind? = name.utf8.withContiguousStorageIfAvailable { Self.asciiKind($0) } ?? nil
        if let fast {
            self = fast
            return
        }
        if let kind = Self.byName[name] {
            self = kind
            return
        }
        let lower = name.lowercased()
        if lower != name, let kind = Self.byName[lower] {
            self = kind
        } else if lower.hasPrefix("data-") {
            self = .text
        } else if lower.hasPrefix("on") {
            self = .drop
        } else {
            self = .plain
        }
    }

    /// The kind of an ASCII name, as the general path decides it; `nil` for other names.
    private static func asciiKind(_ utf8: UnsafeBufferPointer<UInt8>) -> AttributeKind? {
        guard NameTable.isASCII(utf8) else { return nil }
        let names = Self.names
        if let k = names.index(ofASCII: utf8) { return Self.kinds[Int(k)] }
        // Lower-cased (ASCII only, as `lowercased()` does for ASCII), then the prefixes.
        var hasUpper = false
        for b in utf8 where b >= 0x41 && b <= 0x5A { hasUpper = true }
        if hasUpper {
            var lower = [UInt8](utf8)
            for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
            if let k = lower.withUnsafeBufferPointer({ names.index(ofASCII: $0) }) { return Self.kinds[Int(k)] }
        }
        func folded(_ i: Int) -> UInt8 { utf8[i] >= 0x41 && utf8[i] <= 0x5A ? utf8[i] | 0x20 : utf8[i] }
        if utf8.count >= 5 && folded(0) == 0x64 && folded(1) == 0x61 && folded(2) == 0x74 && folded(3) == 0x61 && utf8[4] == 0x2D { return .text }
        if utf8.count >= 2 && folded(0) == 0x6F && folded(1) == 0x6E { return .drop }
        return .plain
    }
}
