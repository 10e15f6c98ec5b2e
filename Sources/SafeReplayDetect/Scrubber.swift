/// Detects and masks in one call: what the capture pipeline runs on every string it emits.
public struct Scrubber: Sendable {
    public let detector: PIIDetector
    public let masker: Masker

    public init(detector: PIIDetector = PIIDetector(), style: MaskStyle = .typed()) {
        self.detector = detector
        self.masker = Masker(style: style)
    }

    /// `text` with every detected value masked, and the spans found (scalar offsets into
    /// the input text). Clean text comes back as is, without copying.
    public func scrub(_ text: String) -> ScrubResult {
        let (spans, byteRanges) = detector.detectWithByteRanges(text)
        if spans.isEmpty { return ScrubResult(text: text, spans: []) }
        return ScrubResult(text: masker.mask(text, byteRanges: byteRanges, types: spans.map(\.type)), spans: spans)
    }
}

/// What ``Scrubber/scrub(_:)`` returns.
public struct ScrubResult: Sendable, Equatable {
    /// The masked text.
    public var text: String
    /// The values found, in Unicode-scalar offsets of the *input* text.
    public var spans: [PIISpan]

    public init(text: String, spans: [PIISpan]) {
        self.text = text
        self.spans = spans
    }
}
