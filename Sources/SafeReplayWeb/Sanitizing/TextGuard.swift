import SafeReplayModel
import SafeReplayPolicy

/// The one seam between the web sanitizer and the text libraries it relies on: the PII
/// detectors (every string shown), the URL canonicalizer (every URL emitted) and route
/// templating (drift alerts, interaction logs).
///
/// FIXME(detect, urls): this first implementation is deliberately fail-closed while those
/// libraries land: shown text is masked whole, URLs are not emitted, and every path
/// segment is templated.
struct TextGuard {
    let textStyle: MaskStyleName
    let maskCharacter: Character
    let inputStyle: MaskStyleName

    init(policy: Policy) {
        textStyle = policy.text.maskStyle
        maskCharacter = policy.text.maskCharacter
        inputStyle = policy.inputs.maskStyle
    }

    // MARK: detectors

    /// Text the rules allow: passes the detectors, which mask what they flag.
    func scrubShownText(_ text: String, audit: inout AuditCounters) -> String {
        guard !Self.isBlank(text) else { return text }
        audit.mask("detectors-unavailable")
        return mask(text, style: textStyle)
    }

    /// Whether a detector flags anything in `text` (for values dropped rather than masked).
    func containsPII(_ text: String) -> Bool {
        !Self.isBlank(text)
    }

    // MARK: URLs

    /// The canonical form of a URL the page carries, or `nil` when it must not be emitted.
    func canonicalizeURL(_ url: String) -> String? {
        nil
    }

    /// The route template of a URL path (`/orders/123` → `/orders/:id`).
    func routeTemplate(path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + segments.map { _ in ":segment" }.joined(separator: "/")
    }

    // MARK: masking

    /// Page text masked with the text style.
    func maskText(_ text: String) -> String { mask(text, style: textStyle) }

    /// A field value masked with the input style.
    func maskValue(_ value: String) -> String { mask(value, style: inputStyle) }

    /// A hard-floor value: always the fixed mask, which hides the length too.
    func maskHardFloor(_ value: String) -> String { value.isEmpty ? "" : "****" }

    func mask(_ text: String, style: MaskStyleName) -> String {
        switch style {
        case .preserveLength: return Self.preserveLength(text, with: maskCharacter)
        case .fixed: return text.isEmpty ? "" : "****"
        case .typed: return text.isEmpty ? "" : "[REDACTED]"
        }
    }

    /// Every non-whitespace scalar becomes `mask`; whitespace is kept for layout.
    static func preserveLength(_ text: String, with mask: Character) -> String {
        let m8 = mask.asciiValue ?? UInt8(ascii: "*")
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var i = 0
                for b in text.utf8 {
                    buffer[i] = (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? b : m8
                    i += 1
                }
                return i
            }
        }
        var out = String.UnicodeScalarView()
        let m = mask.unicodeScalars.first ?? "*"
        for scalar in text.unicodeScalars {
            out.append(scalar.properties.isWhitespace ? scalar : m)
        }
        return String(out)
    }

    /// Whether `text` is empty or only whitespace (nothing to protect).
    static func isBlank(_ text: String) -> Bool {
        for b in text.utf8 where !(b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C) {
            return false
        }
        return true
    }
}
