/// What selector matching needs to know about elements. The web mirror implements it
/// over its node store; tests implement it over a toy tree.
public protocol SelectorSubject {
    associatedtype Element

    /// Lower-case tag name.
    func tagName(of element: Element) -> String
    /// The parent element, or `nil` at the root (documents and shadow roots end the walk).
    func parentElement(of element: Element) -> Element?
    /// The attribute's value when it is present as a string (or a boolean attribute, as "").
    func attribute(_ name: String, of element: Element) -> String?
    /// Whether the element's `class` contains `name` as a whole word.
    func hasClass(_ name: String, _ element: Element) -> Bool
}

extension SelectorSubject {
    public func hasClass(_ name: String, _ element: Element) -> Bool {
        guard let value = attribute("class", of: element) else { return false }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            .contains { $0 == name }
    }
}

// Inlinable so that matching specializes for the caller's subject (the web mirror) rather
// than dispatching every tag and attribute read through a witness table.
extension SelectorList {
    @inlinable
    public func matches<S: SelectorSubject>(_ element: S.Element, in subject: S) -> Bool {
        selectors.contains { $0.matches(element, in: subject) }
    }
}

extension ComplexSelector {
    @inlinable
    public func matches<S: SelectorSubject>(_ element: S.Element, in subject: S) -> Bool {
        guard compounds[0].matches(element, in: subject) else { return false }
        return matchAncestors(from: 0, element: element, in: subject)
    }

    /// Matches `compounds[index + 1...]` against the ancestors of `element`, which matched
    /// `compounds[index]`. Descendant combinators backtrack up the ancestor chain.
    @inlinable
    func matchAncestors<S: SelectorSubject>(from index: Int, element: S.Element, in subject: S) -> Bool {
        guard index < combinators.count else { return true }
        let next = compounds[index + 1]
        switch combinators[index] {
        case .child:
            guard let parent = subject.parentElement(of: element), next.matches(parent, in: subject) else { return false }
            return matchAncestors(from: index + 1, element: parent, in: subject)
        case .descendant:
            var ancestor = subject.parentElement(of: element)
            while let candidate = ancestor {
                if next.matches(candidate, in: subject), matchAncestors(from: index + 1, element: candidate, in: subject) {
                    return true
                }
                ancestor = subject.parentElement(of: candidate)
            }
            return false
        }
    }
}

extension CompoundSelector {
    @inlinable
    public func matches<S: SelectorSubject>(_ element: S.Element, in subject: S) -> Bool {
        if let tagName, subject.tagName(of: element) != tagName { return false }
        for id in ids where subject.attribute("id", of: element) != id { return false }
        for c in classes where !subject.hasClass(c, element) { return false }
        for a in attributes where !a.matches(subject.attribute(a.name, of: element)) { return false }
        for n in negations where n.matches(element, in: subject) { return false }
        return true
    }
}

extension AttributeSelector {
    public func matches(_ actual: String?) -> Bool {
        guard var actual else { return false }
        var expected = value
        if caseInsensitive {
            actual = actual.lowercased()
            expected = expected.lowercased()
        }
        switch op {
        case .exists: return true
        case .equals: return actual == expected
        // An empty operand never matches for these, as in CSS.
        case .prefix: return !expected.isEmpty && actual.hasPrefix(expected)
        case .suffix: return !expected.isEmpty && actual.hasSuffix(expected)
        case .contains: return !expected.isEmpty && actual.contains(expected)
        case .includesWord:
            return !expected.isEmpty && actual.split(whereSeparator: { $0.isWhitespace }).contains { $0 == expected }
        case .dashMatch: return actual == expected || actual.hasPrefix(expected + "-")
        }
    }
}
