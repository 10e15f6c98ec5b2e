import SafeReplayModel

extension JSONWriter {
    /// `"name":` for one of our own field names, without escaping. A string literal
    /// handed to `key(_:)` picks its `String` overload, the escaping path (the literal's
    /// default type wins); on the touch path that costs more than the rest of the event.
    @inline(__always)
    func field(_ name: StaticString) {
        key(name)
    }
}
