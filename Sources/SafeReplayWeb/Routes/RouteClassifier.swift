import SafeReplayPolicy

/// What the route rules say about the current page.
struct RouteVerdict: Equatable {
    var level: SensitivityLevel
    var fidelity: Fidelity
    /// The rule that set the level, or `nil` for an unclassified route (policy default).
    var ruleName: String?
    /// The route template (`/orders/:id`), for drift alerts and interaction logs.
    var template: String

    var isClassified: Bool { ruleName != nil }
}

/// Maps an href to a level and fidelity with the policy's route rules. When several rules
/// match, the most restrictive wins: the highest level, and the least capturing fidelity
/// any of the matching rules asks for.
struct RouteClassifier {
    let rules: [RouteRule]
    let policy: Policy

    init(policy: Policy) {
        self.policy = policy
        rules = policy.routes
    }

    func classify(_ parts: URLParts, template: String) -> RouteVerdict {
        var best: RouteVerdict?
        for rule in rules where rule.matches(path: parts.path, query: parts.query, fragment: parts.fragment) {
            let fidelity = rule.fidelity ?? policy.fidelity(for: rule.level)
            guard var current = best else {
                best = RouteVerdict(level: rule.level, fidelity: fidelity, ruleName: rule.name, template: template)
                continue
            }
            if rule.level > current.level {
                current.level = rule.level
                current.ruleName = rule.name
            }
            current.fidelity = Swift.max(current.fidelity, fidelity)
            best = current
        }
        if let best { return best }
        return unclassified(template: template)
    }

    /// The policy default, for routes no rule names and pages that reported no href.
    func unclassified(template: String) -> RouteVerdict {
        RouteVerdict(level: policy.defaultLevel, fidelity: policy.fidelity(for: policy.defaultLevel), ruleName: nil, template: template)
    }
}
