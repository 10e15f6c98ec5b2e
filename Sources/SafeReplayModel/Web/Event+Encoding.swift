extension Event {
    /// Writes the event as rrweb does: `{"type":…,"data":…,"timestamp":…}`, then any
    /// unknown keys it was decoded with.
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        // The type number is written in each case: a separate switch for it (`typeNumber`)
        // made the compiler copy the payload across the writes between the two.
        switch body {
        case .domContentLoaded(let v):
            Self.writeType(.domContentLoaded, into: &w)
            w.value(v)
        case .load(let v):
            Self.writeType(.load, into: &w)
            w.value(v)
        case .asset(let v):
            Self.writeType(.asset, into: &w)
            w.value(v)
        case .unknown(let type, let v):
            w.key("type")
            w.int(type)
            w.key("data")
            w.value(v)
        case .fullSnapshot(let d):
            Self.writeType(.fullSnapshot, into: &w)
            d.encode(into: &w)
        case .incrementalSnapshot(let d):
            Self.writeType(.incrementalSnapshot, into: &w)
            d.encode(into: &w)
        case .meta(let d):
            Self.writeType(.meta, into: &w)
            d.encode(into: &w)
        case .custom(let d):
            Self.writeType(.custom, into: &w)
            d.encode(into: &w)
        case .plugin(let d):
            Self.writeType(.plugin, into: &w)
            d.encode(into: &w)
        }
        if let timestamp {
            w.key("timestamp")
            w.int64(timestamp)
        }
        w.members(of: unknownKeys)
        w.endObject()
    }

    /// `"type":N,"data":`, the data to follow.
    @inline(__always)
    static func writeType(_ type: EventType, into w: inout JSONWriter) {
        w.key("type")
        w.int(type.rawValue)
        w.key("data")
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
