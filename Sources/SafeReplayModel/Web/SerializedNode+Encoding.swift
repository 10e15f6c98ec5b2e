extension SerializedNode {
    /// Writes the node in rrweb's key order, `id` last.
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        // The type number is written in each case: a separate switch for it (`nodeType`)
        // made the compiler retain the kind's payload across the writes between the two.
        switch kind {
        case .document(let compatMode):
            w.int(NodeType.document.rawValue)
            w.key("childNodes")
            encodeChildren(into: &w)
            if let compatMode {
                w.key("compatMode")
                w.string(compatMode)
            }
        case .documentType(let name, let publicId, let systemId):
            w.int(NodeType.documentType.rawValue)
            w.key("name")
            w.string(name)
            w.key("publicId")
            w.string(publicId)
            w.key("systemId")
            w.string(systemId)
        case .element(let element):
            w.int(NodeType.element.rawValue)
            w.key("tagName")
            w.string(element.tagName)
            w.key("attributes")
            element.attributes.encode(into: &w)
            w.key("childNodes")
            encodeChildren(into: &w)
            if let isSVG = element.isSVG {
                w.key("isSVG")
                w.bool(isSVG)
            }
            if let isCustom = element.isCustom {
                w.key("isCustom")
                w.bool(isCustom)
            }
            if let needBlock = element.needBlock {
                w.key("needBlock")
                w.bool(needBlock)
            }
        case .text(let text, let isStyle):
            w.int(NodeType.text.rawValue)
            w.key("textContent")
            w.string(text)
            if let isStyle {
                w.key("isStyle")
                w.bool(isStyle)
            }
        case .cdata(let text):
            w.int(NodeType.cdata.rawValue)
            w.key("textContent")
            w.string(text)
        case .comment(let text):
            w.int(NodeType.comment.rawValue)
            w.key("textContent")
            w.string(text)
        }
        if let rootId {
            w.key("rootId")
            w.int(rootId)
        }
        if let isShadowHost {
            w.key("isShadowHost")
            w.bool(isShadowHost)
        }
        if let isShadow {
            w.key("isShadow")
            w.bool(isShadow)
        }
        w.members(of: unknownKeys)
        w.key("id")
        w.int(id)
        w.endObject()
    }

    private func encodeChildren(into w: inout JSONWriter) {
        w.beginArray()
        // Through the buffer: a `for in` over the array copies each child (retaining all
        // its fields) before encoding it.
        childNodes.withUnsafeBufferPointer { children in
            for i in children.indices { children[i].encode(into: &w) }
        }
        w.endArray()
    }
}

extension Attributes {
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        entries.withUnsafeBufferPointer { entries in
            for i in entries.indices {
                w.key(entries[i].name)
                entries[i].value.encode(into: &w)
            }
        }
        w.endObject()
    }
}

extension AttributeValue {
    public func encode(into w: inout JSONWriter) {
        switch self {
        case .string(let s): w.string(s)
        case .number(let n): w.double(n)
        case .bool(let b): w.bool(b)
        case .null: w.null()
        case .styleDiff(let o): w.object(o)
        }
    }
}
