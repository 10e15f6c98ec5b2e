/// The data of a Custom event: a tag and a free-form payload.
public struct CustomData: Sendable, Equatable {
    public var tag: String
    public var payload: JSONValue
    public var unknownKeys: JSONObject

    public init(tag: String, payload: JSONValue, unknownKeys: JSONObject = JSONObject()) {
        self.tag = tag
        self.payload = payload
        self.unknownKeys = unknownKeys
    }
}

/// The data of a Plugin event: the plugin's name (`rrweb/console@1`, …) and its payload.
public struct PluginData: Sendable, Equatable {
    public var plugin: String
    public var payload: JSONValue
    public var unknownKeys: JSONObject

    public init(plugin: String, payload: JSONValue, unknownKeys: JSONObject = JSONObject()) {
        self.plugin = plugin
        self.payload = payload
        self.unknownKeys = unknownKeys
    }
}
