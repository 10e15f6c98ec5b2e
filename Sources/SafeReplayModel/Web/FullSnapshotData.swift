/// The data of a FullSnapshot: a serialized DOM (web) or a list of wireframes (mobile).
public struct FullSnapshotData: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case dom(SerializedNode)
        case wireframes([Wireframe])
    }

    public var content: Content
    public var initialOffset: ScrollOffset?
    public var unknownKeys: JSONObject

    public init(content: Content, initialOffset: ScrollOffset? = ScrollOffset(), unknownKeys: JSONObject = JSONObject()) {
        self.content = content
        self.initialOffset = initialOffset
        self.unknownKeys = unknownKeys
    }
}

/// The window scroll position carried by a FullSnapshot.
public struct ScrollOffset: Sendable, Equatable {
    public var top: Double
    public var left: Double
    public init(top: Double = 0, left: Double = 0) {
        self.top = top
        self.left = left
    }
}
