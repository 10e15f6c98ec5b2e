extension IncrementalData {
    /// Writes the IncrementalSnapshot event `{"type":3,"data":…,"timestamp":…}` around this
    /// data, as `Event.encode` writes it. Here the literal keys fold into constant stores;
    /// written from the capture stage's module, each was an out-of-line call of ~77
    /// instructions, three per event.
    public func encodeEvent(timestamp: Int64, into w: inout JSONWriter) {
        w.beginObject()
        Event.writeType(.incrementalSnapshot, into: &w)
        encode(into: &w)
        w.key("timestamp")
        w.int64(timestamp)
        w.endObject()
    }

    /// Writes `{"source":…, …}` with the fields of the source's shape.
    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("source")
        w.int(sourceNumber)
        switch self {
        case .mutation(let d): d.encodeFields(into: &w)
        case .wireframeMutation(let d): d.encodeFields(into: &w)
        case .pointerPositions(_, let d):
            w.key("positions")
            w.beginArray()
            for p in d.positions {
                w.pointerPosition(x: p.x, y: p.y, id: p.id, timeOffset: p.timeOffset)
            }
            w.endArray()
            w.members(of: d.unknownKeys)
        case .mouseInteraction(let d):
            w.key("type")
            w.int(d.type)
            w.key("id")
            w.int(d.id)
            if let x = d.x {
                w.key("x")
                w.double(x)
            }
            if let y = d.y {
                w.key("y")
                w.double(y)
            }
            if let pointerType = d.pointerType {
                w.key("pointerType")
                w.int(pointerType)
            }
            w.members(of: d.unknownKeys)
        case .scroll(let d):
            w.key("id")
            w.int(d.id)
            w.key("x")
            w.double(d.x)
            w.key("y")
            w.double(d.y)
            w.members(of: d.unknownKeys)
        case .viewportResize(let d):
            w.key("width")
            w.double(d.width)
            w.key("height")
            w.double(d.height)
            w.members(of: d.unknownKeys)
        case .input(let d):
            w.key("text")
            w.string(d.text)
            w.key("isChecked")
            w.bool(d.isChecked)
            if let userTriggered = d.userTriggered {
                w.key("userTriggered")
                w.bool(userTriggered)
            }
            w.key("id")
            w.int(d.id)
            w.members(of: d.unknownKeys)
        case .mediaInteraction(let d): d.encodeFields(into: &w)
        case .styleSheetRule(let d): d.encodeFields(into: &w)
        case .canvasMutation(let d): d.encodeFields(into: &w)
        case .font(let d):
            w.key("family")
            w.string(d.family)
            w.key("fontSource")
            w.string(d.fontSource)
            w.key("buffer")
            w.bool(d.buffer)
            if let descriptors = d.descriptors {
                w.key("descriptors")
                w.value(descriptors)
            }
            w.members(of: d.unknownKeys)
        case .log(let fields), .unknown(_, let fields):
            w.members(of: fields)
        case .styleDeclaration(let d): d.encodeFields(into: &w)
        case .selection(let d):
            w.key("ranges")
            w.beginArray()
            for r in d.ranges {
                w.beginObject()
                w.key("start")
                w.int(r.start)
                w.key("startOffset")
                w.int(r.startOffset)
                w.key("end")
                w.int(r.end)
                w.key("endOffset")
                w.int(r.endOffset)
                w.endObject()
            }
            w.endArray()
            w.members(of: d.unknownKeys)
        case .adoptedStyleSheet(let d):
            w.key("id")
            w.int(d.id)
            if let styles = d.styles {
                w.key("styles")
                w.beginArray()
                for style in styles {
                    w.beginObject()
                    w.key("styleId")
                    w.int(style.styleId)
                    w.key("rules")
                    StyleSheetAddRule.encode(style.rules, into: &w)
                    w.endObject()
                }
                w.endArray()
            }
            w.key("styleIds")
            w.beginArray()
            for id in d.styleIds { w.int(id) }
            w.endArray()
            w.members(of: d.unknownKeys)
        case .customElement(let d):
            if let name = d.defineName {
                w.key("define")
                w.beginObject()
                w.key("name")
                w.string(name)
                w.endObject()
            }
            w.members(of: d.unknownKeys)
        }
        w.endObject()
    }
}

extension MutationData {
    func encodeFields(into w: inout JSONWriter) {
        w.key("texts")
        w.beginArray()
        for t in texts {
            w.beginObject()
            w.key("id")
            w.int(t.id)
            w.key("value")
            if let value = t.value { w.string(value) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("attributes")
        w.beginArray()
        for a in attributes {
            w.beginObject()
            w.key("id")
            w.int(a.id)
            w.key("attributes")
            a.attributes.encode(into: &w)
            w.endObject()
        }
        w.endArray()
        w.key("removes")
        w.beginArray()
        for r in removes {
            w.beginObject()
            w.key("parentId")
            w.int(r.parentId)
            w.key("id")
            w.int(r.id)
            if let isShadow = r.isShadow {
                w.key("isShadow")
                w.bool(isShadow)
            }
            w.endObject()
        }
        w.endArray()
        w.key("adds")
        w.beginArray()
        adds.withUnsafeBufferPointer { adds in
            for i in adds.indices { adds[i].encode(into: &w) }
        }
        w.endArray()
        if let isAttachIframe {
            w.key("isAttachIframe")
            w.bool(isAttachIframe)
        }
        w.members(of: unknownKeys)
    }
}

extension AddedNode {
    func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("parentId")
        w.int(parentId)
        if let previousId {
            w.key("previousId")
            w.int(previousId)
        }
        w.key("nextId")
        if let nextId { w.int(nextId) } else { w.null() }
        w.key("node")
        node.encode(into: &w)
        w.endObject()
    }
}

extension MediaInteractionData {
    func encodeFields(into w: inout JSONWriter) {
        w.key("type")
        w.int(type)
        w.key("id")
        w.int(id)
        if let currentTime {
            w.key("currentTime")
            w.double(currentTime)
        }
        if let volume {
            w.key("volume")
            w.double(volume)
        }
        if let muted {
            w.key("muted")
            w.bool(muted)
        }
        if let loop {
            w.key("loop")
            w.bool(loop)
        }
        if let playbackRate {
            w.key("playbackRate")
            w.double(playbackRate)
        }
        w.members(of: unknownKeys)
    }
}

extension StyleSheetAddRule {
    static func encode(_ rules: [StyleSheetAddRule], into w: inout JSONWriter) {
        w.beginArray()
        for rule in rules {
            w.beginObject()
            w.key("rule")
            w.string(rule.rule)
            if let index = rule.index {
                w.key("index")
                w.value(index)
            }
            w.endObject()
        }
        w.endArray()
    }
}

extension StyleSheetRuleData {
    func encodeFields(into w: inout JSONWriter) {
        if let id {
            w.key("id")
            w.int(id)
        }
        if let styleId {
            w.key("styleId")
            w.int(styleId)
        }
        if let removes {
            w.key("removes")
            w.beginArray()
            for index in removes {
                w.beginObject()
                w.key("index")
                w.value(index)
                w.endObject()
            }
            w.endArray()
        }
        if let adds {
            w.key("adds")
            StyleSheetAddRule.encode(adds, into: &w)
        }
        if let replace {
            w.key("replace")
            w.string(replace)
        }
        if let replaceSync {
            w.key("replaceSync")
            w.string(replaceSync)
        }
        w.members(of: unknownKeys)
    }
}

extension StyleDeclarationData {
    func encodeFields(into w: inout JSONWriter) {
        if let id {
            w.key("id")
            w.int(id)
        }
        if let styleId {
            w.key("styleId")
            w.int(styleId)
        }
        w.key("index")
        w.beginArray()
        for i in index { w.int(i) }
        w.endArray()
        if let set {
            w.key("set")
            w.beginObject()
            w.key("property")
            w.string(set.property)
            w.key("value")
            if let value = set.value { w.string(value) } else { w.null() }
            if let priority = set.priority {
                w.key("priority")
                w.string(priority)
            }
            w.endObject()
        }
        if let removeProperty {
            w.key("remove")
            w.beginObject()
            w.key("property")
            w.string(removeProperty)
            w.endObject()
        }
        w.members(of: unknownKeys)
    }
}

extension CanvasCommand {
    func encodeFields(into w: inout JSONWriter) {
        w.key("property")
        w.string(property)
        w.key("args")
        w.value(.array(args))
        if let setter {
            w.key("setter")
            w.bool(setter)
        }
    }
}

extension CanvasMutationData {
    func encodeFields(into w: inout JSONWriter) {
        w.key("id")
        w.int(id)
        w.key("type")
        w.int(contextType)
        if let commands {
            w.key("commands")
            w.beginArray()
            for command in commands {
                w.beginObject()
                command.encodeFields(into: &w)
                w.endObject()
            }
            w.endArray()
        }
        command?.encodeFields(into: &w)
        w.members(of: unknownKeys)
    }
}
