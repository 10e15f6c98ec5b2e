/// Values held as trees (``JSONValue``, ``JSONObject``): unknown keys kept beside typed
/// fields, and payloads the core passes through after sanitizing.
extension JSONWriter {
    public func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int64(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let a):
            beginArray()
            for element in a { self.value(element) }
            endArray()
        case .object(let o):
            object(o)
        }
    }

    public func object(_ object: JSONObject) {
        beginObject()
        members(of: object)
        endObject()
    }

    /// Writes the members of `object` into the object being written (for unknown keys
    /// kept beside typed fields).
    @inline(__always)
    public func members(of object: JSONObject) {
        // Nearly every typed object has none: the check stays at the call site.
        if !object.members.isEmpty { writeMembers(object.members) }
    }

    @inline(never)
    private func writeMembers(_ members: [JSONObject.Member]) {
        for member in members {
            key(member.key)
            value(member.value)
        }
    }
}
