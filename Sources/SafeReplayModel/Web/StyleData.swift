/// A CSS rule inserted into a stylesheet; `index` is a number or a path of numbers.
public struct StyleSheetAddRule: Sendable, Equatable {
    public var rule: String
    public var index: JSONValue?
    public init(rule: String, index: JSONValue? = nil) {
        self.rule = rule
        self.index = index
    }
}

/// CSSOM stylesheet changes (source 8).
public struct StyleSheetRuleData: Sendable, Equatable {
    public var id: Int?
    public var styleId: Int?
    /// Each removal's `index` (a number or a path of numbers).
    public var removes: [JSONValue]?
    public var adds: [StyleSheetAddRule]?
    public var replace: String?
    public var replaceSync: String?
    public var unknownKeys: JSONObject
    public init(
        id: Int? = nil, styleId: Int? = nil, removes: [JSONValue]? = nil, adds: [StyleSheetAddRule]? = nil,
        replace: String? = nil, replaceSync: String? = nil, unknownKeys: JSONObject = JSONObject()
    ) {
        self.id = id
        self.styleId = styleId
        self.removes = removes
        self.adds = adds
        self.replace = replace
        self.replaceSync = replaceSync
        self.unknownKeys = unknownKeys
    }
}

/// A CSSOM declaration change (source 13).
public struct StyleDeclarationData: Sendable, Equatable {
    public struct Set: Sendable, Equatable {
        public var property: String
        public var value: String?
        public var priority: String?
        public init(property: String, value: String?, priority: String?) {
            self.property = property
            self.value = value
            self.priority = priority
        }
    }

    public var id: Int?
    public var styleId: Int?
    public var index: [Int]
    public var set: Set?
    /// The removed property's name.
    public var removeProperty: String?
    public var unknownKeys: JSONObject
    public init(
        id: Int? = nil, styleId: Int? = nil, index: [Int], set: Set? = nil, removeProperty: String? = nil,
        unknownKeys: JSONObject = JSONObject()
    ) {
        self.id = id
        self.styleId = styleId
        self.index = index
        self.set = set
        self.removeProperty = removeProperty
        self.unknownKeys = unknownKeys
    }
}

/// Adopted stylesheets of a document or shadow root (source 15).
public struct AdoptedStyleSheetData: Sendable, Equatable {
    public struct Style: Sendable, Equatable {
        public var styleId: Int
        public var rules: [StyleSheetAddRule]
        public init(styleId: Int, rules: [StyleSheetAddRule]) {
            self.styleId = styleId
            self.rules = rules
        }
    }

    public var id: Int
    public var styles: [Style]?
    public var styleIds: [Int]
    public var unknownKeys: JSONObject
    public init(id: Int, styles: [Style]? = nil, styleIds: [Int], unknownKeys: JSONObject = JSONObject()) {
        self.id = id
        self.styles = styles
        self.styleIds = styleIds
        self.unknownKeys = unknownKeys
    }
}

/// A web font the page loaded (source 10).
public struct FontData: Sendable, Equatable {
    public var family: String
    public var fontSource: String
    public var buffer: Bool
    public var descriptors: JSONValue?
    public var unknownKeys: JSONObject
    public init(family: String, fontSource: String, buffer: Bool, descriptors: JSONValue? = nil, unknownKeys: JSONObject = JSONObject()) {
        self.family = family
        self.fontSource = fontSource
        self.buffer = buffer
        self.descriptors = descriptors
        self.unknownKeys = unknownKeys
    }
}
