import SafeReplayDetect
import SafeReplayModel
import SafeReplayPolicy

/// The one seam between the web sanitizer and the text libraries it relies on: the PII
/// detectors and masking styles (every string shown), the URL canonicalizer (every URL
/// emitted) and route templating (drift alerts, interaction logs).
///
/// A class: as a 144-byte struct held by the content and CSS sanitizers it was copied onto
/// the stack for every text it scrubbed (and every style it sanitized).
final class TextGuard {
    let detector: PIIDetector
    let scrubber: Scrubber
    let textMasker: Masker
    let inputMasker: Masker
    let urls: URLCanonicalizer
    /// The text style's mask as a byte, when it is `preserveLength` with an ASCII character
    /// (``maskText(_:)``'s fast path). Asked of the style's `Character` for every masked
    /// text, it cost about 240 instructions each time.
    let textMaskByte: UInt8?

    init(policy: Policy) {
        urls = URLCanonicalizer(policy: policy)
        detector = PIIDetector(types: Set(policy.detectors.enabled.compactMap(PIIType.init(rawValue:))))
        scrubber = Scrubber(detector: detector, style: Self.style(policy.detectors.maskStyle, policy))
        textMasker = Masker(style: Self.style(policy.text.maskStyle, policy))
        inputMasker = Masker(style: Self.style(policy.inputs.maskStyle, policy))
        if case .preserveLength(let c) = textMasker.style { textMaskByte = c.asciiValue } else { textMaskByte = nil }
    }

    static func style(_ name: MaskStyleName, _ policy: Policy) -> MaskStyle {
        switch name {
        case .preserveLength: return .preserveLength(maskCharacter: policy.text.maskCharacter)
        case .fixed: return .fixed
        case .typed: return .typed(revealCardLastFour: policy.detectors.revealCardLastFour)
        }
    }

    // MARK: detectors

    /// Text the rules allow: passes the detectors, which mask what they flag.
    func scrubShownText(_ text: String, audit: inout AuditCounters) -> String {
        guard !Self.isBlank(text) else { return text }
        return scrubShownText(nonBlank: text, audit: &audit)
    }

    /// `scrubShownText(_:audit:)` of a text the caller found not blank (a text node's
    /// content is tested once, not twice).
    func scrubShownText(nonBlank text: String, audit: inout AuditCounters) -> String {
        let result = scrubber.scrub(text)
        for span in result.spans { audit.detect(span.type.rawValue) }
        return result.text
    }

    /// Whether a detector flags anything in `text` (for values dropped rather than masked).
    func containsPII(_ text: String) -> Bool {
        !Self.isBlank(text) && detector.containsPII(text)
    }

    // MARK: URLs

    /// The canonical form of a URL the page carries, or `nil` when it must not be emitted.
    func canonicalizeURL(_ url: String) -> String? { urls.canonicalize(url) }

    /// A `srcset` with each candidate canonicalized; `nil` when none may be emitted.
    func canonicalizeSrcset(_ srcset: String) -> String? { urls.canonicalizeSrcset(srcset) }

    /// CSS text with every `url(…)`, `@import` and `image-set` URL canonicalized.
    func canonicalizeCSS(_ css: String) -> String { urls.canonicalizeCSS(css) }

    /// The route template of a URL path (`/orders/123` → `/orders/:id`).
    func routeTemplate(path: String) -> String { urls.routeTemplate(path: path) }

    // MARK: masking

    /// Page text masked with the text style.
    func maskText(_ text: String) -> String {
        // The common case (ASCII, preserveLength) without the general masker's Character walk.
        if let m = textMaskByte, let fast = Self.preserveLengthASCII(text, m) { return fast }
        return textMasker.mask(text)
    }

    /// Every non-whitespace byte becomes `mask`, for ASCII text; `nil` otherwise.
    static func preserveLengthASCII(_ text: String, _ mask: UInt8) -> String? {
        // Over the bytes in place: the UTF-8 view's iterator costs more per byte than the work.
        let fast: String?? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            for b in utf8 where b >= 0x80 { return nil }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                for i in 0..<utf8.count {
                    let b = utf8[i]
                    buffer[i] = (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? b : mask
                }
                return utf8.count
            }
        }
        if let fast { return fast }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            var i = 0
            for b in text.utf8 {
                buffer[i] = (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? b : mask
                i += 1
            }
            return i
        }
    }

    /// A field value masked with the input style.
    func maskValue(_ value: String) -> String { value.isEmpty ? "" : inputMasker.mask(value) }

    /// A hard-floor value: always the fixed mask, which hides the length too.
    func maskHardFloor(_ value: String) -> String { value.isEmpty ? "" : Self.hardFloorMasker.mask(value) }

    private static let hardFloorMasker = Masker(style: .fixed)

    /// Whether `text` is empty or only whitespace (nothing to protect).
    static func isBlank(_ text: String) -> Bool {
        // Most text starts with a visible byte: one look, without the UTF-8 view's iterator.
        let fast: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            for b in utf8 where !(b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C) { return false }
            return true
        }
        if let fast { return fast }
        for b in text.utf8 where !(b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C) {
            return false
        }
        return true
    }
}
