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
    /// Most of a session's events are these, and as an ``Event`` each cost an exactly sized
    /// array of positions and its free (~400 instructions). When this returns a value,
    /// `Event(json:)` decodes the same bytes to an incremental `.pointerPositions` event of
    /// that source, timestamp and positions: the same readers run in the same order (only
    /// a shape the canonical path reads is accepted). On `nil`, `Event(json:)` decodes the
    /// event, or reports its error, as it always did.
    public static func decodePointerMove(
        _ bytes: UnsafeRawBufferPointer, into positions: UnsafeMutableBufferPointer<PointerPosition>
    ) -> PointerMove? {
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
                        guard count < positions.count else { return nil }
                        positions.initializeElement(at: count, to: try PointerPosition.decodeElement(&s))
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
