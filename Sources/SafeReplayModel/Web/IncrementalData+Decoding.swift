extension IncrementalData {
    /// Decodes incremental data. `source` is normally the first key; when it is not, the
    /// object is scanned once for it and then read again.
    public static func decode(_ s: inout JSONScanner) throws(JSONError) -> IncrementalData {
        let start = s.mark()
        try s.beginObject()
        let source: Int
        if s.keyAfterOpen("source") {
            source = try s.readInt()
        } else if let first = try s.nextKey(), first == "source" {
            source = try s.readInt()
        } else {
            s.rewind(to: start)
            guard let found = try s.findInteger("source") else { throw s.missing("source", in: "incremental snapshot") }
            source = found
            s.rewind(to: start)
            try s.beginObject()
        }
        // From here each decoder reads the remaining keys of the open object and skips
        // `source` if it meets it again.
        guard let known = IncrementalSource(rawValue: source) else {
            var fields = JSONObject()
            while let key = try s.nextKey() {
                if key == "source" { try s.skipValue(); continue }
                fields.append(key.string, try s.readValue())
            }
            return .unknown(source: source, fields: fields)
        }
        switch known {
        case .mutation: return try decodeMutation(&s)
        case .mouseMove, .touchMove, .drag: return .pointerPositions(known, try PointerPositionsData.decodeFields(&s))
        case .mouseInteraction: return .mouseInteraction(try MouseInteractionData.decodeFields(&s))
        case .scroll: return .scroll(try ScrollData.decodeFields(&s))
        case .viewportResize: return .viewportResize(try ViewportResizeData.decodeFields(&s))
        case .input: return .input(try InputData.decodeFields(&s))
        case .mediaInteraction: return .mediaInteraction(try MediaInteractionData.decodeFields(&s))
        case .styleSheetRule: return .styleSheetRule(try StyleSheetRuleData.decodeFields(&s))
        case .canvasMutation: return .canvasMutation(try CanvasMutationData.decodeFields(&s))
        case .font: return .font(try FontData.decodeFields(&s))
        case .log:
            var fields = JSONObject()
            while let key = try s.nextKey() {
                if key == "source" { try s.skipValue(); continue }
                fields.append(key.string, try s.readValue())
            }
            return .log(fields)
        case .styleDeclaration: return .styleDeclaration(try StyleDeclarationData.decodeFields(&s))
        case .selection: return .selection(try SelectionData.decodeFields(&s))
        case .adoptedStyleSheet: return .adoptedStyleSheet(try AdoptedStyleSheetData.decodeFields(&s))
        case .customElement: return .customElement(try CustomElementData.decodeFields(&s))
        }
    }

    /// Source 0 carries either a DOM mutation (`texts/attributes/removes/adds` with
    /// `node`s) or a wireframe mutation (`adds/updates/removes` with `wireframe`s).
    static func decodeMutation(_ s: inout JSONScanner) throws(JSONError) -> IncrementalData {
        let start = s.mark()
        do throws(JSONError) {
            if let mutation = try decodeDOMMutation(&s) { return .mutation(mutation) }
        } catch {}
        // Not rrweb's shape, or not valid: the general reading decides (and words the error).
        s.rewind(to: start)
        return try decodeMutationGeneral(&s)
    }

    /// A DOM mutation in rrweb's key order (`texts, attributes, removes, adds`, then at most
    /// `isAttachIframe`), built straight into its final types; `nil` or an error for anything
    /// else, which the caller reads again with ``decodeMutationGeneral(_:)``. Whatever this
    /// accepts, the general reading decodes to the same value.
    @inline(__always)
    static func decodeDOMMutation(_ s: inout JSONScanner) throws(JSONError) -> MutationData? {
        guard s.keyAfterValue("texts") else { return nil }
        let texts = try s.readArrayExact(TextMutation.decode)
        guard s.keyAfterValue("attributes") else { return nil }
        let attributes = try s.readArrayExact(AttributeMutation.decode)
        guard s.keyAfterValue("removes") else { return nil }
        let removes = try s.readArrayExact(RemovedNode.decodeDOM)
        guard s.keyAfterValue("adds") else { return nil }
        let adds = try s.readArrayExact(AddedNode.decodeDOM)
        var isAttachIframe: Bool?
        if s.keyAfterValue("isAttachIframe") { isAttachIframe = try s.readOptionalBool() }
        guard s.matchObjectEnd() else { return nil }
        return MutationData(texts: texts, attributes: attributes, removes: removes, adds: adds, isAttachIframe: isAttachIframe)
    }

    @inline(never)
    static func decodeMutationGeneral(_ s: inout JSONScanner) throws(JSONError) -> IncrementalData {
        let objectStart = s.position
        var texts: [TextMutation]?
        var attributes: [AttributeMutation]?
        var removes: [MutationRemoval]?
        var adds: [MutationAddition]?
        var updates: [WireframeMutation]?
        var isAttachIframe: Bool?
        var unknown = JSONObject()
        // rrweb's order first, then whatever is left (and the wireframe dialect's keys).
        if s.key("texts") { texts = try s.readArrayExact(TextMutation.decode) }
        if s.key("attributes") { attributes = try s.readArrayExact(AttributeMutation.decode) }
        if s.key("removes") { removes = try s.readArrayExact(MutationRemoval.decode) }
        if s.key("adds") { adds = try s.readArrayExact(MutationAddition.decode) }
        while let key = try s.nextKey() {
            if key == "adds" {
                adds = try s.readArrayExact(MutationAddition.decode)
            } else if key == "removes" {
                removes = try s.readArrayExact(MutationRemoval.decode)
            } else if key == "texts" {
                texts = try s.readArrayExact(TextMutation.decode)
            } else if key == "attributes" {
                attributes = try s.readArrayExact(AttributeMutation.decode)
            } else if key == "updates" {
                updates = try s.readArrayExact(WireframeMutation.decode)
            } else if key == "isAttachIframe" {
                isAttachIframe = try s.readOptionalBool()
            } else if key == "source" {
                try s.skipValue()
            } else {
                unknown.append(key.string, try s.readValue())
            }
        }
        let hasNodes = adds?.contains { $0.node != nil } ?? false
        let hasWireframes = adds?.contains { $0.wireframe != nil } ?? false
        if hasNodes && hasWireframes {
            throw JSONError(offset: objectStart, "mutation mixes DOM nodes and wireframes")
        }
        let isWireframe = !hasNodes && (hasWireframes || updates != nil || (texts == nil && attributes == nil))
        if isWireframe {
            var wireframeRemoves: [WireframeRemoval]?
            if let removes {
                wireframeRemoves = removes.map { WireframeRemoval(parentId: $0.parentId.map(Int64.init), id: Int64($0.id)) }
            }
            return .wireframeMutation(WireframeMutationData(
                adds: adds?.map { WireframeMutation(parentId: $0.parentId.map(Int64.init), wireframe: $0.wireframe!) },
                updates: updates,
                removes: wireframeRemoves,
                unknownKeys: unknown
            ))
        }
        var domRemoves: [RemovedNode] = []
        domRemoves.reserveCapacity(removes?.count ?? 0)
        for removal in removes ?? [] {
            guard let parentId = removal.parentId else { throw JSONError(offset: objectStart, "removal without 'parentId'") }
            domRemoves.append(RemovedNode(parentId: parentId, id: removal.id, isShadow: removal.isShadow))
        }
        var domAdds: [AddedNode] = []
        domAdds.reserveCapacity(adds?.count ?? 0)
        for addition in adds ?? [] {
            guard let parentId = addition.parentId else { throw JSONError(offset: objectStart, "addition without 'parentId'") }
            domAdds.append(AddedNode(parentId: parentId, previousId: addition.previousId, nextId: addition.nextId, node: addition.node!))
        }
        return .mutation(MutationData(
            texts: texts ?? [], attributes: attributes ?? [], removes: domRemoves, adds: domAdds,
            isAttachIframe: isAttachIframe, unknownKeys: unknown
        ))
    }
}

/// An addition as read, before the dialect (DOM or wireframe) is known.
struct MutationAddition {
    var parentId: Int?
    var previousId: Int?
    var nextId: Int?
    var node: SerializedNode?
    var wireframe: Wireframe?

    static func decode(_ s: inout JSONScanner) throws(JSONError) -> MutationAddition {
        let objectStart = s.position
        try s.beginObject()
        var a = MutationAddition()
        if s.key("parentId") { a.parentId = try s.readOptionalInt() }
        if s.key("previousId") { a.previousId = try s.readOptionalInt() }
        if s.key("nextId") { a.nextId = try s.readOptionalInt() }
        if s.key("node") { a.node = try SerializedNode.decode(&s) }
        while let key = try s.nextKey() {
            if key == "parentId" {
                a.parentId = try s.readOptionalInt()
            } else if key == "nextId" {
                a.nextId = try s.readOptionalInt()
            } else if key == "node" {
                a.node = try SerializedNode.decode(&s)
            } else if key == "wireframe" {
                a.wireframe = try Wireframe.decode(&s)
            } else if key == "previousId" {
                a.previousId = try s.readOptionalInt()
            } else {
                try s.skipValue()
            }
        }
        guard a.node != nil || a.wireframe != nil else { throw JSONError(offset: objectStart, "addition without 'node'") }
        return a
    }
}

extension AddedNode {
    /// An addition of a DOM node; an error (for the caller to read the mutation again)
    /// when it has no parent or node, or carries a wireframe.
    ///
    /// Only rrweb's shape is read here (`parentId`, `previousId`, `nextId`, `node`, in that
    /// order, the ids optional but the parent), straight into the addition: through
    /// ``MutationAddition`` the node was copied out (retained) and the addition destroyed.
    /// Anything else is an error here and is read again generally.
    @inline(__always)
    static func decodeDOM(_ s: inout JSONScanner) throws(JSONError) -> AddedNode {
        let objectStart = s.position
        try s.beginObject()
        if s.keyAfterOpen("parentId"), let parentId = try s.readOptionalInt() {
            var previousId: Int?
            var nextId: Int?
            if s.keyAfterValue("previousId") { previousId = try s.readOptionalInt() }
            if s.keyAfterValue("nextId") { nextId = try s.readOptionalInt() }
            if s.keyAfterValue("node") {
                let node = try SerializedNode.decode(&s)
                if s.matchObjectEnd() { return AddedNode(parentId: parentId, previousId: previousId, nextId: nextId, node: node) }
            }
        }
        throw JSONError(offset: objectStart, "not a DOM addition")
    }
}

extension RemovedNode {
    /// A removal of a DOM node; an error (for the caller to read the mutation again) when
    /// it has no parent.
    @inline(__always)
    static func decodeDOM(_ s: inout JSONScanner) throws(JSONError) -> RemovedNode {
        let objectStart = s.position
        let r = try MutationRemoval.decode(&s)
        guard let parentId = r.parentId else { throw JSONError(offset: objectStart, "not a DOM removal") }
        return RemovedNode(parentId: parentId, id: r.id, isShadow: r.isShadow)
    }
}

/// A removal as read, before the dialect is known (wireframe removals may omit the parent).
struct MutationRemoval {
    var parentId: Int?
    var id: Int
    var isShadow: Bool?

    static func decode(_ s: inout JSONScanner) throws(JSONError) -> MutationRemoval {
        let objectStart = s.position
        try s.beginObject()
        var parentId: Int?
        var id: Int?
        var isShadow: Bool?
        if s.keyAfterOpen("parentId") { parentId = try s.readOptionalInt() }
        if s.keyAfterValue("id") { id = try s.readInt() }
        while let key = try s.nextKey() {
            if key == "parentId" {
                parentId = try s.readOptionalInt()
            } else if key == "id" {
                id = try s.readInt()
            } else if key == "isShadow" {
                isShadow = try s.readOptionalBool()
            } else {
                try s.skipValue()
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "removal without 'id'") }
        return MutationRemoval(parentId: parentId, id: id, isShadow: isShadow)
    }
}

extension TextMutation {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> TextMutation {
        let objectStart = s.position
        try s.beginObject()
        var id: Int?
        var value: String?
        if s.keyAfterOpen("id") { id = try s.readInt() }
        if s.keyAfterValue("value") { value = try s.readOptionalString() }
        while let key = try s.nextKey() {
            if key == "id" {
                id = try s.readInt()
            } else if key == "value" {
                value = try s.readOptionalString()
            } else {
                try s.skipValue()
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "text mutation without 'id'") }
        return TextMutation(id: id, value: value)
    }
}

extension AttributeMutation {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> AttributeMutation {
        let objectStart = s.position
        try s.beginObject()
        var id: Int?
        var attributes = Attributes()
        if s.keyAfterOpen("id") { id = try s.readInt() }
        if s.keyAfterValue("attributes") { attributes = try Attributes.decode(&s) }
        while let key = try s.nextKey() {
            if key == "id" {
                id = try s.readInt()
            } else if key == "attributes" {
                attributes = try Attributes.decode(&s)
            } else {
                try s.skipValue()
            }
        }
        guard let id else { throw JSONError(offset: objectStart, "attribute mutation without 'id'") }
        return AttributeMutation(id: id, attributes: attributes)
    }
}
