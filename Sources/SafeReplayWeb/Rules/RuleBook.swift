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

    /// What deciding a verdict reads of a rule: plain values, no strings to retain.
    struct Entry {
        var effect: Effect
        var module: Int
        /// The first compound of the rule's compiled selector.
        var selector: Int32
        /// The selector is one compound with nothing but a tag and key bits: passing
        /// ``Candidate``'s test is matching it.
        var decidedByKeys = false
        /// ``SelectorMatcher/ancestorNeeds(_:)``, checked against the mirror's ``Mirror/keysSeen``
        /// and ``Mirror/tagsSeen`` before the matcher walks up the ancestors.
        var ancestorKeys: UInt64 = 0
        var ancestorTags: UInt64 = 0

        /// Whether some element of `mirror` could be each ancestor the selector wants.
        @inline(__always)
        func ancestorsMayBeIn(_ mirror: Mirror) -> Bool {
            ancestorKeys & ~mirror.keysSeen == 0 && ancestorTags & ~mirror.tagsSeen == 0
        }
    }

    /// One rule of a bucket with its first compound's tag and key bits beside it, so that
    /// the rule loop tests most rules from one 16-byte read (most fail here).
    struct Candidate {
        var required: UInt64
        var tag: Int32
        var rule: Int32
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
    @exclusivity(unchecked) private(set) var entries: [Entry] = []
    @exclusivity(unchecked) private(set) var modules: [Module] = []
    let matcher = SelectorMatcher()
    /// The rule indices of every bucket back to back, each bucket a range of them, in
    /// policy order within a bucket.
    @exclusivity(unchecked) private(set) var bucketed: [Int32] = []
    /// `bucketed` as ``Candidate``s, read through a pointer: no bounds checks or retains in
    /// the loop every element runs.
    @exclusivity(unchecked) private(set) var candidates = UnsafeMutablePointer<Candidate>.allocate(capacity: 1)
    /// By interned tag: the rules whose subject is that tag, then those with an `any` subject.
    @exclusivity(unchecked) private var tagBuckets: [Range<Int32>] = []
    @exclusivity(unchecked) private var anyBucket: Range<Int32> = 0..<0
    /// By index in the matcher's id and class tables.
    @exclusivity(unchecked) private var idBuckets: [Range<Int32>] = []
    @exclusivity(unchecked) private var classBuckets: [Range<Int32>] = []
    /// Attribute names any selector reads: a change to another attribute cannot change a verdict.
    @exclusivity(unchecked) private(set) var relevantAttributes: Set<String> = RuleBook.ownStateAttributes.union(["id", "class"])

    /// Attribute names some selector reads, as written and ASCII-lowercased, with `class` and
    /// `id` only when a selector names a class or an id: a change to any other attribute can
    /// change no verdict, and so nothing below the element but through its own state.
    @exclusivity(unchecked) private(set) var selectorAttributes: Set<String> = []

    /// The names the element's own state reads whatever the rules (``ElementScan``'s named
    /// attributes but `id` and `class`, which it reads for the rules' buckets only).
    static let ownStateAttributes: Set<String> = ["type", "autocomplete", "data-sr-sensitive", "contenteditable"]

    /// What reads attribute `name` of an element; selectors and the element's scan compare
    /// names with ASCII case folded, and so does this. Remembered for short names: two set
    /// lookups hashed the name (`class`, most often) for every attribute a mutation changes.
    func reading(_ name: String) -> AttributeReading {
        if let known = readingsSeen.value(for: name) { return AttributeReading(rawValue: UInt8(truncatingIfNeeded: known)) }
        var reading: AttributeReading = []
        if isRelevant(name) { reading.insert(.relevant) }
        let folded = name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? Self.asciiLowercased(name) : name
        if selectorAttributes.contains(name) || selectorAttributes.contains(folded) { reading.insert(.selectors) }
        if Self.ownStateAttributes.contains(folded) { reading.insert(.ownState) }
        readingsSeen.store(UInt64(reading.rawValue), for: name)
        return reading
    }

    /// ``reading(_:)``'s answers for short names.
    private let readingsSeen = SmallStringCache()

    private static func asciiLowercased(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether a change to attribute `name` can change a verdict (names compared as HTML
    /// does, ignoring ASCII case).
    func isRelevant(_ name: String) -> Bool {
        relevantAttributes.contains(name) || (name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } && relevantAttributes.contains(name.lowercased()))
    }

    var isEmpty: Bool { rules.isEmpty }
    var hasModules: Bool { !modules.isEmpty }

    init(policy: Policy, tags: inout TagTable) {
        for rule in policy.elements { add(rule.selector, name: rule.name, effect: Self.effect(of: rule.action), module: -1) }
        for rule in policy.inputs.allow { add(rule.selector, name: "inputs.allow", effect: .allowInput, module: -1) }
        for (index, module) in policy.modules.enumerated() {
            modules.append(Module(name: module.name, level: module.level))
            add(module.root, name: "module:" + module.name, effect: .moduleRoot, module: index)
            for rule in module.elements {
                add(rule.selector, name: module.name + "/" + rule.name, effect: Self.effect(of: rule.action), module: index)
            }
        }
        for rule in rules { matcher.collectNames(rule.selector) }
        if matcher.classNames.count > 0 { selectorAttributes.insert("class") }
        if matcher.ids.count > 0 { selectorAttributes.insert("id") }
        selectorAttributes.formUnion(selectorAttributes.map(Self.asciiLowercased))
        matcher.assignBits()
        entries = rules.map { Entry(effect: $0.effect, module: $0.module, selector: matcher.compile($0.selector, tags: &tags)) }
        for i in entries.indices {
            entries[i].decidedByKeys = matcher.isDecidedByKeys(entries[i].selector)
            (entries[i].ancestorKeys, entries[i].ancestorTags) = matcher.ancestorNeeds(entries[i].selector)
        }
        bucket(tags: &tags)
        candidates.deallocate()
        candidates = .allocate(capacity: Swift.max(1, bucketed.count))
        for (b, i) in bucketed.enumerated() {
            let first = matcher.compounds[Int(entries[Int(i)].selector)]
            (candidates + b).initialize(to: Candidate(required: first.required, tag: first.tag, rule: i))
        }
    }

    deinit {
        candidates.deallocate()
    }

    /// Sorts the rules into buckets by their subject's key.
    private func bucket(tags: inout TagTable) {
        var byTag: [Int32: [Int32]] = [:]
        var byId = [[Int32]](repeating: [], count: matcher.ids.count)
        var byClass = [[Int32]](repeating: [], count: matcher.classNames.count)
        var anyTag: [Int32] = []
        for (i, rule) in rules.enumerated() {
            switch rule.selector.subjectKey {
            case .id(let id): byId[Int(matcher.ids.index(ofString: id)!)].append(Int32(i))
            case .className(let c): byClass[Int(matcher.classNames.index(ofString: c)!)].append(Int32(i))
            case .tag(let name): byTag[tags.intern(name), default: []].append(Int32(i))
            case .any: anyTag.append(Int32(i))
            }
        }
        func store(_ list: [Int32]) -> Range<Int32> {
            let start = Int32(bucketed.count)
            bucketed.append(contentsOf: list)
            return start..<Int32(bucketed.count)
        }
        anyBucket = store(anyTag)
        tagBuckets = (0..<tags.names.count).map { t in byTag[Int32(t)].map { store($0 + anyTag) } ?? anyBucket }
        idBuckets = byId.map(store)
        classBuckets = byClass.map(store)
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

    private func add(_ list: SelectorList, name: String, effect: Effect, module: Int) {
        for selector in list.selectors {
            rules.append(Rule(selector: selector, effect: effect, name: name, module: module))
            Self.collectAttributeNames(selector, into: &relevantAttributes)
            Self.collectAttributeNames(selector, into: &selectorAttributes)
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
    func tagBucket(_ tag: Int32) -> Range<Int32> { tag >= 0 && Int(tag) < tagBuckets.count ? tagBuckets[Int(tag)] : anyBucket }

    /// The rules whose subject is the id at `index` of the matcher's id table (-1: none).
    @inline(__always)
    func idBucket(_ index: Int32) -> Range<Int32> { index >= 0 ? idBuckets[Int(index)] : 0..<0 }

    /// The rules whose subject is the class at `index` of the matcher's class table.
    @inline(__always)
    func classBucket(_ index: Int32) -> Range<Int32> { classBuckets[Int(index)] }
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
