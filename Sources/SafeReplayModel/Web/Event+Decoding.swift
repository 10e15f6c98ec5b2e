extension Event {
    /// Decodes one event from a complete JSON document.
    public init(json bytes: UnsafeRawBufferPointer) throws(JSONError) {
        var event: Event?
        var replaced = 0
        try Event.decodeDocument(bytes, into: &event, replacedSurrogates: &replaced)
        self = event.unsafelyUnwrapped
    }

    /// Decodes one event, adding to `replacedSurrogates` the lone-surrogate escapes its
    /// strings held (each read as U+FFFD; see ``JSONScanner/replacedSurrogates``).
    public init(json bytes: UnsafeRawBufferPointer, replacedSurrogates: inout Int) throws(JSONError) {
        var event: Event?
        try Event.decodeDocument(bytes, into: &event, replacedSurrogates: &replacedSurrogates)
        self = event.unsafelyUnwrapped
    }

    public init(json bytes: [UInt8]) throws(JSONError) {
        // Concrete on purpose: the generic path costs a metadata lookup per event.
        var event: Event?
        var failure: JSONError?
        var replaced = 0
        bytes.withUnsafeBytes { raw in
            do throws(JSONError) { try Event.decodeDocument(raw, into: &event, replacedSurrogates: &replaced) } catch { failure = error }
        }
        if let failure { throw failure }
        self = event.unsafelyUnwrapped
    }

    /// Decodes one event from a complete JSON document into `event`: written in place
    /// rather than returned, because a returned event (150 bytes) was copied at every
    /// closure of the scanner's scope (five copies per event).
    static func decodeDocument(_ bytes: UnsafeRawBufferPointer, into event: inout Event?, replacedSurrogates: inout Int) throws(JSONError) {
        try JSONScanner.withScanner(bytes) { (s: inout JSONScanner) throws(JSONError) -> Void in
            event = try Event.decode(&s)
            try s.finish()
            replacedSurrogates &+= s.replacedSurrogates
        }
    }

    public init(json: some Sequence<UInt8>) throws(JSONError) {
        self = try withContiguousBytes(json) { (raw) throws(JSONError) -> Event in try Event(json: raw) }
    }

    public init(json: String) throws(JSONError) {
        try self.init(json: json.utf8)
    }

    /// Decodes a JSON array of events (the shape of a recorded rrweb stream).
    public static func decodeArray(json bytes: UnsafeRawBufferPointer) throws(JSONError) -> [Event] {
        try JSONScanner.withScanner(bytes) { (s: inout JSONScanner) throws(JSONError) -> [Event] in
            let events = try s.readArrayExact(Event.decode)
            try s.finish()
            return events
        }
    }

    /// Decodes the event that starts at the scanner's position.
    public static func decode(_ s: inout JSONScanner) throws(JSONError) -> Event {
        let start = s.mark()
        try s.beginObject()
        let type: Int
        var firstKeyIsType = false
        if s.keyAfterOpen("type") {
            type = try s.readInt()
            firstKeyIsType = true
        } else if let first = try s.nextKey(), first == "type" {
            type = try s.readInt()
            firstKeyIsType = true
        } else {
            s.rewind(to: start)
            guard let found = try s.findInteger("type") else { throw s.missing("type", in: "event") }
            type = found
        }
        if !firstKeyIsType {
            s.rewind(to: start)
            try s.beginObject()
        }
        // The canonical order first (`type`, `data`, `timestamp`): the event is built
        // straight from locals. Whatever else follows goes through `decodeMembers`.
        guard s.keyAfterValue("data") else { return try decodeMembers(&s, type: type, body: nil, timestamp: nil) }
        let body = try decodeBody(type: type, &s)
        var timestamp: Int64?
        if s.keyAfterValue("timestamp") { timestamp = try readTimestamp(&s) }
        if s.matchObjectEnd() { return Event(timestamp: timestamp, body: body) }
        return try decodeMembers(&s, type: type, body: body, timestamp: timestamp)
    }

    /// The remaining members of an event, in any order, and the event they make.
    @inline(never)
    static func decodeMembers(_ s: inout JSONScanner, type: Int, body: Body?, timestamp: Int64?) throws(JSONError) -> Event {
        var body = body
        var timestamp = timestamp
        var unknown = JSONObject()
        while let key = try s.nextKey() {
            if key == "data" {
                body = try decodeBody(type: type, &s)
            } else if key == "timestamp" {
                timestamp = try readTimestamp(&s)
            } else if key == "type" {
                _ = try s.readInt()
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }
        guard let body else {
            switch type {
            case EventType.domContentLoaded.rawValue, EventType.load.rawValue:
                // rrweb always sends `data: {}`; a missing one means the same.
                return Event(timestamp: timestamp, body: type == 0 ? .domContentLoaded(.object([:])) : .load(.object([:])), unknownKeys: unknown)
            default:
                throw s.missing("data", in: "event of type \(type)")
            }
        }
        return Event(timestamp: timestamp, body: body, unknownKeys: unknown)
    }

    static func readTimestamp(_ s: inout JSONScanner) throws(JSONError) -> Int64? {
        let start = s.position
        if let milliseconds = s.readPlainInteger(long: true) {
            // The reader has moved past the digits: a too-large value is answered here, or
            // the double reader below would see the `,` after them and say "expected a number".
            guard milliseconds < 9_000_000_000_000_000 else { throw JSONError(offset: start, "timestamp out of range") }
            return milliseconds
        }
        if try s.readNullIfPresent() { return nil }
        let value = try s.readDouble()
        guard value.isFinite, abs(value) < 9e15 else { throw JSONError(offset: s.position, "timestamp out of range") }
        return Int64(value.rounded(.down))
    }

    static func decodeBody(type: Int, _ s: inout JSONScanner) throws(JSONError) -> Body {
        switch type {
        case EventType.domContentLoaded.rawValue: return .domContentLoaded(try s.readValue())
        case EventType.load.rawValue: return .load(try s.readValue())
        case EventType.fullSnapshot.rawValue: return .fullSnapshot(try FullSnapshotData.decode(&s))
        case EventType.incrementalSnapshot.rawValue: return .incrementalSnapshot(try IncrementalData.decode(&s))
        case EventType.meta.rawValue: return .meta(try MetaData.decode(&s))
        case EventType.custom.rawValue: return .custom(try CustomData.decode(&s))
        case EventType.plugin.rawValue: return .plugin(try PluginData.decode(&s))
        case EventType.asset.rawValue: return .asset(try s.readValue())
        default: return .unknown(type: type, data: try s.readValue())
        }
    }
}

extension FullSnapshotData {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> FullSnapshotData {
        try s.beginObject()
        var content: Content?
        var offset: ScrollOffset?
        var unknown = JSONObject()
        if s.keyAfterOpen("node") { content = .dom(try SerializedNode.decode(&s)) }
        if s.keyAfterValue("initialOffset") { offset = try ScrollOffset.decode(&s) }
        while let key = try s.nextKey() {
            if key == "node" {
                content = .dom(try SerializedNode.decode(&s))
            } else if key == "wireframes" {
                content = .wireframes(try s.readArrayExact(Wireframe.decode))
            } else if key == "initialOffset" {
                offset = try ScrollOffset.decode(&s)
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }
        guard let content else { throw s.missing("node", in: "full snapshot") }
        return FullSnapshotData(content: content, initialOffset: offset, unknownKeys: unknown)
    }
}

extension ScrollOffset {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> ScrollOffset {
        try s.beginObject()
        var offset = ScrollOffset()
        if s.key("top") { offset.top = try s.readDouble() }
        if s.key("left") { offset.left = try s.readDouble() }
        while let key = try s.nextKey() {
            if key == "top" {
                offset.top = try s.readDouble()
            } else if key == "left" {
                offset.left = try s.readDouble()
            } else {
                try s.skipValue()
            }
        }
        return offset
    }
}

extension MetaData {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> MetaData {
        try s.beginObject()
        var meta = MetaData(href: nil, width: nil, height: nil)
        if s.keyAfterOpen("href") { meta.href = try s.readOptionalString() }
        if s.keyAfterValue("width") { meta.width = try s.readOptionalDouble() }
        if s.keyAfterValue("height") { meta.height = try s.readOptionalDouble() }
        while let key = try s.nextKey() {
            if key == "href" {
                meta.href = try s.readOptionalString()
            } else if key == "width" {
                meta.width = try s.readOptionalDouble()
            } else if key == "height" {
                meta.height = try s.readOptionalDouble()
            } else {
                meta.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return meta
    }
}

extension CustomData {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> CustomData {
        try s.beginObject()
        var tag: String?
        var payload: JSONValue = .null
        var unknown = JSONObject()
        while let key = try s.nextKey() {
            if key == "tag" {
                tag = try s.readString()
            } else if key == "payload" {
                payload = try s.readValue()
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }
        guard let tag else { throw s.missing("tag", in: "custom event") }
        return CustomData(tag: tag, payload: payload, unknownKeys: unknown)
    }
}

extension PluginData {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> PluginData {
        try s.beginObject()
        var plugin: String?
        var payload: JSONValue = .null
        var unknown = JSONObject()
        while let key = try s.nextKey() {
            if key == "plugin" {
                plugin = try s.readString()
            } else if key == "payload" {
                payload = try s.readValue()
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }
        guard let plugin else { throw s.missing("plugin", in: "plugin event") }
        return PluginData(plugin: plugin, payload: payload, unknownKeys: unknown)
    }
}
