// Decoders for the pointer, scroll, viewport, input and media sources. Each reads the
// remaining keys of an already-open object (see `IncrementalData.decode`), after `source`'s
// value: hence `keyAfterValue` (when `source` came later and the object was opened again,
// it matches nothing and the general loop reads every key).

extension PointerPositionsData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> PointerPositionsData {
        var data = PointerPositionsData(positions: [])
        if s.keyAfterValue("positions") { data.positions = try s.readArrayExact(PointerPosition.decodeElement) }
        while let key = try s.nextKey() {
            if key == "positions" {
                data.positions = try s.readArrayExact(PointerPosition.decodeElement)
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
    /// One element of a `positions` array: the compact shape in one pass, else ``decode(_:)``.
    @inline(__always)
    static func decodeElement(_ s: inout JSONScanner) throws(JSONError) -> PointerPosition {
        if let p = decodeCompact(&s) { return p }
        return try decode(&s)
    }

    /// ``decodeCompact(_:checked:long:)`` with its bounds tests only where they are needed:
    /// away from the end of the input one length test covers every read of the compact
    /// path, in place of two for each key and number (~50 instructions a position).
    @inline(__always)
    static func decodeCompact(_ s: inout JSONScanner) -> PointerPosition? {
        // (A position the unchecked read refuses is refused by the checked one too: its
        // second try only happens off the common path.)
        let remaining = s.count &- s.position
        // An event's last position is followed by fewer than `compactReach` bytes (its
        // `]},"timestamp":…}` is ~30): there the unchecked read takes short numbers only,
        // which keep it within `shortCompactReach`.
        if remaining >= shortCompactReach,
           let p = decodeCompact(&s, checked: false, long: remaining >= compactReach) { return p }
        return decodeCompact(&s, checked: true, long: true)
    }

    /// How far past a position's `{` ``decodeCompact(_:checked:long:)`` may read: each of
    /// the four numbers ends within 16 bytes of its start (a sign and 15 digits, the most
    /// the integer readers take), so the four keys (4 + 5 + 6 + 14 bytes after the `{`) and
    /// numbers end by byte 1 + 29 + 64 = 94, the `}` included; an eight-byte load starts
    /// at a key or at most at a number's second byte, so none reaches past byte 94 either.
    static let compactReach = 96

    /// ``compactReach`` for numbers of at most seven digits (`long: false`): each number's
    /// digits are read by one eight-byte load at its first digit, which holds the byte
    /// after them. The last load starts at most at byte 1 + 4 + 8 + 5 + 8 + 6 + 7 + 14 + 1
    /// = 54 (the time offset's first digit, after the longest x, y, id and a sign) and ends
    /// at byte 61; the key loads (at a number's end, and 8 past the id's) end before it.
    static let shortCompactReach = 62

    /// `{"x":…,"y":…,"id":…,"timeOffset":…}` with plain integers, in rrweb's key order: the
    /// shape of nearly every position (a third of a typical session's bytes). Reading it
    /// key by key cost ~500 instructions; `nil` leaves the scanner untouched for ``decode(_:)``.
    /// `long: false` refuses numbers of more than seven digits (see
    /// ``JSONScanner/plainInteger(at:signed:before:checked:long:)``).
    @inline(__always)
    static func decodeCompact(_ s: inout JSONScanner, checked: Bool, long: Bool) -> PointerPosition? {
        let p = s.position
        let x = JSONScanner.keyPattern("x", comma: false).low
        let y = JSONScanner.keyPattern("y", comma: true).low
        let id = JSONScanner.keyPattern("id", comma: true).low
        let time = JSONScanner.keyPattern("timeOffset", comma: true)
        guard s.depth < s.maxDepth, !checked || p < s.count, s.base[p] == UInt8(ascii: "{"),
              s.bytes(at: p &+ 1, equal: x, length: 4, checked: checked),
              let xValue = s.plainInteger(at: p &+ 5, signed: true, before: UInt8(ascii: ","), checked: checked, long: long),
              s.bytes(at: xValue.end, equal: y, length: 5, checked: checked),
              let yValue = s.plainInteger(at: xValue.end &+ 5, signed: true, before: UInt8(ascii: ","), checked: checked, long: long),
              s.bytes(at: yValue.end, equal: id, length: 6, checked: checked),
              let idValue = s.plainInteger(at: yValue.end &+ 6, signed: false, before: UInt8(ascii: ","), checked: checked, long: long),
              s.bytes(at: idValue.end, equal: time.low, length: 8, checked: checked),
              s.bytes(at: idValue.end &+ 8, equal: time.high, length: 6, checked: checked),
              let timeValue = s.plainInteger(at: idValue.end &+ 14, signed: true, before: UInt8(ascii: "}"), checked: checked, long: long)
        else { return nil }
        s.position = timeValue.end &+ 1
        s.afterOpen = false
        return PointerPosition(
            x: JSONScanner.double(xValue), y: JSONScanner.double(yValue), id: Int(idValue.value),
            timeOffset: JSONScanner.double(timeValue)
        )
    }

    static func decode(_ s: inout JSONScanner) throws(JSONError) -> PointerPosition {
        try s.beginObject()
        var p = PointerPosition(x: 0, y: 0, id: 0, timeOffset: 0)
        if s.keyAfterOpen("x") { p.x = try s.readDouble() }
        if s.keyAfterValue("y") { p.y = try s.readDouble() }
        if s.keyAfterValue("id") { p.id = try s.readInt() }
        if s.keyAfterValue("timeOffset") { p.timeOffset = try s.readDouble() }
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
        if s.keyAfterValue("type") { type = try s.readInt() }
        if s.keyAfterValue("id") { id = try s.readInt() }
        if s.keyAfterValue("x") { data.x = try s.readOptionalDouble() }
        if s.keyAfterValue("y") { data.y = try s.readOptionalDouble() }
        if s.keyAfterValue("pointerType") { data.pointerType = try s.readOptionalInt() }
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
        if s.keyAfterValue("id") { id = try s.readInt() }
        if s.keyAfterValue("x") { data.x = try s.readDouble() }
        if s.keyAfterValue("y") { data.y = try s.readDouble() }
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
        if s.keyAfterValue("width") { data.width = try s.readDouble() }
        if s.keyAfterValue("height") { data.height = try s.readDouble() }
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
        if s.keyAfterValue("text") { data.text = try s.readOptionalString() ?? "" }
        if s.keyAfterValue("isChecked") { data.isChecked = try s.readOptionalBool() ?? false }
        if s.keyAfterValue("userTriggered") { data.userTriggered = try s.readOptionalBool() }
        if s.keyAfterValue("id") { id = try s.readInt() }
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
