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
        guard detector.enabled != 0, !text.isEmpty else { return ScrubResult(text: text, spans: []) }
        return PIIDetector.withUTF8(of: text) { utf8 in
            detector.withCandidates(in: utf8) { candidates in
                if candidates.isEmpty { return ScrubResult(text: text, spans: []) }
                let spans = PIIDetector.scalarSpans(candidates, in: utf8)
                let masked = masker.mask(utf8, count: candidates.count) { (candidates[$0].start..<candidates[$0].end, candidates[$0].type) }
                return ScrubResult(text: masked, spans: spans)
            }
        }
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
