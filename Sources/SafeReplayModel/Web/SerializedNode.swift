/// A node of rrweb's serialized DOM (`serializedNodeWithId`).
public struct SerializedNode: Sendable, Equatable {
    public var id: Int
    public var kind: Kind
    /// Children of documents and elements; always empty for other kinds. Mutation adds
    /// carry flat nodes (children arrive as their own adds).
    public var childNodes: [SerializedNode]
    /// The owning document's id when it is not the main document (iframes).
    public var rootId: Int?
    public var isShadowHost: Bool?
    public var isShadow: Bool?
    public var unknownKeys: JSONObject

    public init(
        id: Int, kind: Kind, childNodes: [SerializedNode] = [], rootId: Int? = nil,
        isShadowHost: Bool? = nil, isShadow: Bool? = nil, unknownKeys: JSONObject = JSONObject()
    ) {
        self.id = id
        self.kind = kind
        self.childNodes = childNodes
        self.rootId = rootId
        self.isShadowHost = isShadowHost
        self.isShadow = isShadow
        self.unknownKeys = unknownKeys
    }

    public enum Kind: Sendable, Equatable {
        case document(compatMode: String?)
        /// Boxed: rare, and three strings inline would make every node a third larger
        /// (96 bytes rather than 72), which every array of nodes moves and destroys.
        indirect case documentType(name: String, publicId: String, systemId: String)
        case element(ElementData)
        /// `isStyle` is rrweb's deprecated marker for text inside `<style>`.
        case text(String, isStyle: Bool?)
        case cdata(String)
        case comment(String)
    }

    public var nodeType: NodeType {
        switch kind {
        case .document: return .document
        case .documentType: return .documentType
        case .element: return .element
        case .text: return .text
        case .cdata: return .cdata
        case .comment: return .comment
        }
    }

    /// The element payload, if this is an element.
    public var element: ElementData? {
        if case .element(let e) = kind { return e }
        return nil
    }
}

/// The element part of a serialized node.
public struct ElementData: Sendable, Equatable {
    /// Lower-case tag name.
    public var tagName: String
    public var attributes: Attributes
    public var isSVG: Bool?
    public var isCustom: Bool?
    /// Recorder-internal; rrweb deletes it before emitting, kept only for round trips.
    public var needBlock: Bool?

    public init(tagName: String, attributes: Attributes = Attributes(), isSVG: Bool? = nil, isCustom: Bool? = nil, needBlock: Bool? = nil) {
        self.tagName = tagName
        self.attributes = attributes
        self.isSVG = isSVG
        self.isCustom = isCustom
        self.needBlock = needBlock
    }
}
