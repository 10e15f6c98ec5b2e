// Decoders for the pointer, scroll, viewport, input and media sources. Each reads the
// remaining keys of an already-open object (see `IncrementalData.decode`).

extension PointerPositionsData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> PointerPositionsData {
        var data = PointerPositionsData(positions: [])
        if s.key("positions") { data.positions = try s.readArrayExact(PointerPosition.decode) }
        while let key = try s.nextKey() {
            if key == "positions" {
                data.positions = try s.readArrayExact(PointerPosition.decode)
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }
}

extension PointerPosition {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> PointerPosition {
        try s.beginObject()
        var p = PointerPosition(x: 0, y: 0, id: 0, timeOffset: 0)
        if s.key("x") { p.x = try s.readDouble() }
        if s.key("y") { p.y = try s.readDouble() }
        if s.key("id") { p.id = try s.readInt() }
        if s.key("timeOffset") { p.timeOffset = try s.readDouble() }
        while let key = try s.nextKey() {
            if key == "x" {
                p.x = try s.readDouble()
            } else if key == "y" {
                p.y = try s.readDouble()
            } else if key == "id" {
                p.id = try s.readInt()
            } else if key == "timeOffset" {
                p.timeOffset = try s.readDouble()
            } else {
                try s.skipValue()
            }
        }
        return p
    }
}

extension MouseInteractionData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> MouseInteractionData {
        let objectStart = s.position
        var type: Int?
        var id: Int?
        var data = MouseInteractionData(type: 0, id: 0)
        if s.key("type") { type = try s.readInt() }
        if s.key("id") { id = try s.readInt() }
        if s.key("x") { data.x = try s.readOptionalDouble() }
        if s.key("y") { data.y = try s.readOptionalDouble() }
        if s.key("pointerType") { data.pointerType = try s.readOptionalInt() }
        while let key = try s.nextKey() {
            if key == "type" {
                type = try s.readInt()
            } else if key == "id" {
                id = try s.readInt()
            } else if key == "x" {
                data.x = try s.readOptionalDouble()
            } else if key == "y" {
                data.y = try s.readOptionalDouble()
            } else if key == "pointerType" {
                data.pointerType = try s.readOptionalInt()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        guard let type else { throw JSONError(offset: objectStart, "mouse interaction without 'type'") }
        data.type = type
        data.id = id ?? 0
        return data
    }
}

extension ScrollData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> ScrollData {
        let objectStart = s.position
        var id: Int?
        var data = ScrollData(id: 0, x: 0, y: 0)
        if s.key("id") { id = try s.readInt() }
        if s.key("x") { data.x = try s.readDouble() }
        if s.key("y") { data.y = try s.readDouble() }
        while let key = try s.nextKey() {
            if key == "id" {
                id = try s.readInt()
            } else if key == "x" {
                data.x = try s.readDouble()
            } else if key == "y" {
                data.y = try s.readDouble()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "scroll without 'id'") }
        data.id = id
        return data
    }
}

extension ViewportResizeData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> ViewportResizeData {
        var data = ViewportResizeData(width: 0, height: 0)
        if s.key("width") { data.width = try s.readDouble() }
        if s.key("height") { data.height = try s.readDouble() }
        while let key = try s.nextKey() {
            if key == "width" {
                data.width = try s.readDouble()
            } else if key == "height" {
                data.height = try s.readDouble()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }
}

extension InputData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> InputData {
        let objectStart = s.position
        var id: Int?
        var data = InputData(id: 0, text: "", isChecked: false)
        if s.key("text") { data.text = try s.readOptionalString() ?? "" }
        if s.key("isChecked") { data.isChecked = try s.readOptionalBool() ?? false }
        if s.key("userTriggered") { data.userTriggered = try s.readOptionalBool() }
        if s.key("id") { id = try s.readInt() }
        while let key = try s.nextKey() {
            if key == "id" {
                id = try s.readInt()
            } else if key == "text" {
                data.text = try s.readOptionalString() ?? ""
            } else if key == "isChecked" {
                data.isChecked = try s.readOptionalBool() ?? false
            } else if key == "userTriggered" {
                data.userTriggered = try s.readOptionalBool()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "input without 'id'") }
        data.id = id
        return data
    }
}

extension MediaInteractionData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> MediaInteractionData {
        let objectStart = s.position
        var type: Int?
        var id: Int?
        var data = MediaInteractionData(type: 0, id: 0)
        while let key = try s.nextKey() {
            if key == "type" {
                type = try s.readInt()
            } else if key == "id" {
                id = try s.readInt()
            } else if key == "currentTime" {
                data.currentTime = try s.readOptionalDouble()
            } else if key == "volume" {
                data.volume = try s.readOptionalDouble()
            } else if key == "muted" {
                data.muted = try s.readOptionalBool()
            } else if key == "loop" {
                data.loop = try s.readOptionalBool()
            } else if key == "playbackRate" {
                data.playbackRate = try s.readOptionalDouble()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        guard let type, let id else { throw JSONError(offset: objectStart, "media interaction without 'type' and 'id'") }
        data.type = type
        data.id = id
        return data
    }
}
