import CSafeReplaySIMD

/// Finds PII and secrets in text: one pass over the UTF-8 bytes, candidates validated
/// before they are reported (see docs/detectors.md for each detector's rules).
///
/// Immutable and `Sendable`: build one and share it across threads.
public struct PIIDetector: Sendable {
    /// The detectors that run.
    public let types: Set<PIIType>
    let enabled: UInt16
    let tables = ScanTables()

    public init(types: Set<PIIType> = Set(PIIType.allCases)) {
        self.types = types
        self.enabled = types.reduce(0) { $0 | $1.bit }
    }

    /// The values found in `text`: sorted, non-overlapping, offsets in Unicode scalars.
    public func detect(_ text: String) -> [PIISpan] {
        guard enabled != 0, !text.isEmpty else { return [] }
        return Self.withUTF8(of: text) { utf8 -> [PIISpan] in
            withCandidates(in: utf8) { candidates in
                candidates.isEmpty ? [] : Self.scalarSpans(candidates, in: utf8)
            }
        }
    }

    /// `text`'s UTF-8 bytes, borrowed where the string holds them contiguously (native and
    /// small strings): `withUTF8` on a copy retained and released the storage every call.
    @inline(__always)
    static func withUTF8<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Scans `utf8` and hands `body` the sorted, non-overlapping candidates in byte offsets.
    /// They live in stack memory for the call only.
    @inline(__always)
    func withCandidates<R>(in utf8: UnsafeBufferPointer<UInt8>, stopAtFirst: Bool = false,
                           _ body: (CandidateBuffer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Candidate.self, capacity: CandidateBuffer.stackCapacity) { stack in
            var scan = PIIScan(base: utf8.baseAddress!, count: utf8.count, tables: tables, enabled: enabled,
                               stopAtFirst: stopAtFirst, candidates: CandidateBuffer(stack))
            scan.run()
            defer { scan.candidates.deallocate() }
            if !stopAtFirst { scan.candidates.resolveOverlaps() }
            return body(scan.candidates)
        }
    }

    /// Whether `text` holds any PII. Stops at the first validated value, so clean text (what
    /// the pipeline mostly sees) costs one table lookup per byte and no allocation.
    public func containsPII(_ text: String) -> Bool {
        guard enabled != 0, !text.isEmpty else { return false }
        return Self.withUTF8(of: text) { utf8 -> Bool in
            withCandidates(in: utf8, stopAtFirst: true) { !$0.isEmpty }
        }
    }

    /// Byte offsets to scalar offsets, in one walk up to the last span's end.
    static func scalarSpans(_ candidates: CandidateBuffer, in utf8: UnsafeBufferPointer<UInt8>) -> [PIISpan] {
        var spans = [PIISpan].filled(candidates.count, with: PIISpan(start: 0, end: 0, type: .email))
        // Most text is ASCII up to its last value, and then bytes are scalars: one check of
        // 32 bytes at a time instead of counting.
        if isASCII(utf8, upTo: candidates[candidates.count - 1].end) {
            spans.withUnsafeMutableBufferPointer { spans in
                for k in 0..<candidates.count {
                    let c = candidates[k]
                    spans[k] = PIISpan(start: c.start, end: c.end, type: c.type)
                }
            }
            return spans
        }
        var byte = 0
        var scalars = 0
        let raw = UnsafeRawPointer(utf8.baseAddress!)
        func advance(to target: Int) {
            // Eight bytes at a time: every byte that is not a continuation byte (10xxxxxx)
            // starts a scalar.
            // (Wrapping arithmetic in these loops: offsets within one string cannot overflow,
            // and the overflow checks were a branch apiece.)
            while byte &+ 8 <= target {
                let word = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    scalars &+= 8
                } else {
                    scalars &+= 8 &- Lanes.count(high & ~(word << 1))
                }
                byte &+= 8
            }
            while byte < target {
                if utf8[byte] & 0xC0 != 0x80 { scalars &+= 1 }
                byte &+= 1
            }
        }
        spans.withUnsafeMutableBufferPointer { spans in
            for k in 0..<candidates.count {
                let c = candidates[k]
                advance(to: c.start)
                let start = scalars
                advance(to: c.end)
                spans[k] = PIISpan(start: start, end: scalars, type: c.type)
            }
        }
        return spans
    }

    /// Whether `utf8[0..<end]` is all ASCII: sixty-four bytes a step with the vector unit
    /// (CSafeReplaySIMD). Eight bytes a step in Swift, this was 1.7% of detect.
    static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Bool {
        sr_is_ascii(utf8.baseAddress!, end) != 0
    }
}
