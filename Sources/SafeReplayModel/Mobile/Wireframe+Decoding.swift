extension Wireframe {
    public static func decode(_ s: inout JSONScanner) throws(JSONError) -> Wireframe {
        let objectStart = s.position
        try s.beginObject()
        var id: Int64?
        var w = Wireframe(id: 0)
        while let key = try s.nextKey() {
            if key == "id" {
                id = try s.readInt64()
            } else if key == "x" {
                w.x = try s.readOptionalDouble()
            } else if key == "y" {
                w.y = try s.readOptionalDouble()
            } else if key == "width" {
                w.width = try s.readOptionalDouble()
            } else if key == "height" {
                w.height = try s.readOptionalDouble()
            } else if key == "type" {
                w.type = try s.readOptionalString()
            } else if key == "inputType" {
                w.inputType = try s.readOptionalString()
            } else if key == "text" {
                w.text = try s.readOptionalString()
            } else if key == "label" {
                w.label = try s.readOptionalString()
            } else if key == "value" {
                w.value = try s.readValue()
            } else if key == "base64" {
                w.base64 = try s.readOptionalString()
            } else if key == "url" {
                w.url = try s.readOptionalString()
            } else if key == "style" {
                w.style = try s.readObject()
            } else if key == "disabled" {
                w.disabled = try s.readOptionalBool()
            } else if key == "checked" {
                w.checked = try s.readOptionalBool()
            } else if key == "options" {
                w.options = try s.readArrayExact { (s: inout JSONScanner) throws(JSONError) -> String in try s.readString() }
            } else if key == "max" {
                w.max = try s.readOptionalDouble()
            } else if key == "childWireframes" {
                w.childWireframes = try s.readArrayExact(Wireframe.decode)
            } else {
                w.unknownKeys.append(key.string, try s.readValue())
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "wireframe without 'id'") }
        w.id = id
        return w
    }
}

extension WireframeMutation {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> WireframeMutation {
        let objectStart = s.position
        try s.beginObject()
        var parentId: Int64?
        var wireframe: Wireframe?
        while let key = try s.nextKey() {
            if key == "parentId" {
                parentId = try s.readNullIfPresent() ? nil : try s.readInt64()
            } else if key == "wireframe" {
                wireframe = try Wireframe.decode(&s)
            } else {
                try s.skipValue()
            }
        }
        guard let wireframe else { throw JSONError(offset: objectStart, "wireframe mutation without 'wireframe'") }
        return WireframeMutation(parentId: parentId, wireframe: wireframe)
    }
}
