/// Writes masks in one ``MaskStyle``: over a whole field (a masked text node, an input's
/// value), or over just the spans a detector found.
public struct Masker: Sendable, Equatable {
    public var style: MaskStyle

    /// Used by `.typed` for a whole field whose type is unknown.
    public static let redactedPlaceholder = "[REDACTED]"

    public init(style: MaskStyle) {
        self.style = style
    }

    /// The whole of `field`, masked. `type` names what it holds, for `.typed`.
    public func mask(_ field: String, type: PIIType? = nil) -> String {
        var out = ""
        appendMask(of: Substring(field), type: type, to: &out)
        return out
    }

    /// `text` with each span masked and everything else kept. `spans` must be sorted and
    /// non-overlapping, offsets in Unicode scalars (as ``PIIDetector/detect(_:)`` returns);
    /// spans past the end of the text are clamped.
    public func mask(_ text: String, spans: [PIISpan]) -> String {
        if spans.isEmpty { return text }
        let scalars = text.unicodeScalars
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = scalars.startIndex
        var offset = 0
        for span in spans {
            guard span.start >= offset, span.end > span.start else { continue }
            let start = scalars.index(index, offsetBy: span.start - offset, limitedBy: scalars.endIndex) ?? scalars.endIndex
            let end = scalars.index(start, offsetBy: span.end - span.start, limitedBy: scalars.endIndex) ?? scalars.endIndex
            out.unicodeScalars.append(contentsOf: scalars[index..<start])
            appendMask(of: Substring(scalars[start..<end]), type: span.type, to: &out)
            index = end
            offset = span.end
            if end == scalars.endIndex { break }
        }
        out.unicodeScalars.append(contentsOf: scalars[index...])
        return out
    }

    func appendMask(of value: Substring, type: PIIType?, to out: inout String) {
        switch style {
        case .preserveLength(let maskCharacter):
            for character in value {
                if character.isWhitespace {
                    out.append(character)
                } else {
                    out.append(maskCharacter)
                }
            }
        case .fixed:
            out += MaskStyle.fixedMask
        case .typed(let revealCardLastFour):
            guard let type else {
                out += Self.redactedPlaceholder
                return
            }
            if type == .creditCard, revealCardLastFour, let lastFour = Self.lastFourDigits(of: value) {
                out += "[CARD ****" + lastFour + "]"
            } else {
                out += type.placeholder
            }
        }
    }

    /// The last four ASCII digits of a card, or `nil` if it has fewer than 12 (then it is
    /// not a card we should be revealing any of).
    static func lastFourDigits(of value: Substring) -> String? {
        var digits: [UInt8] = []
        for byte in value.utf8 where isDigit(byte) { digits.append(byte) }
        guard digits.count >= 12 else { return nil }
        return String(decoding: digits.suffix(4), as: UTF8.self)
    }
}
