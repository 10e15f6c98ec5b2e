// Decoders for the stylesheet, font, canvas, selection and custom-element sources.
// Each reads the remaining keys of an already-open object (see `IncrementalData.decode`).

extension StyleSheetAddRule {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> StyleSheetAddRule {
        let objectStart = s.position
        try s.beginObject()
        var rule: String?
        var index: JSONValue?
        while let key = try s.nextKey() {
            if key == "rule" {
                rule = try s.readString()
            } else if key == "index" {
                index = try s.readValue()
            } else {
                try s.skipValue()
            }
        }
        guard let rule else { throw JSONError(offset: objectStart, "stylesheet rule without 'rule'") }
        return StyleSheetAddRule(rule: rule, index: index)
    }
}

extension StyleSheetRuleData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> StyleSheetRuleData {
        var data = StyleSheetRuleData()
        while let key = try s.nextKey() {
            if key == "id" {
                data.id = try s.readOptionalInt()
            } else if key == "styleId" {
                data.styleId = try s.readOptionalInt()
            } else if key == "adds" {
                data.adds = try s.readArrayExact(StyleSheetAddRule.decode)
            } else if key == "removes" {
                data.removes = try s.readArrayExact(Self.decodeRemoval)
            } else if key == "replace" {
                data.replace = try s.readOptionalString()
            } else if key == "replaceSync" {
                data.replaceSync = try s.readOptionalString()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }

    static func decodeRemoval(_ s: inout JSONScanner) throws(JSONError) -> JSONValue {
        try s.beginObject()
        var index: JSONValue = .null
        while let key = try s.nextKey() {
            if key == "index" { index = try s.readValue() } else { try s.skipValue() }
        }
        return index
    }
}

extension StyleDeclarationData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> StyleDeclarationData {
        var data = StyleDeclarationData(index: [])
        while let key = try s.nextKey() {
            if key == "id" {
                data.id = try s.readOptionalInt()
            } else if key == "styleId" {
                data.styleId = try s.readOptionalInt()
            } else if key == "index" {
                data.index = try s.readArrayExact { (s: inout JSONScanner) throws(JSONError) -> Int in try s.readInt() }
            } else if key == "set" {
                try s.beginObject()
                var set = Set(property: "", value: nil, priority: nil)
                while let k = try s.nextKey() {
                    if k == "property" {
                        set.property = try s.readString()
                    } else if k == "value" {
                        set.value = try s.readOptionalString()
                    } else if k == "priority" {
                        set.priority = try s.readOptionalString()
                    } else {
                        try s.skipValue()
                    }
                }
                data.set = set
            } else if key == "remove" {
                try s.beginObject()
                while let k = try s.nextKey() {
                    if k == "property" { data.removeProperty = try s.readString() } else { try s.skipValue() }
                }
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }
}

extension AdoptedStyleSheetData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> AdoptedStyleSheetData {
        var data = AdoptedStyleSheetData(id: 0, styleIds: [])
        while let key = try s.nextKey() {
            if key == "id" {
                data.id = try s.readInt()
            } else if key == "styleIds" {
                data.styleIds = try s.readArrayExact { (s: inout JSONScanner) throws(JSONError) -> Int in try s.readInt() }
            } else if key == "styles" {
                data.styles = try s.readArrayExact(Self.decodeStyle)
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }

    static func decodeStyle(_ s: inout JSONScanner) throws(JSONError) -> Style {
        try s.beginObject()
        var style = Style(styleId: 0, rules: [])
        while let key = try s.nextKey() {
            if key == "styleId" {
                style.styleId = try s.readInt()
            } else if key == "rules" {
                style.rules = try s.readArrayExact(StyleSheetAddRule.decode)
            } else {
                try s.skipValue()
            }
        }
        return style
    }
}

extension FontData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> FontData {
        var data = FontData(family: "", fontSource: "", buffer: false)
        while let key = try s.nextKey() {
            if key == "family" {
                data.family = try s.readString()
            } else if key == "fontSource" {
                data.fontSource = try s.readString()
            } else if key == "buffer" {
                data.buffer = try s.readBool()
            } else if key == "descriptors" {
                data.descriptors = try s.readValue()
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }
}

extension CanvasCommand {
    static func decode(_ s: inout JSONScanner) throws(JSONError) -> CanvasCommand {
        try s.beginObject()
        var command = CanvasCommand(property: "", args: [])
        while let key = try s.nextKey() {
            if key == "property" {
                command.property = try s.readString()
            } else if key == "args" {
                command.args = try s.readArrayExact { (s: inout JSONScanner) throws(JSONError) -> JSONValue in try s.readValue() }
            } else if key == "setter" {
                command.setter = try s.readOptionalBool()
            } else {
                try s.skipValue()
            }
        }
        return command
    }
}

extension CanvasMutationData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> CanvasMutationData {
        var data = CanvasMutationData(id: 0, contextType: 0)
        var inline = CanvasCommand(property: "", args: [])
        var hasInline = false
        while let key = try s.nextKey() {
            if key == "id" {
                data.id = try s.readInt()
            } else if key == "type" {
                data.contextType = try s.readInt()
            } else if key == "commands" {
                data.commands = try s.readArrayExact(CanvasCommand.decode)
            } else if key == "property" {
                inline.property = try s.readString()
                hasInline = true
            } else if key == "args" {
                inline.args = try s.readArrayExact { (s: inout JSONScanner) throws(JSONError) -> JSONValue in try s.readValue() }
                hasInline = true
            } else if key == "setter" {
                inline.setter = try s.readOptionalBool()
                hasInline = true
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        if hasInline { data.command = inline }
        return data
    }
}

extension SelectionData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> SelectionData {
        var data = SelectionData(ranges: [])
        while let key = try s.nextKey() {
            if key == "ranges" {
                data.ranges = try s.readArrayExact(Self.decodeRange)
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }

    static func decodeRange(_ s: inout JSONScanner) throws(JSONError) -> Range {
        try s.beginObject()
        var range = Range(start: 0, startOffset: 0, end: 0, endOffset: 0)
        while let key = try s.nextKey() {
            if key == "start" {
                range.start = try s.readInt()
            } else if key == "startOffset" {
                range.startOffset = try s.readInt()
            } else if key == "end" {
                range.end = try s.readInt()
            } else if key == "endOffset" {
                range.endOffset = try s.readInt()
            } else {
                try s.skipValue()
            }
        }
        return range
    }
}

extension CustomElementData {
    static func decodeFields(_ s: inout JSONScanner) throws(JSONError) -> CustomElementData {
        var data = CustomElementData(defineName: nil)
        while let key = try s.nextKey() {
            if key == "define" {
                try s.beginObject()
                while let k = try s.nextKey() {
                    if k == "name" { data.defineName = try s.readString() } else { try s.skipValue() }
                }
            } else if key == "source" {
                try s.skipValue()
            } else {
                data.unknownKeys.append(key.string, try s.readValue())
            }
        }
        return data
    }
}
