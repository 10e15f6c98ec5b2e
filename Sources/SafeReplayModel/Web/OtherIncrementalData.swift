/// One recorded canvas call.
public struct CanvasCommand: Sendable, Equatable {
    public var property: String
    public var args: [JSONValue]
    public var setter: Bool?
    public init(property: String, args: [JSONValue], setter: Bool? = nil) {
        self.property = property
        self.args = args
        self.setter = setter
    }
}

/// Canvas drawing calls (source 9): a batch of `commands`, or a single command inline.
public struct CanvasMutationData: Sendable, Equatable {
    public var id: Int
    /// 0 2D, 1 WebGL, 2 WebGL2.
    public var contextType: Int
    public var commands: [CanvasCommand]?
    public var command: CanvasCommand?
    public var unknownKeys: JSONObject
    public init(id: Int, contextType: Int, commands: [CanvasCommand]? = nil, command: CanvasCommand? = nil, unknownKeys: JSONObject = JSONObject()) {
        self.id = id
        self.contextType = contextType
        self.commands = commands
        self.command = command
        self.unknownKeys = unknownKeys
    }
}

/// A text selection (source 14).
public struct SelectionData: Sendable, Equatable {
    public struct Range: Sendable, Equatable {
        public var start: Int
        public var startOffset: Int
        public var end: Int
        public var endOffset: Int
        public init(start: Int, startOffset: Int, end: Int, endOffset: Int) {
            self.start = start
            self.startOffset = startOffset
            self.end = end
            self.endOffset = endOffset
        }
    }

    public var ranges: [Range]
    public var unknownKeys: JSONObject
    public init(ranges: [Range], unknownKeys: JSONObject = JSONObject()) {
        self.ranges = ranges
        self.unknownKeys = unknownKeys
    }
}

/// A custom element definition (source 16).
public struct CustomElementData: Sendable, Equatable {
    public var defineName: String?
    public var unknownKeys: JSONObject
    public init(defineName: String?, unknownKeys: JSONObject = JSONObject()) {
        self.defineName = defineName
        self.unknownKeys = unknownKeys
    }
}
