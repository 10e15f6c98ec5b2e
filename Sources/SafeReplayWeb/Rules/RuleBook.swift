import SafeReplayPolicy

/// The policy's element, module and input-allow rules, compiled once per sanitizer and
/// bucketed by the subject's most selective key (id, class, tag) so an element is tested
/// only against the rules that could match it.
final class RuleBook {
    enum Effect: Equatable {
        case mask, block, drop, unmask, ignore
        /// `inputs.allow`: the field is shown (its value still passes the detectors).
        case allowInput
        /// The element is the root of module `index`.
        case moduleRoot
    }

    struct Rule {
        var selector: ComplexSelector
        var effect: Effect
        /// The audit name (`rule:checkout-form`).
        var name: String
        /// The module whose subtree the rule is scoped to, or -1 for page-wide rules.
        var module: Int
    }

    struct Module {
        var name: String
        var level: SensitivityLevel?
    }

    /// Modules are tracked as bits of a 64-bit word; later ones are handled fail-closed.
    static let maximumModules = 64

    // Written only while the book is built, then read for every element: dynamic
    // exclusivity checks on each read cost more than the bucket lookups they guard.
    @exclusivity(unchecked) private(set) var rules: [Rule] = []
    @exclusivity(unchecked) private(set) var modules: [Module] = []
    @exclusivity(unchecked) private var byId: [String: [Int]] = [:]
    @exclusivity(unchecked) private var byClass: [Substring: [Int]] = [:]
    /// Indexed by interned tag; rules with an `any` subject are appended to every list.
    @exclusivity(unchecked) private var byTag: [[Int]] = []
    @exclusivity(unchecked) private var anyTag: [Int] = []
    /// Attribute names any selector reads: a change to another attribute cannot change a verdict.
    @exclusivity(unchecked) private(set) var relevantAttributes: Set<String> = ["id", "class", "type", "autocomplete", "data-sr-sensitive", "contenteditable"]

    /// Whether a change to attribute `name` can change a verdict (names compared as HTML
    /// does, ignoring ASCII case).
    func isRelevant(_ name: String) -> Bool {
        relevantAttributes.contains(name) || (name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } && relevantAttributes.contains(name.lowercased()))
    }

    var isEmpty: Bool { rules.isEmpty }
    var hasModules: Bool { !modules.isEmpty }

    init(policy: Policy, tags: inout TagTable) {
        for rule in policy.elements { add(rule.selector, name: rule.name, effect: Self.effect(of: rule.action), module: -1, tags: &tags) }
        for rule in policy.inputs.allow { add(rule.selector, name: "inputs.allow", effect: .allowInput, module: -1, tags: &tags) }
        for (index, module) in policy.modules.enumerated() {
            modules.append(Module(name: module.name, level: module.level))
            add(module.root, name: "module:" + module.name, effect: .moduleRoot, module: index, tags: &tags)
            for rule in module.elements {
                add(rule.selector, name: module.name + "/" + rule.name, effect: Self.effect(of: rule.action), module: index, tags: &tags)
            }
        }
        let tagCount = tags.names.count
        var lists = [[Int]](repeating: [], count: tagCount)
        for (i, rule) in rules.enumerated() {
            if case .tag(let name) = rule.selector.subjectKey { lists[Int(tags.intern(name))].append(i) }
        }
        for i in lists.indices { lists[i].append(contentsOf: anyTag) }
        byTag = lists
    }

    private static func effect(of action: ElementAction) -> Effect {
        switch action {
        case .mask: return .mask
        case .block: return .block
        case .drop: return .drop
        case .unmask: return .unmask
        case .ignore: return .ignore
        }
    }

    private func add(_ list: SelectorList, name: String, effect: Effect, module: Int, tags: inout TagTable) {
        for selector in list.selectors {
            let index = rules.count
            rules.append(Rule(selector: selector, effect: effect, name: name, module: module))
            Self.collectAttributeNames(selector, into: &relevantAttributes)
            switch selector.subjectKey {
            case .id(let id): byId[id, default: []].append(index)
            case .className(let c): byClass[Substring(c), default: []].append(index)
            case .tag(let name): _ = tags.intern(name)
            case .any: anyTag.append(index)
            }
        }
    }

    private static func collectAttributeNames(_ selector: ComplexSelector, into names: inout Set<String>) {
        for compound in selector.compounds {
            for a in compound.attributes { names.insert(a.name) }
            for n in compound.negations { for s in n.selectors { collectAttributeNames(s, into: &names) } }
        }
    }

    /// The rules whose subject is this tag (or any element).
    @inline(__always)
    func tagCandidates(_ tag: Int32) -> [Int] { Int(tag) < byTag.count ? byTag[Int(tag)] : anyTag }

    func idCandidates(_ id: String?) -> [Int]? {
        guard let id, !byId.isEmpty else { return nil }
        return byId[id]
    }

    func classCandidates(_ name: Substring) -> [Int]? { byClass[name] }

    var hasClassRules: Bool { !byClass.isEmpty }
}

/// The whitespace-separated tokens of a `class` attribute, without allocating an array.
struct ClassTokens: Sequence, IteratorProtocol {
    let text: Substring
    var position: Substring.Index

    init(_ text: String) {
        self.text = Substring(text)
        position = self.text.startIndex
    }

    mutating func next() -> Substring? {
        let utf8 = text.utf8
        var i = position
        while i < utf8.endIndex, Self.isSpace(utf8[i]) { i = utf8.index(after: i) }
        guard i < utf8.endIndex else { return nil }
        var j = i
        while j < utf8.endIndex, !Self.isSpace(utf8[j]) { j = utf8.index(after: j) }
        position = j
        return text[i..<j]
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
}
