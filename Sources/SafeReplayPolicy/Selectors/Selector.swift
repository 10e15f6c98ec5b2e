/// A parsed CSS selector list (`a, b > c`), compiled once per policy.
///
/// The subset covers what privacy rules need: type, `*`, `#id`, `.class`, attribute tests
/// (`[a]`, `=`, `^=`, `$=`, `*=`, `~=`, `|=`, optional ` i` flag), `:not(…)`, and the
/// descendant and child combinators. Sibling combinators and other pseudo-classes are
/// refused at load time: a rule that silently matched nothing would be a privacy hole.
public struct SelectorList: Sendable, Hashable, CustomStringConvertible {
    public var selectors: [ComplexSelector]
    /// The source text, for messages and audit keys.
    public var source: String

    public var description: String { source }
}

/// Compounds joined by combinators, stored right to left (the subject first) because
/// matching starts at the element and walks up.
public struct ComplexSelector: Sendable, Hashable {
    public enum Combinator: Sendable, Hashable {
        case descendant
        case child
    }

    /// `compounds[0]` is the subject; `combinators[i]` joins `compounds[i]` to `compounds[i + 1]`.
    public var compounds: [CompoundSelector]
    public var combinators: [Combinator]

    /// The most selective key of the subject, for bucketing rules by element.
    public var subjectKey: SelectorKey { compounds[0].key }
}

/// Simple selectors that must all hold for one element.
public struct CompoundSelector: Sendable, Hashable {
    /// Lower-case tag name, or `nil` for any element.
    public var tagName: String?
    public var ids: [String] = []
    public var classes: [String] = []
    public var attributes: [AttributeSelector] = []
    public var negations: [SelectorList] = []

    public var key: SelectorKey {
        if let id = ids.first { return .id(id) }
        if let c = classes.first { return .className(c) }
        if let tagName { return .tag(tagName) }
        return .any
    }
}

/// How a rule can be found from an element without testing every rule.
public enum SelectorKey: Sendable, Hashable {
    case id(String)
    case className(String)
    case tag(String)
    case any
}

public struct AttributeSelector: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case exists = ""
        case equals = "="
        case prefix = "^="
        case suffix = "$="
        case contains = "*="
        case includesWord = "~="
        case dashMatch = "|="
    }

    /// Lower-case attribute name.
    public var name: String
    public var op: Operator
    public var value: String
    public var caseInsensitive: Bool
}
