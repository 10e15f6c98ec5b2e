extension Wireframe {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        w.int64(id)
        if let x { w.key("x"); w.double(x) }
        if let y { w.key("y"); w.double(y) }
        if let width { w.key("width"); w.double(width) }
        if let height { w.key("height"); w.double(height) }
        if let type { w.key("type"); w.string(type) }
        if let inputType { w.key("inputType"); w.string(inputType) }
        if let text { w.key("text"); w.string(text) }
        if let label { w.key("label"); w.string(label) }
        if let value { w.key("value"); w.value(value) }
        if let base64 { w.key("base64"); w.string(base64) }
        if let url { w.key("url"); w.string(url) }
        if let style { w.key("style"); w.object(style) }
        if let disabled { w.key("disabled"); w.bool(disabled) }
        if let checked { w.key("checked"); w.bool(checked) }
        if let options {
            w.key("options")
            w.beginArray()
            for option in options { w.string(option) }
            w.endArray()
        }
        if let max { w.key("max"); w.double(max) }
        if let childWireframes {
            w.key("childWireframes")
            w.beginArray()
            for child in childWireframes { child.encode(into: &w) }
            w.endArray()
        }
        w.members(of: unknownKeys)
        w.endObject()
    }
}

extension WireframeMutationData {
    func encodeFields(into w: inout JSONWriter) {
        if let adds {
            w.key("adds")
            WireframeMutation.encode(adds, into: &w)
        }
        if let updates {
            w.key("updates")
            WireframeMutation.encode(updates, into: &w)
        }
        if let removes {
            w.key("removes")
            w.beginArray()
            for r in removes {
                w.beginObject()
                if let parentId = r.parentId { w.key("parentId"); w.int64(parentId) }
                w.key("id")
                w.int64(r.id)
                w.endObject()
            }
            w.endArray()
        }
        w.members(of: unknownKeys)
    }
}

extension WireframeMutation {
    static func encode(_ mutations: [WireframeMutation], into w: inout JSONWriter) {
        w.beginArray()
        for m in mutations {
            w.beginObject()
            if let parentId = m.parentId { w.key("parentId"); w.int64(parentId) }
            w.key("wireframe")
            m.wireframe.encode(into: &w)
            w.endObject()
        }
        w.endArray()
    }
}
