extension SerializedNode {
    /// Decodes a serialized node and, recursively, its children. Keys may come in any
    /// order: every field is collected first and the node is assembled by its `type`.
    public static func decode(_ s: inout JSONScanner) throws(JSONError) -> SerializedNode {
        let objectStart = s.position
        try s.beginObject()
        // rrweb's key order (`type`, the kind's fields, `rootId` inside iframes, `id` last),
        // which nearly every node has: one compare per key, and the node is built straight
        // from locals. Any other key hands what has been read to `decodeFields` (the general
        // loop, which keeps the errors and the last-duplicate-wins rule).
        guard s.keyAfterOpen("type") else { return try decodeFields(&s, objectStart, Fields()) }
        let type = try s.readInt()
        if type == NodeType.element.rawValue {
            guard s.keyAfterValue("tagName") else { return try decodeFields(&s, objectStart, Fields(type: type)) }
            let tagName = try s.readString()
            guard s.keyAfterValue("attributes") else {
                return try decodeFields(&s, objectStart, Fields(type: type, tagName: tagName))
            }
            let attributes = try Attributes.decode(&s)
            guard s.keyAfterValue("childNodes") else {
                return try decodeFields(&s, objectStart, Fields(type: type, tagName: tagName, attributes: attributes))
            }
            let childNodes = try decodeChildren(&s)
            guard let (id, rootId) = readCompactEnd(&s) else {
                return try decodeElementTail(&s, objectStart, tagName, attributes, childNodes)
            }
            return SerializedNode(
                id: id, kind: .element(ElementData(tagName: tagName, attributes: attributes)), childNodes: childNodes,
                rootId: rootId
            )
        }
        if type == NodeType.text.rawValue {
            guard s.keyAfterValue("textContent") else { return try decodeFields(&s, objectStart, Fields(type: type)) }
            let textContent = try s.readOptionalString()
            guard let (id, rootId) = readCompactEnd(&s) else { return try decodeTextTail(&s, objectStart, textContent) }
            return SerializedNode(id: id, kind: .text(textContent ?? "", isStyle: nil), rootId: rootId)
        }
        // Documents and doctypes: one in ten nodes of a page with iframes.
        if type == NodeType.document.rawValue {
            guard s.keyAfterValue("childNodes") else { return try decodeFields(&s, objectStart, Fields(type: type)) }
            let childNodes = try decodeChildren(&s)
            var compatMode: String?
            if s.keyAfterValue("compatMode") { compatMode = try s.readOptionalString() }
            guard let (id, rootId) = readCompactEnd(&s) else {
                return try decodeFields(&s, objectStart, Fields(type: type, childNodes: childNodes, compatMode: compatMode))
            }
            return SerializedNode(id: id, kind: .document(compatMode: compatMode), childNodes: childNodes, rootId: rootId)
        }
        var fields = Fields(type: type)
        if type == NodeType.documentType.rawValue {
            if s.keyAfterValue("name") { fields.name = try s.readOptionalString() }
            if s.keyAfterValue("publicId") { fields.publicId = try s.readOptionalString() }
            if s.keyAfterValue("systemId") { fields.systemId = try s.readOptionalString() }
            if let (id, rootId) = readCompactEnd(&s) {
                return SerializedNode(
                    id: id, kind: .documentType(name: fields.name ?? "", publicId: fields.publicId ?? "", systemId: fields.systemId ?? ""),
                    rootId: rootId
                )
            }
        }
        return try decodeFields(&s, objectStart, fields)
    }

    /// The end of a node in rrweb's order: `,"rootId":N` (inside iframes), `,"id":N` and
    /// the closing brace, consumed together; `nil` (nothing consumed) for anything else.
    @inline(__always)
    static func readCompactEnd(_ s: inout JSONScanner) -> (id: Int, rootId: Int?)? {
        let rootKey = JSONScanner.keyPattern("rootId", comma: true)
        let idKey = JSONScanner.keyPattern("id", comma: true).low
        var p = s.position
        var rootId: Int?
        if s.bytes(at: p, equal: rootKey.low, length: 8), s.bytes(at: p &+ 8, equal: rootKey.high, length: 2) {
            guard let value = s.plainInteger(at: p &+ 10, signed: false, before: UInt8(ascii: ",")) else { return nil }
            rootId = Int(value.value)
            p = value.end
        }
        guard s.bytes(at: p, equal: idKey, length: 6),
              let id = s.plainInteger(at: p &+ 6, signed: false, before: UInt8(ascii: "}"))
        else { return nil }
        s.position = id.end &+ 1
        s.depth &-= 1
        s.afterOpen = false
        return (Int(id.value), rootId)
    }

    /// The rest of an element after its children when they are not the end: the flags rrweb
    /// writes there (SVG and custom elements) in its order, then the end, else the general
    /// loop. Out of line: inside `decode` this code made the optimizer stop folding the
    /// expected keys into constants.
    @inline(never)
    static func decodeElementTail(
        _ s: inout JSONScanner, _ objectStart: Int, _ tagName: consuming String, _ attributes: consuming Attributes,
        _ childNodes: consuming [SerializedNode]
    ) throws(JSONError) -> SerializedNode {
        var isSVG: Bool?
        var isCustom: Bool?
        var needBlock: Bool?
        if s.keyAfterValue("isSVG") { isSVG = try s.readOptionalBool() }
        if s.keyAfterValue("isCustom") { isCustom = try s.readOptionalBool() }
        if s.keyAfterValue("needBlock") { needBlock = try s.readOptionalBool() }
        guard let (id, rootId) = readCompactEnd(&s) else {
            return try decodeFields(
                &s, objectStart,
                Fields(
                    type: NodeType.element.rawValue, tagName: tagName, attributes: attributes, childNodes: childNodes,
                    isSVG: isSVG, isCustom: isCustom, needBlock: needBlock
                )
            )
        }
        return SerializedNode(
            id: id,
            kind: .element(ElementData(
                tagName: tagName, attributes: attributes, isSVG: isSVG, isCustom: isCustom, needBlock: needBlock
            )),
            childNodes: childNodes, rootId: rootId
        )
    }

    /// The rest of a text node after its content when it is not the end: rrweb's `isStyle`
    /// (text inside `<style>`, a third of the text nodes of a page with inline CSS), then
    /// the end, else the general loop. Out of line for the reason `decodeElementTail` is.
    @inline(never)
    static func decodeTextTail(
        _ s: inout JSONScanner, _ objectStart: Int, _ textContent: consuming String?
    ) throws(JSONError) -> SerializedNode {
        var isStyle: Bool?
        if s.keyAfterValue("isStyle") { isStyle = try s.readOptionalBool() }
        guard let (id, rootId) = readCompactEnd(&s) else {
            return try decodeFields(
                &s, objectStart, Fields(type: NodeType.text.rawValue, textContent: textContent, isStyle: isStyle)
            )
        }
        return SerializedNode(id: id, kind: .text(textContent ?? "", isStyle: isStyle), rootId: rootId)
    }

    /// What a node's keys hold, as far as they have been read.
    struct Fields {
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
    }

    /// Reads the remaining keys of a node, in any order, into `fields`, and assembles it.
    @inline(never)
    static func decodeFields(_ s: inout JSONScanner, _ objectStart: Int, _ fields: Fields) throws(JSONError) -> SerializedNode {
        var f = fields
        // Nodes inside iframes carry `rootId` before `id`: the next most common shape.
        if s.key("rootId") { f.rootId = try s.readOptionalInt() }
        if s.key("id") { f.id = try s.readInt() }

        while let key = try s.nextKey() {
            if key == "type" {
                f.type = try s.readInt()
            } else if key == "id" {
                f.id = try s.readInt()
            } else if key == "textContent" {
                f.textContent = try s.readOptionalString()
            } else if key == "tagName" {
                f.tagName = try s.readString()
            } else if key == "attributes" {
                f.attributes = try Attributes.decode(&s)
            } else if key == "childNodes" {
                f.childNodes = try decodeChildren(&s)
            } else if key == "rootId" {
                f.rootId = try s.readOptionalInt()
            } else if key == "isShadowHost" {
                f.isShadowHost = try s.readOptionalBool()
            } else if key == "isShadow" {
                f.isShadow = try s.readOptionalBool()
            } else if key == "isSVG" {
                f.isSVG = try s.readOptionalBool()
            } else if key == "name" {
                f.name = try s.readOptionalString()
            } else if key == "publicId" {
                f.publicId = try s.readOptionalString()
            } else if key == "systemId" {
                f.systemId = try s.readOptionalString()
            } else if key == "compatMode" {
                f.compatMode = try s.readOptionalString()
            } else if key == "isCustom" {
                f.isCustom = try s.readOptionalBool()
            } else if key == "needBlock" {
                f.needBlock = try s.readOptionalBool()
            } else if key == "isStyle" {
                f.isStyle = try s.readOptionalBool()
            } else {
                f.unknown.append(key.string, try s.readValue())
            }
        }

        guard let type = f.type else { throw JSONError(offset: objectStart, "node without 'type'") }
        guard let id = f.id else { throw JSONError(offset: objectStart, "node without 'id'") }
        let kind: Kind
        switch type {
        case NodeType.document.rawValue:
            kind = .document(compatMode: f.compatMode)
        case NodeType.documentType.rawValue:
            kind = .documentType(name: f.name ?? "", publicId: f.publicId ?? "", systemId: f.systemId ?? "")
        case NodeType.element.rawValue:
            guard let tagName = f.tagName else { throw JSONError(offset: objectStart, "element without 'tagName'") }
            kind = .element(ElementData(
                tagName: tagName, attributes: f.attributes ?? Attributes(), isSVG: f.isSVG, isCustom: f.isCustom,
                needBlock: f.needBlock
            ))
        case NodeType.text.rawValue:
            kind = .text(f.textContent ?? "", isStyle: f.isStyle)
        case NodeType.cdata.rawValue:
            kind = .cdata(f.textContent ?? "")
        case NodeType.comment.rawValue:
            kind = .comment(f.textContent ?? "")
        default:
            throw JSONError(offset: objectStart, "unknown node type \(type)")
        }
        return SerializedNode(
            id: id, kind: kind, childNodes: f.childNodes, rootId: f.rootId,
            isShadowHost: f.isShadowHost, isShadow: f.isShadow, unknownKeys: f.unknown
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
        if s.matchObjectEnd() { return Attributes() }
        return Attributes(entries: try s.collectExact { (s: inout JSONScanner) throws(JSONError) -> Entry? in
            guard let name = try s.nextKeyString() else { return nil }
            // Most values are strings: read them without the dispatch on the next byte.
            if s.position < s.count, s.base[s.position] == UInt8(ascii: "\"") {
                return Entry(name: name, value: .string(try s.readString()))
            }
            return Entry(name: name, value: try AttributeValue.decode(&s))
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
