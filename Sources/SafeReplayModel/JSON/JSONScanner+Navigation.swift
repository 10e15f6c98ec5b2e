extension JSONScanner {
    /// A saved scanner position, to read an object a second time.
    public struct Mark: Sendable {
        let position: Int
        let depth: Int
        let afterOpen: Bool
    }

    public func mark() -> Mark {
        Mark(position: position, depth: depth, afterOpen: afterOpen)
    }

    public mutating func rewind(to mark: Mark) {
        position = mark.position
        depth = mark.depth
        afterOpen = mark.afterOpen
    }

    /// Reads the integer member `key` of the object that starts here, or `nil` when the
    /// object has none. Leaves the scanner inside the object: callers rewind afterwards.
    /// Used when a discriminant (`type`, `source`) is not the first key.
    public mutating func findInteger(_ key: StaticString) throws(JSONError) -> Int? {
        try beginObject()
        while let k = try nextKey() {
            if k == key { return try readInt() }
            try skipValue()
        }
        return nil
    }

    /// Reads a number as an optional `Double`, taking `null` as absent.
    @inline(__always)
    public mutating func readOptionalDouble() throws(JSONError) -> Double? {
        if try readNullIfPresent() { return nil }
        return try readDouble()
    }

    /// Reads an integer, taking `null` as absent.
    @inline(__always)
    public mutating func readOptionalInt() throws(JSONError) -> Int? {
        if try readNullIfPresent() { return nil }
        return try readInt()
    }

    /// Reads a boolean, taking `null` as absent.
    @inline(__always)
    public mutating func readOptionalBool() throws(JSONError) -> Bool? {
        if try readNullIfPresent() { return nil }
        return try readBool()
    }

    /// Reads an array whose elements `element` decodes.
    public mutating func readArray<T>(_ element: (inout JSONScanner) throws(JSONError) -> T) throws(JSONError) -> [T] {
        try beginArray()
        var out: [T] = []
        while try nextElement() {
            out.append(try element(&self))
        }
        return out
    }

    /// A missing-field error pointing at the object just read.
    public func missing(_ field: String, in what: String) -> JSONError {
        JSONError(offset: position, "\(what) without '\(field)'")
    }
}
