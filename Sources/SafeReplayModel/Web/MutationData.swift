/// A DOM mutation batch (source 0). The replayer applies removes, then adds, then
/// texts, then attributes; so does the mirror DOM.
public struct MutationData: Sendable, Equatable {
    public var texts: [TextMutation]
    public var attributes: [AttributeMutation]
    public var removes: [RemovedNode]
    public var adds: [AddedNode]
    public var isAttachIframe: Bool?
    public var unknownKeys: JSONObject

    public init(
        texts: [TextMutation] = [], attributes: [AttributeMutation] = [], removes: [RemovedNode] = [],
        adds: [AddedNode] = [], isAttachIframe: Bool? = nil, unknownKeys: JSONObject = JSONObject()
    ) {
        self.texts = texts
        self.attributes = attributes
        self.removes = removes
        self.adds = adds
        self.isAttachIframe = isAttachIframe
        self.unknownKeys = unknownKeys
    }

    public var isEmpty: Bool { texts.isEmpty && attributes.isEmpty && removes.isEmpty && adds.isEmpty }
}

/// A character-data change; `value` is `null` when the text was cleared.
public struct TextMutation: Sendable, Equatable {
    public var id: Int
    public var value: String?
    public init(id: Int, value: String?) {
        self.id = id
        self.value = value
    }
}

/// Attribute changes of one node; a `null` value removes the attribute.
public struct AttributeMutation: Sendable, Equatable {
    public var id: Int
    public var attributes: Attributes
    public init(id: Int, attributes: Attributes) {
        self.id = id
        self.attributes = attributes
    }
}

public struct RemovedNode: Sendable, Equatable {
    public var parentId: Int
    public var id: Int
    public var isShadow: Bool?
    public init(parentId: Int, id: Int, isShadow: Bool? = nil) {
        self.parentId = parentId
        self.id = id
        self.isShadow = isShadow
    }
}

/// A node inserted under `parentId`, before `nextId` (`nil`: as the last child).
public struct AddedNode: Sendable, Equatable {
    public var parentId: Int
    /// Legacy field; newer recorders send only `nextId`.
    public var previousId: Int?
    public var nextId: Int?
    public var node: SerializedNode
    public init(parentId: Int, previousId: Int? = nil, nextId: Int?, node: SerializedNode) {
        self.parentId = parentId
        self.previousId = previousId
        self.nextId = nextId
        self.node = node
    }
}
