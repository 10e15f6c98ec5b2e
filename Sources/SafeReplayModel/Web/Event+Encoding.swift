extension Event {
    /// Writes the event as rrweb does: `{"type":…,"data":…,"timestamp":…}`, then any
    /// unknown keys it was decoded with.
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        w.int(typeNumber)
        w.key("data")
        switch body {
        case .domContentLoaded(let v), .load(let v), .asset(let v), .unknown(_, let v):
            w.value(v)
        case .fullSnapshot(let d): d.encode(into: &w)
        case .incrementalSnapshot(let d): d.encode(into: &w)
        case .meta(let d): d.encode(into: &w)
        case .custom(let d): d.encode(into: &w)
        case .plugin(let d): d.encode(into: &w)
        }
        if let timestamp {
            w.key("timestamp")
            w.int64(timestamp)
        }
        w.members(of: unknownKeys)
        w.endObject()
    }

    public var jsonBytes: [UInt8] {
        var w = JSONWriter()
        encode(into: &w)
        return w.bytes
    }

    public var jsonString: String { String(decoding: jsonBytes, as: UTF8.self) }
}

extension FullSnapshotData {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        switch content {
        case .dom(let node):
            w.key("node")
            node.encode(into: &w)
        case .wireframes(let wireframes):
            w.key("wireframes")
            w.beginArray()
            for wireframe in wireframes { wireframe.encode(into: &w) }
            w.endArray()
        }
        if let initialOffset {
            w.key("initialOffset")
            w.beginObject()
            w.key("top")
            w.double(initialOffset.top)
            w.key("left")
            w.double(initialOffset.left)
            w.endObject()
        }
        w.members(of: unknownKeys)
        w.endObject()
    }
}

extension MetaData {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        if let href {
            w.key("href")
            w.string(href)
        }
        if let width {
            w.key("width")
            w.double(width)
        }
        if let height {
            w.key("height")
            w.double(height)
        }
        w.members(of: unknownKeys)
        w.endObject()
    }
}

extension CustomData {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("tag")
        w.string(tag)
        w.key("payload")
        w.value(payload)
        w.members(of: unknownKeys)
        w.endObject()
    }
}

extension PluginData {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("plugin")
        w.string(plugin)
        w.key("payload")
        w.value(payload)
        w.members(of: unknownKeys)
        w.endObject()
    }
}
