/// How an attribute's value is treated, by its name.
enum AttributeKind {
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

    init(name: String) {
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
}
