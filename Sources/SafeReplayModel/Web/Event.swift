/// One rrweb event: `{type, data, timestamp}`.
///
/// Input and output share this model. Keys the model does not know are kept in
/// `unknownKeys` so a stream round-trips, but the capture stages build their output
/// from the typed fields only: nothing unknown is ever emitted by a sanitizer.
public struct Event: Sendable, Equatable {
    /// Milliseconds since the Unix epoch. rrweb's own test streams strip it, so it is
    /// optional in the model; the capture stages stamp events that lack one.
    public var timestamp: Int64?
    public var body: Body
    public var unknownKeys: JSONObject

    public init(timestamp: Int64?, body: Body, unknownKeys: JSONObject = JSONObject()) {
        self.timestamp = timestamp
        self.body = body
        self.unknownKeys = unknownKeys
    }

    public enum Body: Sendable, Equatable {
        case domContentLoaded(JSONValue)
        case load(JSONValue)
        /// Boxed: one per page load, and inline it would make every event half as large
        /// again (the node it holds is most of its 128 bytes).
        indirect case fullSnapshot(FullSnapshotData)
        case incrementalSnapshot(IncrementalData)
        case meta(MetaData)
        case custom(CustomData)
        case plugin(PluginData)
        /// rrweb ≥ 2.0 asset events; decoded so they can be counted, never emitted.
        case asset(JSONValue)
        /// A type number rrweb does not define.
        case unknown(type: Int, data: JSONValue)
    }

    /// The wire `type` number.
    public var typeNumber: Int {
        switch body {
        case .domContentLoaded: return EventType.domContentLoaded.rawValue
        case .load: return EventType.load.rawValue
        case .fullSnapshot: return EventType.fullSnapshot.rawValue
        case .incrementalSnapshot: return EventType.incrementalSnapshot.rawValue
        case .meta: return EventType.meta.rawValue
        case .custom: return EventType.custom.rawValue
        case .plugin: return EventType.plugin.rawValue
        case .asset: return EventType.asset.rawValue
        case .unknown(let type, _): return type
        }
    }
}
