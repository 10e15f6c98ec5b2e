/// A route rule: paths matching `match` (and the optional query and fragment conditions)
/// get `level`, and optionally a fidelity other than the level's.
public struct RouteRule: Sendable, Hashable {
    public var name: String
    public var match: RoutePattern
    /// Query parameters that must be present; a value of `*` accepts any value.
    public var query: [String: String]
    /// A prefix the fragment (without `#`) must have.
    public var hashPrefix: String?
    public var level: SensitivityLevel
    public var fidelity: Fidelity?

    public func matches(path: String, query actual: [(String, String)], fragment: String?) -> Bool {
        guard match.matches(path: path) else { return false }
        for (name, expected) in query {
            guard actual.contains(where: { $0.0 == name && (expected == "*" || $0.1 == expected) }) else { return false }
        }
        if let hashPrefix {
            guard let fragment, fragment.hasPrefix(hashPrefix) else { return false }
        }
        return true
    }
}

/// An element rule: elements matching `selector` get `action`.
public struct ElementRule: Sendable, Hashable {
    public var name: String
    public var selector: SelectorList
    public var action: ElementAction
}

/// A microfrontend: a subtree (`root`) owned by one team, with its own level and rules.
/// Its rules apply inside its root only; the global rules still apply there too, and the
/// strictest outcome wins.
public struct ModuleRule: Sendable, Hashable {
    public var name: String
    public var owner: String?
    public var root: SelectorList
    public var level: SensitivityLevel?
    public var elements: [ElementRule]
}

/// A mobile screen rule: screen names (view controller, activity, route) matching the
/// glob `match` get `level`.
public struct ScreenRule: Sendable, Hashable {
    public var name: String
    /// A glob over the screen name: `*` matches any run of characters.
    public var match: String
    public var level: SensitivityLevel
    public var fidelity: Fidelity?

    public func matches(screen: String) -> Bool {
        let pieces = match.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if pieces.count == 1 { return screen == match }
        return RoutePattern.glob(pieces, matches: Substring(screen))
    }
}

/// A mobile view rule, matching on what native view walkers can report.
public struct ViewRule: Sendable, Hashable {
    public var name: String
    /// Native class name (`UITextField`, `android.widget.EditText`), exact.
    public var className: String?
    /// Accessibility identifier, test tag or resource id, exact.
    public var identifier: String?
    public var action: ElementAction
}
