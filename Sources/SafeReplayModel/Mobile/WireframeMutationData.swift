/// A mobile mutation: wireframes added, updated (replaced whole) or removed.
public struct WireframeMutationData: Sendable, Equatable {
    public var adds: [WireframeMutation]?
    public var updates: [WireframeMutation]?
    public var removes: [WireframeRemoval]?
    public var unknownKeys: JSONObject

    public init(adds: [WireframeMutation]? = nil, updates: [WireframeMutation]? = nil, removes: [WireframeRemoval]? = nil, unknownKeys: JSONObject = JSONObject()) {
        self.adds = adds
        self.updates = updates
        self.removes = removes
        self.unknownKeys = unknownKeys
    }
}

/// A wireframe placed under `parentId` (absent for top-level wireframes).
public struct WireframeMutation: Sendable, Equatable {
    public var parentId: Int64?
    public var wireframe: Wireframe
    public init(parentId: Int64?, wireframe: Wireframe) {
        self.parentId = parentId
        self.wireframe = wireframe
    }
}

/// A wireframe removed from under `parentId` (some SDKs omit the parent).
public struct WireframeRemoval: Sendable, Equatable {
    public var parentId: Int64?
    public var id: Int64
    public init(parentId: Int64?, id: Int64) {
        self.parentId = parentId
        self.id = id
    }
}
