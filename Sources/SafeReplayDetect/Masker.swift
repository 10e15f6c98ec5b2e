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
        var text = text
        return text.withUTF8 { utf8 in mask(utf8, count: ranges.count) { (ranges[$0], types[$0]) } }
    }

    /// `utf8` with `count` byte ranges (sorted, disjoint, on scalar boundaries, from `value`)
    /// masked, written straight into the new string's storage.
    func mask(_ utf8: UnsafeBufferPointer<UInt8>, count: Int,
              _ value: (Int) -> (range: Range<Int>, type: PIIType)) -> String {
        // A fixed or typed mask is at most 15 bytes (`[CARD ****1111]`); a per-character mask
        // at most one mask character per byte of the value.
        var perByte = 1
        if case .preserveLength(let maskCharacter) = style { perByte = max(1, maskCharacter.utf8.count) }
        return String(unsafeUninitializedCapacity: utf8.count * perByte + 16 * count) { buffer in
            var out = ByteWriter(buffer)
            var last = 0
            for k in 0..<count {
                let (range, type) = value(k)
                out.put(UnsafeBufferPointer(rebasing: utf8[last..<range.lowerBound]))
                writeMask(of: UnsafeBufferPointer(rebasing: utf8[range]), type: type, to: &out)
                last = range.upperBound
            }
            out.put(UnsafeBufferPointer(rebasing: utf8[last...]))
            return out.written
        }
    }

    func writeMask(of value: UnsafeBufferPointer<UInt8>, type: PIIType, to out: inout ByteWriter) {
        switch style {
        case .fixed:
            out.put(MaskStyle.fixedMaskBytes)
        case .typed(let revealCardLastFour) where !(revealCardLastFour && type == .creditCard):
            out.put(type.placeholderBytes)
        default:
            // Per character (preserveLength) or the card's last four: the string path.
            var mask = ""
            appendMask(of: Substring(String(decoding: value, as: UTF8.self)), type: type, to: &mask)
            mask.withUTF8 { out.put($0) }
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
