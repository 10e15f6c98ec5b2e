import SafeReplayModel

/// The events one call produces, written straight into JSON with one reused writer.
///
/// Every event is `{"type":…,"data":…,"timestamp":…}`, the key order of `Event.encode`.
struct EventOutput {
    private(set) var events: [SanitizedEvent] = []
    let writer = JSONWriter(capacity: 1 << 14)
    /// Whether the last event emitted (in any call) was a Meta: a FullSnapshot must
    /// directly follow one so a batch can start there.
    private(set) var lastWasMeta = false

    /// Hands out this call's events. Empty calls (most touch moves) allocate nothing.
    mutating func take() -> [SanitizedEvent] {
        if events.isEmpty { return [] }
        defer { events = [] }
        return events
    }

    /// Starts `{"type":N,"data":`; the caller writes the data value next.
    func begin(_ type: EventType) {
        writer.reset()
        writer.beginObject()
        writer.field("type")
        writer.int(type.rawValue)
        writer.field("data")
    }

    /// Closes the event begun with `begin` and appends it.
    mutating func finish(_ type: EventType, timestamp: Int64, checkout: Bool = false) {
        writer.field("timestamp")
        writer.int64(timestamp)
        writer.endObject()
        events.append(SanitizedEvent(timestamp: timestamp, type: type.rawValue, isCheckout: checkout, json: writer.bytes))
        lastWasMeta = type == .meta
    }

    /// Encodes a model event written from sanitized values only.
    mutating func emit(_ event: Event, timestamp: Int64) {
        writer.reset()
        var w = writer
        event.encode(into: &w)
        events.append(SanitizedEvent(timestamp: timestamp, type: event.typeNumber, json: writer.bytes))
        lastWasMeta = event.typeNumber == EventType.meta.rawValue
    }

    /// A Custom event `{"tag":…,"payload":{…}}`.
    mutating func custom(_ tag: MobileCustomTag, timestamp: Int64, _ payload: JSONObject) {
        emit(Event(timestamp: timestamp, body: .custom(CustomData(tag: tag.rawValue, payload: .object(payload)))), timestamp: timestamp)
    }

    /// A Custom event whose payload members `payload` writes (for the per-touch ones:
    /// no intermediate JSON values).
    mutating func custom(_ tag: MobileCustomTag, timestamp: Int64, writing payload: (JSONWriter) -> Void) {
        begin(.custom)
        writer.beginObject()
        writer.field("tag")
        writer.string(tag.rawValue)
        writer.field("payload")
        writer.beginObject()
        payload(writer)
        writer.endObject()
        writer.endObject()
        finish(.custom, timestamp: timestamp)
    }

    /// A TouchStart, TouchEnd or TouchCancel on the body (see `TouchEventBytes`).
    mutating func touchInteraction(_ type: MouseInteractionType, x: Double, y: Double, timestamp: Int64) {
        append(TouchEventBytes.interaction(type, x: x, y: y, timestamp: timestamp), type: .incrementalSnapshot, timestamp: timestamp)
    }

    /// One TouchMove with the buffered positions (see `TouchEventBytes`).
    mutating func touchMoves(_ samples: [VelocitySample]) {
        guard let newest = samples.last?.time else { return }
        append(TouchEventBytes.moves(samples, timestamp: newest), type: .incrementalSnapshot, timestamp: newest)
    }

    /// A Custom `gesture` (see `TouchEventBytes`).
    mutating func gesture(_ g: Gesture, screen: [UInt8], timestamp: Int64) {
        append(TouchEventBytes.gesture(g, screen: screen, timestamp: timestamp), type: .custom, timestamp: timestamp)
    }

    private mutating func append(_ json: [UInt8], type: EventType, timestamp: Int64) {
        events.append(SanitizedEvent(timestamp: timestamp, type: type.rawValue, json: json))
        lastWasMeta = false
    }

    /// `{"href":…,"width":…,"height":…}`.
    mutating func meta(href: String, width: Double?, height: Double?, timestamp: Int64) {
        begin(.meta)
        writer.beginObject()
        writer.field("href")
        writer.string(href)
        if let width {
            writer.field("width")
            writer.double(width)
        }
        if let height {
            writer.field("height")
            writer.double(height)
        }
        writer.endObject()
        finish(.meta, timestamp: timestamp)
    }
}
