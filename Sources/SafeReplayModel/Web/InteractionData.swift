/// A batch of pointer positions (mouse move, touch move, drag).
public struct PointerPositionsData: Sendable, Equatable {
    public var positions: [PointerPosition]
    public var unknownKeys: JSONObject
    public init(positions: [PointerPosition], unknownKeys: JSONObject = JSONObject()) {
        self.positions = positions
        self.unknownKeys = unknownKeys
    }
}

/// One position; `timeOffset` (≤ 0) is relative to the event's timestamp.
public struct PointerPosition: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var id: Int
    public var timeOffset: Double
    public init(x: Double, y: Double, id: Int, timeOffset: Double) {
        self.x = x
        self.y = y
        self.id = id
        self.timeOffset = timeOffset
    }
}

public struct MouseInteractionData: Sendable, Equatable {
    /// The wire number; see ``MouseInteractionType``.
    public var type: Int
    public var id: Int
    public var x: Double?
    public var y: Double?
    public var pointerType: Int?
    public var unknownKeys: JSONObject
    public init(type: Int, id: Int, x: Double? = nil, y: Double? = nil, pointerType: Int? = nil, unknownKeys: JSONObject = JSONObject()) {
        self.type = type
        self.id = id
        self.x = x
        self.y = y
        self.pointerType = pointerType
        self.unknownKeys = unknownKeys
    }

    public var interaction: MouseInteractionType? { MouseInteractionType(rawValue: type) }
}

public struct ScrollData: Sendable, Equatable {
    public var id: Int
    public var x: Double
    public var y: Double
    public var unknownKeys: JSONObject
    public init(id: Int, x: Double, y: Double, unknownKeys: JSONObject = JSONObject()) {
        self.id = id
        self.x = x
        self.y = y
        self.unknownKeys = unknownKeys
    }
}

public struct ViewportResizeData: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var unknownKeys: JSONObject
    public init(width: Double, height: Double, unknownKeys: JSONObject = JSONObject()) {
        self.width = width
        self.height = height
        self.unknownKeys = unknownKeys
    }
}

/// An input's value change. For radios and checkboxes `text` is the element's `value`
/// and `isChecked` the state; for everything else `text` is what the user typed.
public struct InputData: Sendable, Equatable {
    public var id: Int
    public var text: String
    public var isChecked: Bool
    public var userTriggered: Bool?
    public var unknownKeys: JSONObject
    public init(id: Int, text: String, isChecked: Bool, userTriggered: Bool? = nil, unknownKeys: JSONObject = JSONObject()) {
        self.id = id
        self.text = text
        self.isChecked = isChecked
        self.userTriggered = userTriggered
        self.unknownKeys = unknownKeys
    }
}

public struct MediaInteractionData: Sendable, Equatable {
    /// 0 play, 1 pause, 2 seeked, 3 volume change, 4 rate change.
    public var type: Int
    public var id: Int
    public var currentTime: Double?
    public var volume: Double?
    public var muted: Bool?
    public var loop: Bool?
    public var playbackRate: Double?
    public var unknownKeys: JSONObject
    public init(
        type: Int, id: Int, currentTime: Double? = nil, volume: Double? = nil, muted: Bool? = nil,
        loop: Bool? = nil, playbackRate: Double? = nil, unknownKeys: JSONObject = JSONObject()
    ) {
        self.type = type
        self.id = id
        self.currentTime = currentTime
        self.volume = volume
        self.muted = muted
        self.loop = loop
        self.playbackRate = playbackRate
        self.unknownKeys = unknownKeys
    }
}
