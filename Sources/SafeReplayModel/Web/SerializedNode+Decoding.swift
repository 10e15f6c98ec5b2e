extension SerializedNode {
    /// Decodes a serialized node and, recursively, its children. Keys may come in any
    /// order: every field is collected first and the node is assembled by its `type`.
    public static func decode(_ s: inout JSONScanner) throws(JSONError) -> SerializedNode {
        let objectStart = s.position
        try s.beginObject()
        var type: Int?
        var id: Int?
        var tagName: String?
        var attributes: Attributes?
        var childNodes: [SerializedNode] = []
        var textContent: String?
        var name: String?
        var publicId: String?
        var systemId: String?
        var compatMode: String?
        var isSVG: Bool?
        var isCustom: Bool?
        var needBlock: Bool?
        var isStyle: Bool?
        var rootId: Int?
        var isShadowHost: Bool?
        var isShadow: Bool?
        var unknown = JSONObject()

        // rrweb's key order first (`type`, then the kind's fields, `id` last): one compare
        // per key. Whatever is left, in any order, goes through the loop below.
        if s.key("type") {
            let t = try s.readInt()
            type = t
            if t == NodeType.element.rawValue {
                if s.key("tagName") { tagName = try s.readString() }
                if s.key("attributes") { attributes = try Attributes.decode(&s) }
                if s.key("childNodes") { childNodes = try decodeChildren(&s) }
            } else if t == NodeType.text.rawValue {
                if s.key("textContent") { textContent = try s.readOptionalString() }
            } else if t == NodeType.document.rawValue {
                if s.key("childNodes") { childNodes = try decodeChildren(&s) }
            }
        }
        if s.key("id") { id = try s.readInt() }

        while let key = try s.nextKey() {
            if key == "type" {
                type = try s.readInt()
            } else if key == "id" {
                id = try s.readInt()
            } else if key == "textContent" {
                textContent = try s.readOptionalString()
            } else if key == "tagName" {
                tagName = try s.readString()
            } else if key == "attributes" {
                attributes = try Attributes.decode(&s)
            } else if key == "childNodes" {
                childNodes = try decodeChildren(&s)
            } else if key == "rootId" {
                rootId = try s.readOptionalInt()
            } else if key == "isShadowHost" {
                isShadowHost = try s.readOptionalBool()
            } else if key == "isShadow" {
                isShadow = try s.readOptionalBool()
            } else if key == "isSVG" {
                isSVG = try s.readOptionalBool()
            } else if key == "name" {
                name = try s.readOptionalString()
            } else if key == "publicId" {
                publicId = try s.readOptionalString()
            } else if key == "systemId" {
                systemId = try s.readOptionalString()
            } else if key == "compatMode" {
                compatMode = try s.readOptionalString()
            } else if key == "isCustom" {
                isCustom = try s.readOptionalBool()
            } else if key == "needBlock" {
                needBlock = try s.readOptionalBool()
            } else if key == "isStyle" {
                isStyle = try s.readOptionalBool()
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }

        guard let type else { throw JSONError(offset: objectStart, "node without 'type'") }
        guard let id else { throw JSONError(offset: objectStart, "node without 'id'") }
        let kind: Kind
        switch type {
        case NodeType.document.rawValue:
            kind = .document(compatMode: compatMode)
        case NodeType.documentType.rawValue:
            kind = .documentType(name: name ?? "", publicId: publicId ?? "", systemId: systemId ?? "")
        case NodeType.element.rawValue:
            guard let tagName else { throw JSONError(offset: objectStart, "element without 'tagName'") }
            kind = .element(ElementData(
                tagName: tagName, attributes: attributes ?? Attributes(), isSVG: isSVG, isCustom: isCustom, needBlock: needBlock
            ))
        case NodeType.text.rawValue:
            kind = .text(textContent ?? "", isStyle: isStyle)
        case NodeType.cdata.rawValue:
            kind = .cdata(textContent ?? "")
        case NodeType.comment.rawValue:
            kind = .comment(textContent ?? "")
        default:
            throw JSONError(offset: objectStart, "unknown node type \(type)")
        }
        return SerializedNode(
            id: id, kind: kind, childNodes: childNodes, rootId: rootId,
            isShadowHost: isShadowHost, isShadow: isShadow, unknownKeys: unknown
        )
    }

    @inline(__always)
    static func decodeChildren(_ s: inout JSONScanner) throws(JSONError) -> [SerializedNode] {
        try s.readArrayExact(SerializedNode.decode)
    }

    /// Decodes one node from a complete JSON document.
    public init(json bytes: UnsafeRawBufferPointer) throws(JSONError) {
        self = try JSONScanner.withScanner(bytes) { (s: inout JSONScanner) throws(JSONError) -> SerializedNode in
            let node = try SerializedNode.decode(&s)
            try s.finish()
            return node
        }
    }
}

extension Attributes {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> Attributes {
        try s.beginObject()
        return Attributes(entries: try s.readMembersExact { (key, s) throws(JSONError) -> Entry in
            Entry(name: key.string, value: try AttributeValue.decode(&s))
        })
    }
}

extension AttributeValue {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> AttributeValue {
        switch s.peek() {
        case UInt8(ascii: "\""): return .string(try s.readString())
        case UInt8(ascii: "n"):
            _ = try s.readNullIfPresent()
            return .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try s.readBool())
        case UInt8(ascii: "{"): return .styleDiff(try s.readObject())
        default: return .number(try s.readDouble())
        }
    }
}
