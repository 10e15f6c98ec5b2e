extension IncrementalData {
    /// The start of a pointer-positions IncrementalSnapshot event, up to the positions
    /// array's `[`, for a writer that writes each position as it decides to keep it (the
    /// web stage) instead of collecting them in an array first. Followed by
    /// `JSONWriter.pointerPosition` for each position and ``endPositionsEvent(timestamp:into:)``,
    /// it writes the bytes ``encodeEvent(timestamp:into:)`` writes for
    /// `.pointerPositions(source, PointerPositionsData(positions:))`. In this module for the
    /// reason `encodeEvent` is (the keys fold into constant stores).
    public static func beginPositionsEvent(source: IncrementalSource, into w: inout JSONWriter) {
        // Fragments where the bytes are fixed (here and in the end): written one key and
        // container at a time, the two cost ~75 instructions more an event.
        w.beginObject()
        w.fragment(#""type":3,"data":{"source":"#)
        w.int(source.rawValue)
        w.key("positions")
        w.beginArray()
    }

    /// Closes what ``beginPositionsEvent(source:into:)`` opened: the array, the data (no
    /// unknown keys) and the event with its timestamp.
    public static func endPositionsEvent(timestamp: Int64, into w: inout JSONWriter) {
        w.fragment(#"]},"timestamp":"#)
        w.int64(timestamp)
        w.endObject()
    }
}
