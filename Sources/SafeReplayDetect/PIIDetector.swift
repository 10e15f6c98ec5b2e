/// Finds PII and secrets in text: one pass over the UTF-8 bytes, candidates validated
/// before they are reported (see docs/detectors.md for each detector's rules).
///
/// Immutable and `Sendable`: build one and share it across threads.
public struct PIIDetector: Sendable {
    /// The detectors that run.
    public let types: Set<PIIType>
    let enabled: UInt16

    public init(types: Set<PIIType> = Set(PIIType.allCases)) {
        self.types = types
        self.enabled = types.reduce(0) { $0 | $1.bit }
    }

    /// The values found in `text`: sorted, non-overlapping, offsets in Unicode scalars.
    public func detect(_ text: String) -> [PIISpan] {
        guard enabled != 0, !text.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { utf8 -> [PIISpan] in
            let candidates = self.candidates(in: utf8)
            return candidates.isEmpty ? [] : Self.scalarSpans(candidates, in: utf8)
        }
    }

    /// Spans and their UTF-8 byte ranges, so that masking need not walk the text again.
    func detectWithByteRanges(_ text: String) -> (spans: [PIISpan], byteRanges: [Range<Int>]) {
        guard enabled != 0, !text.isEmpty else { return ([], []) }
        var text = text
        return text.withUTF8 { utf8 in
            let candidates = self.candidates(in: utf8)
            if candidates.isEmpty { return ([], []) }
            return (Self.scalarSpans(candidates, in: utf8), candidates.map { $0.start..<$0.end })
        }
    }

    /// Sorted, non-overlapping candidates in byte offsets.
    func candidates(in utf8: UnsafeBufferPointer<UInt8>) -> [Candidate] {
        guard let base = utf8.baseAddress else { return [] }
        var scan = PIIScan(base: base, count: utf8.count, enabled: enabled, stopAtFirst: false)
        scan.run()
        scan.candidates.resolveOverlaps()
        return scan.candidates
    }

    /// Whether `text` holds any PII. Stops at the first validated value, so clean text (what
    /// the pipeline mostly sees) costs one table lookup per byte and no allocation.
    public func containsPII(_ text: String) -> Bool {
        guard enabled != 0, !text.isEmpty else { return false }
        var text = text
        return text.withUTF8 { utf8 -> Bool in
            guard let base = utf8.baseAddress else { return false }
            var scan = PIIScan(base: base, count: utf8.count, enabled: enabled, stopAtFirst: true)
            scan.run()
            return !scan.candidates.isEmpty
        }
    }

    /// Byte offsets to scalar offsets, in one walk up to the last span's end.
    static func scalarSpans(_ candidates: [Candidate], in utf8: UnsafeBufferPointer<UInt8>) -> [PIISpan] {
        var byte = 0
        var scalars = 0
        let raw = UnsafeRawPointer(utf8.baseAddress!)
        func advance(to target: Int) {
            // Eight bytes at a time: every byte that is not a continuation byte (10xxxxxx)
            // starts a scalar.
            while byte + 8 <= target {
                let word = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    scalars += 8
                } else {
                    let continuation = high & ~(word << 1)
                    scalars += 8 - continuation.nonzeroBitCount
                }
                byte += 8
            }
            while byte < target {
                if utf8[byte] & 0xC0 != 0x80 { scalars += 1 }
                byte += 1
            }
        }
        return [PIISpan](unsafeUninitializedCapacity: candidates.count) { spans, initialized in
            for (k, c) in candidates.enumerated() {
                advance(to: c.start)
                let start = scalars
                advance(to: c.end)
                (spans.baseAddress! + k).initialize(to: PIISpan(start: start, end: scalars, type: c.type))
            }
            initialized = candidates.count
        }
    }
}
