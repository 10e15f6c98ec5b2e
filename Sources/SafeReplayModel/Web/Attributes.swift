/// An element's attributes, in document order.
///
/// Elements have a handful of attributes, so a linear scan beats hashing, and the order
/// is kept for faithful round trips.
public struct Attributes: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: AttributeValue
        public init(name: String, value: AttributeValue) {
            self.name = name
            self.value = value
        }
    }

    public var entries: [Entry]

    public init() { entries = [] }
    public init(entries: [Entry]) { self.entries = entries }
    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        entries = elements.map { Entry(name: $0.0, value: $0.1) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public subscript(name: String) -> AttributeValue? {
        get {
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            if let newValue {
                if let i = entries.firstIndex(where: { $0.name == name }) {
                    entries[i].value = newValue
                } else {
                    entries.append(Entry(name: name, value: newValue))
                }
            } else {
                entries.removeAll { $0.name == name }
            }
        }
    }

    /// The attribute's value when it is a string.
    public func string(_ name: String) -> String? {
        if case .string(let s)? = self[name] { return s }
        return nil
    }
}

/// An attribute value as rrweb serializes it.
public enum AttributeValue: Sendable, Equatable {
    case string(String)
    /// Recorder properties such as `rr_scrollLeft` or `rr_mediaCurrentTime`.
    case number(Double)
    /// `true` for boolean properties such as `checked`.
    case bool(Bool)
    /// In a mutation: the attribute was removed.
    case null
    /// In a mutation of `style`: a CSSOM diff (`{prop: value | [value, priority] | false}`).
    case styleDiff(JSONObject)
}
