/// A pointer event (mouse move, touch move, drag) read without building an ``Event``:
/// what ``Event/decodePointerMove(_:into:)`` returns, its positions in the caller's buffer.
public struct PointerMove: Sendable, Equatable {
    public var source: IncrementalSource
    public var timestamp: Int64
    /// How many positions were written to the buffer.
    public var count: Int
}

extension Event {
    /// Decodes `bytes` when it is a pointer event in rrweb's own shape,
    /// `{"type":3,"data":{"source":1|6|12,"positions":[…]},"timestamp":…}` with an integer
    /// timestamp, writing its positions to `positions`; `nil` for any other event, any
    /// other spelling of one, more positions than `positions` holds, or malformed JSON.
    ///
    /// `texts[i]` is set to the bytes of position `i` when they are exactly what
    /// ``JSONWriter/pointerPosition(x:y:id:timeOffset:)`` writes for it (the compact shape,
    /// plain integers, no `-0`), else to an empty buffer: a position kept as it came can
    /// then be copied, not written number by number. `texts` holds as many as `positions`.
    ///
    /// Most of a session's events are these, and as an ``Event`` each cost an exactly sized
    /// array of positions and its free (~400 instructions). When this returns a value,
    /// `Event(json:)` decodes the same bytes to an incremental `.pointerPositions` event of
    /// that source, timestamp and positions: the same readers run in the same order (only
    /// a shape the canonical path reads is accepted). On `nil`, `Event(json:)` decodes the
    /// event, or reports its error, as it always did.
    public static func decodePointerMove(
        _ bytes: UnsafeRawBufferPointer, into positions: UnsafeMutableBufferPointer<PointerPosition>,
        texts: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
    ) -> PointerMove? {
        if isOtherIncrementalSource(bytes) { return nil }
        let capacity = min(positions.count, texts.count)
        do throws(JSONError) {
            return try JSONScanner.withScanner(bytes) { (s: inout JSONScanner) throws(JSONError) -> PointerMove? in
                try s.beginObject()
                guard s.keyAfterOpen("type"), try s.readInt() == EventType.incrementalSnapshot.rawValue,
                      s.keyAfterValue("data")
                else { return nil }
                try s.beginObject()
                guard s.keyAfterOpen("source"), let source = IncrementalSource(rawValue: try s.readInt()),
                      source == .mouseMove || source == .touchMove || source == .drag,
                      s.keyAfterValue("positions")
                else { return nil }
                try s.beginArray()
                var count = 0
                if !s.matchArrayEnd() {
                    while try s.nextElement() {
                        guard count < capacity else { return nil }
                        let start = s.position
                        let (p, verbatim) = try PointerPosition.decodeElementNotingShape(&s)
                        let text = verbatim
                            ? UnsafeRawBufferPointer(rebasing: bytes[start..<s.position]) : UnsafeRawBufferPointer(start: nil, count: 0)
                        positions.initializeElement(at: count, to: p)
                        texts.initializeElement(at: count, to: text)
                        count &+= 1
                    }
                }
                // The timestamp as `readTimestamp` reads an integer one (a null or a
                // fraction: the full decoder).
                guard s.matchObjectEnd(), s.keyAfterValue("timestamp"), let timestamp = s.readPlainInteger(long: true),
                      timestamp < 9_000_000_000_000_000, s.matchObjectEnd()
                else { return nil }
                try s.finish()
                return PointerMove(source: source, timestamp: timestamp, count: count)
            }
        } catch {
            return nil
        }
    }
}

extension Event {
    /// rrweb's own spelling of an incremental event, up to its source's value.
    private static var incrementalPrefix: StaticString { #"{"type":3,"data":{"source":"# }

    /// Whether `bytes` is spelled as rrweb writes an incremental event whose source is one
    /// digit and not a pointer one (a click, scroll, input, mutation: four in ten of a
    /// typical session's events). ``decodePointerMove(_:into:texts:)`` returns `nil` for
    /// those after reading the same prefix with its scanner; this answers first in a few
    /// loads. `false` says nothing: any other spelling takes the scanner's path.
    @inline(__always)
    static func isOtherIncrementalSource(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = incrementalPrefix.utf8CodeUnitCount  // 27
        guard bytes.count > n &+ 1, let base = bytes.baseAddress else { return false }
        let source = base.load(fromByteOffset: n, as: UInt8.self)
        guard base.load(fromByteOffset: n &+ 1, as: UInt8.self) == UInt8(ascii: ","),
              source >= UInt8(ascii: "0"), source <= UInt8(ascii: "9"),
              source != UInt8(ascii: "0") &+ UInt8(IncrementalSource.mouseMove.rawValue),
              source != UInt8(ascii: "0") &+ UInt8(IncrementalSource.touchMove.rawValue)
        else { return false }
        let prefix = UnsafeRawPointer(incrementalPrefix.utf8Start)
        return prefix.loadUnaligned(as: UInt64.self) == base.loadUnaligned(as: UInt64.self)
            && prefix.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            && prefix.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == base.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            && prefix.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }
}

extension PointerPosition {
    /// ``decodeElement(_:)``, and whether the position's bytes are what the writer writes
    /// for it: read by the compact reader (the writer's own shape, plain integers) and no
    /// `-0` among them (negative zero, which the writer writes as `0`). Not inlined into
    /// its caller's closure, where the compact reader was called, not inlined (~60
    /// instructions a position more).
    @inline(never)
    static func decodeElementNotingShape(_ s: inout JSONScanner) throws(JSONError) -> (PointerPosition, verbatim: Bool) {
        guard let p = decodeCompact(&s) else { return (try decode(&s), false) }
        let negativeZero = (p.x == 0 && p.x.sign == .minus) || (p.y == 0 && p.y.sign == .minus)
            || (p.timeOffset == 0 && p.timeOffset.sign == .minus)
        return (p, !negativeZero)
    }
}
