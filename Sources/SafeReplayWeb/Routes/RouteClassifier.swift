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

    /// Servers often route `/Account/42` and `/%61ccount/42` to `/account/42`, and every
    /// framework reads `?step=p%61y` as `step=pay`: the URL is also classified folded (path,
    /// query names and values, and fragment percent-decoded and ASCII lower-cased) and the
    /// stricter verdict wins. Folding only ever tightens: a URL that no rule classifies as
    /// written keeps the default as a contender.
    func classify(_ parts: URLParts, template: String) -> RouteVerdict {
        let written = classifyAsWritten(parts, template: template)
        guard let other = Self.folded(parts) else { return written }
        let alternative = classifyAsWritten(other, template: template)
        guard alternative.level > written.level || alternative.fidelity > written.fidelity else { return written }
        var verdict = written
        if alternative.level > written.level {
            verdict.level = alternative.level
            verdict.ruleName = alternative.ruleName
        }
        verdict.fidelity = Swift.max(written.fidelity, alternative.fidelity)
        return verdict
    }

    /// `parts` with every piece folded; `nil` when folding changes nothing.
    static func folded(_ parts: URLParts) -> URLParts? {
        var changed = false
        func fold(_ text: String, plusIsSpace: Bool) -> String {
            guard let f = folded(text, plusIsSpace: plusIsSpace) else { return text }
            changed = true
            return f
        }
        var other = parts
        other.path = fold(parts.path, plusIsSpace: false)
        other.query = parts.query.map { (fold($0.0, plusIsSpace: true), fold($0.1, plusIsSpace: true)) }
        other.fragment = parts.fragment.map { fold($0, plusIsSpace: false) }
        return changed ? other : nil
    }

    /// The text percent-decoded (as the URL canonicalizer inspects values, double encoding
    /// included; `+` as a space in a query) and ASCII lower-cased; `nil` when that changes
    /// nothing.
    static func folded(_ text: String, plusIsSpace: Bool = false) -> String? {
        guard text.utf8.contains(where: { $0 == ASCII.percent || ASCII.isUpper($0) || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else { return nil }
        let source = Array(text.utf8)
        let bytes = [UInt8](unsafeUninitializedCapacity: source.count) { target, count in
            count = source.withUnsafeBufferPointer { percentDecode($0, into: target, plusIsSpace: plusIsSpace) }
            for k in 0..<count { target[k] = ASCII.lower(target[k]) }
        }
        let folded = String(decoding: bytes, as: UTF8.self)
        return folded == text ? nil : folded
    }

    private func classifyAsWritten(_ parts: URLParts, template: String) -> RouteVerdict {
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
