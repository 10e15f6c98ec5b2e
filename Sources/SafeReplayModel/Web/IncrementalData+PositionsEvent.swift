extension IncrementalData {
    /// The start of a pointer-positions IncrementalSnapshot event, up to the positions
    /// array's `[`, for a writer that writes each position as it decides to keep it (the
    /// web stage) instead of collecting them in an array first. Followed by
    /// `JSONWriter.pointerPosition` for each position and ``endPositionsEvent(timestamp:into:)``,
    /// it writes the bytes ``encodeEvent(timestamp:into:)`` writes for
    /// `.pointerPositions(source, PointerPositionsData(positions:))`. In this module for the
    /// reason `encodeEvent` is (the keys fold into constant stores).
    public static func beginPositionsEvent(source: IncrementalSource, into w: inout JSONWriter) {
        w.beginObject()
        Event.writeType(.incrementalSnapshot, into: &w)
        w.beginObject()
        w.key("source")
        w.int(source.rawValue)
        w.key("positions")
        w.beginArray()
    }

    /// Closes what ``beginPositionsEvent(source:into:)`` opened: the array, the data (no
    /// unknown keys) and the event with its timestamp.
    public static func endPositionsEvent(timestamp: Int64, into w: inout JSONWriter) {
        w.endArray()
        w.endObject()
        w.key("timestamp")
        w.int64(timestamp)
        w.endObject()
    }
}
