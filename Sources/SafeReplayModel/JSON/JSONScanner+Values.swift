extension JSONScanner {
    /// Reads any value into a ``JSONValue`` tree.
    public mutating func readValue() throws(JSONError) -> JSONValue {
        guard let c = peek() else { throw unexpected("a value") }
        switch c {
        case UInt8(ascii: "{"):
            try beginObject()
            return .object(JSONObject(members: try readMembersExact { (key, s) throws(JSONError) -> JSONObject.Member in
                JSONObject.Member(key: s.string(of: key), value: try s.readValue())
            }))
        case UInt8(ascii: "["):
            return .array(try readArrayExact { (s: inout JSONScanner) throws(JSONError) -> JSONValue in try s.readValue() })
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            return try readNumberValue()
        }
    }

    /// Reads an object's members as a ``JSONObject``.
    public mutating func readObject() throws(JSONError) -> JSONObject {
        guard peek() == UInt8(ascii: "{") else { throw unexpected("an object") }
        guard case .object(let o) = try readValue() else { throw unexpected("an object") }
        return o
    }

    /// Checks and skips one value without building it.
    public mutating func skipValue() throws(JSONError) {
        guard let c = peek() else { throw unexpected("a value") }
        switch c {
        case UInt8(ascii: "{"):
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            try expectLiteral("null")
        default:
            _ = try scanNumber()
        }
    }

    mutating func skipString() throws(JSONError) {
        guard position < count, base[position] == UInt8(ascii: "\"") else { throw unexpected("a string") }
        var i = position + 1
        while i < count {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                position = i + 1
                return
            }
            if c == UInt8(ascii: "\\") || c < 0x20 {
                // Rare: let the full reader check the escapes.
                _ = try readString()
                return
            }
            i += 1
        }
        position = i
        throw error("unterminated string")
    }
}

extension JSONValue {
    /// Parses one JSON document.
    public static func parse(_ bytes: some Sequence<UInt8>, maxDepth: Int = JSONScanner.defaultMaxDepth) throws(JSONError) -> JSONValue {
        try withContiguousBytes(bytes) { (raw) throws(JSONError) -> JSONValue in
            try JSONScanner.withScanner(raw, maxDepth: maxDepth) { (s: inout JSONScanner) throws(JSONError) -> JSONValue in
                let value = try s.readValue()
                try s.finish()
                return value
            }
        }
    }

    public static func parse(_ text: String, maxDepth: Int = JSONScanner.defaultMaxDepth) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}
