/// An event the capture stage has sanitized, already encoded as rrweb JSON.
///
/// This is the only thing the upload stage accepts, and only the capture stages can make
/// one (its initializer is `package`-scoped): raw observations cannot reach a batch, a
/// spool file or the network by accident of typing.
public struct SanitizedEvent: Sendable, Equatable {
    /// Milliseconds since the Unix epoch.
    public let timestamp: Int64
    /// The rrweb event type (0–6).
    public let type: Int
    /// Whether this event starts a self-contained segment (a FullSnapshot after its Meta),
    /// so a batch may begin here.
    public let isCheckout: Bool
    /// The event as compact UTF-8 JSON.
    public let json: [UInt8]

    package init(timestamp: Int64, type: Int, isCheckout: Bool = false, json: [UInt8]) {
        self.timestamp = timestamp
        self.type = type
        self.isCheckout = isCheckout
        self.json = json
    }

    /// Encodes a sanitized model event. Capture stages call this once per emitted event.
    package init(_ event: Event, isCheckout: Bool = false, fallbackTimestamp: Int64) {
        let writer = JSONWriter(capacity: 256)
        var w = writer
        event.encode(into: &w)
        self.init(timestamp: event.timestamp ?? fallbackTimestamp, type: event.typeNumber, isCheckout: isCheckout, json: writer.bytes)
    }
}
