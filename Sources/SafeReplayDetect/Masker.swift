/// Writes masks in one ``MaskStyle``: over a whole field (a masked text node, an input's
/// value), or over just the spans a detector found.
public struct Masker: Sendable, Equatable {
    public var style: MaskStyle

    /// Used by `.typed` for a whole field whose type is unknown.
    static let redactedPlaceholder = "[REDACTED]"

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
        // Scalar offsets to UTF-8 offsets, in one walk.
        var ranges: [Range<Int>] = []
        var types: [PIIType] = []
        var byte = 0, scalar = 0
        let utf8 = text.utf8
        var index = utf8.startIndex
        func advance(to target: Int) {
            while scalar < target, index != utf8.endIndex {
                index = utf8.index(after: index)
                byte += 1
                while index != utf8.endIndex, utf8[index] & 0xC0 == 0x80 {
                    index = utf8.index(after: index)
                    byte += 1
                }
                scalar += 1
            }
        }
        for span in spans where span.start >= scalar && span.end > span.start {
            advance(to: span.start)
            let start = byte
            advance(to: span.end)
            ranges.append(start..<byte)
            types.append(span.type)
        }
        return mask(text, byteRanges: ranges, types: types)
    }

    /// `text` with the given UTF-8 byte ranges (sorted, disjoint, on scalar boundaries) masked.
    func mask(_ text: String, byteRanges: [Range<Int>], types: [PIIType]) -> String {
        var text = text
        return text.withUTF8 { utf8 -> String in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16 * byteRanges.count)
            var last = 0
            for (range, type) in zip(byteRanges, types) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[last..<range.lowerBound]))
                appendMask(of: UnsafeBufferPointer(rebasing: utf8[range]), type: type, to: &out)
                last = range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[last...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    func appendMask(of value: UnsafeBufferPointer<UInt8>, type: PIIType, to out: inout [UInt8]) {
        switch style {
        case .fixed:
            out.append(contentsOf: MaskStyle.fixedMask.utf8)
        case .typed(let revealCardLastFour) where !(revealCardLastFour && type == .creditCard):
            out.append(contentsOf: type.placeholder.utf8)
        default:
            // Per character (preserveLength) or the card's last four: the string path.
            var masked = ""
            appendMask(of: Substring(String(decoding: value, as: UTF8.self)), type: type, to: &masked)
            out.append(contentsOf: masked.utf8)
        }
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
