import SafeReplayModel
import SafeReplayPolicy

/// How strict a rule outcome is; the strictest wins (`allow < mask < block < drop`).
enum Strictness: UInt8, Comparable {
    case allow, mask, block, drop
    static func < (a: Strictness, b: Strictness) -> Bool { a.rawValue < b.rawValue }
}

/// What the rules say about one element.
struct Verdict {
    var strictness = Strictness.allow
    /// The rule that set `strictness` (for audit counters), or -1.
    var rule = -1
    var unmask = false
    var ignore = false
    var allowInput = false
    /// Some rule's subject matched (fields no rule names raise drift alerts).
    var named = false
    /// Modules this element is inside, its own root included.
    var scopes: UInt64 = 0
    /// The strictest level of a module whose root this element is.
    var moduleLevel: SensitivityLevel?
}

/// Decides each node's ``NodeState`` from the rules, the hard floor, media settings and
/// the node's sticky history.
struct Protection {
    let book: RuleBook
    let blockMedia: Bool

    init(policy: Policy, tags: inout TagTable) {
        book = RuleBook(policy: policy, tags: &tags)
        blockMedia = policy.media.block
    }

    /// What the rules say about element `s`, just scanned (its key word stored, its class
    /// tokens in the matcher's ``SelectorMatcher/tokenClasses``).
    func verdict(for s: Int32, in mirror: Mirror, scan a: ElementScan, parentScopes: UInt64) -> Verdict {
        var v = Verdict()
        v.scopes = parentScopes
        guard !book.isEmpty else { return v }
        let tag = mirror.tag(s)
        let keys = mirror.keys(s)
        let matcher = book.matcher
        // Module roots first: rules scoped to a module apply to its root too. The buckets
        // are visited in a fixed order (tag, id, class tokens), which decides the audit
        // name when two rules of the same strictness match.
        let passes = book.hasModules ? 2 : 1
        for pass in 0..<passes {
            let roots = passes == 2 && pass == 0
            consider(book.tagBucket(tag), s, tag, keys, mirror, roots: roots, &v)
            if a.idIndex >= 0 { consider(book.idBucket(a.idIndex), s, tag, keys, mirror, roots: roots, &v) }
            for j in 0..<matcher.tokenClassCount { consider(book.classBucket(matcher.tokenClasses[j]), s, tag, keys, mirror, roots: roots, &v) }
        }
        return v
    }

    /// Applies the rules of `bucket` that match `s`: module roots only, or every other rule.
    /// `tag` and `keys` are the element's: a rule whose first compound wants another tag or
    /// a key bit the element lacks is passed over here (most are), the rest go to `apply`.
    @inline(__always)
    private func consider(_ bucket: Range<Int32>, _ s: Int32, _ tag: Int32, _ keys: UInt64, _ mirror: Mirror, roots: Bool, _ v: inout Verdict) {
        let candidates = book.candidates
        var b = Int(bucket.lowerBound)
        let end = Int(bucket.upperBound)
        while b < end {
            let c = candidates[b]
            b += 1
            if (c.tag < 0 || c.tag == tag) && c.required & ~keys == 0 { apply(Int(c.rule), s, mirror, roots: roots, &v) }
        }
    }

    /// Applies rule `i`, whose first compound's tag and key bits `s` has, if it matches `s`.
    @inline(never)
    private func apply(_ i: Int, _ s: Int32, _ mirror: Mirror, roots: Bool, _ v: inout Verdict) {
        let rule = book.entries[i]
        let effect = rule.effect
        let module = rule.module
        if roots {
            guard effect == .moduleRoot, rule.decidedByKeys || rule.ancestorsMayBeIn(mirror) && book.matcher.matches(rule.selector, s, in: mirror) else { return }
            v.scopes |= UInt64(1) << UInt64(Swift.min(module, 63))
            if module >= RuleBook.maximumModules {
                // Past the tracked modules: the subtree cannot be scoped, so it is masked.
                v.moduleLevel = Swift.max(v.moduleLevel ?? .medium, .medium)
            } else if let level = book.modules[module].level {
                v.moduleLevel = Swift.max(v.moduleLevel ?? level, level)
            }
            return
        }
        guard effect != .moduleRoot else { return }
        if module >= 0 {
            let bit = UInt64(1) << UInt64(Swift.min(module, 63))
            guard v.scopes & bit != 0 else { return }
            // Rules of modules past the tracked ones can only tighten.
            if module >= RuleBook.maximumModules && (effect == .unmask || effect == .allowInput) { return }
        }
        guard rule.decidedByKeys || rule.ancestorsMayBeIn(mirror) && book.matcher.matches(rule.selector, s, in: mirror) else { return }
        v.named = true
        let strictness: Strictness
        switch effect {
        case .mask: strictness = .mask
        case .block: strictness = .block
        case .drop: strictness = .drop
        case .unmask:
            v.unmask = true
            return
        case .ignore:
            v.ignore = true
            return
        case .allowInput:
            v.allowInput = true
            return
        case .moduleRoot:
            return
        }
        if strictness > v.strictness {
            v.strictness = strictness
            v.rule = i
        }
    }

    /// The state of element `s`, given its parent's state and its verdict.
    func elementState(_ s: Int32, in mirror: Mirror, scan a: ElementScan, parent: NodeState, verdict v: Verdict, sticky: StickyState) -> NodeState {
        var st = parent.intersection(.inherited)
        if !parent.emitsChildren { st.insert(.hidden) }
        let tag = mirror.knownTag(s)
        if v.strictness == .drop || sticky.contains(.dropped) {
            st.insert(.dropped)
        } else if v.strictness == .block || sticky.contains(.placeholder) || v.moduleLevel == .high || (blockMedia && tag?.isMedia == true) {
            st.insert(.placeholder)
        }
        if v.strictness >= .mask || sticky.contains(.masked) { st.insert(.ruleMasked) }
        if v.unmask { st.insert(.unmasked) }
        if v.ignore { st.insert(.ignored) }
        if v.named { st.insert(.named) }
        if v.moduleLevel == .medium { st.insert(.levelMasked) }
        if tag?.isChildless == true { st.insert(.childless) }
        if a.sensitive { st.insert(.hardMasked) }

        var isField = tag?.isFormField == true
        var bearsText = tag == .textarea || tag == .select
        if !isField, let editable = ElementScan.value(a.contentEditableEntry, of: s, in: mirror), editable.lowercased() != "false" {
            isField = true
            bearsText = true
        }
        if isField {
            st.insert(.field)
            let floor = HardFloor.classify(tag: tag, attributes: a.ruleAttributes(of: s, in: mirror))
            if floor.contains(.hardFloor) || sticky.contains(.hardFloor) || st.contains(.hardMasked) { st.insert(.hardFloor) }
            if floor.contains(.valueDropped) || sticky.contains(.valueDropped) { st.insert(.valueDropped) }
            if floor.contains(.checkable) { st.insert(.checkable) }
            if v.allowInput && !st.contains(.hardFloor) { st.insert(.allowedField) }
            if bearsText {
                st.insert(.inField)
                if st.contains(.allowedField) { st.insert(.inAllowedField) } else { st.remove(.inAllowedField) }
                if st.contains(.hardFloor) { st.insert(.hardMasked) }
            }
        } else if tag == .option || tag == .optgroup {
            // Options outside a select (`<datalist>` suggestions, often earlier entries) are values too.
            st.insert(.inField)
        }
        return st
    }

    /// The state of a text, comment or other leaf under `parent`.
    func leafState(parent: NodeState, sticky: StickyState) -> NodeState {
        var st = parent.intersection(.inherited)
        if !parent.emitsChildren { st.insert(.hidden) }
        if sticky.contains(.masked) { st.insert(.ruleMasked) }
        return st
    }

    /// What a node's state adds to the strictest state its id has had.
    static func sticky(of st: NodeState) -> StickyState {
        var s: StickyState = []
        if st.contains(.dropped) { s.insert(.dropped) }
        if st.contains(.placeholder) { s.insert(.placeholder) }
        if !st.isDisjoint(with: [.ruleMasked, .hardMasked, .hidden]) { s.insert(.masked) }
        // Text a medium module masked stays masked when moved out of the module: the module's
        // team classified it, and the page around it may show text.
        if st.contains(.levelMasked) && !st.contains(.unmasked) { s.insert(.masked) }
        // A field's text (a contenteditable the user typed in) stays masked once editing ends.
        if st.contains(.inField) && !st.contains(.inAllowedField) { s.insert(.masked) }
        if st.contains(.hardFloor) { s.insert(.hardFloor) }
        if st.contains(.valueDropped) { s.insert(.valueDropped) }
        return s
    }
}

/// The hard floor for form fields: what no rule can unmask.
enum HardFloor {
    struct Facts: OptionSet {
        let rawValue: UInt8
        static let hardFloor = Facts(rawValue: 1)
        static let valueDropped = Facts(rawValue: 2)
        static let checkable = Facts(rawValue: 4)
    }

    static let sensitiveAutocomplete: Set<Substring> = ["one-time-code", "current-password", "new-password"]

    static func classify(tag: KnownTag?, attributes a: Mirror.RuleAttributes) -> Facts {
        var facts: Facts = []
        if tag == .input {
            switch (a.type ?? "text").lowercased() {
            case "password": facts.insert(.hardFloor)
            case "hidden", "file": facts.formUnion([.hardFloor, .valueDropped])
            case "checkbox", "radio": facts.insert(.checkable)
            default: break
            }
        }
        if let autocomplete = a.autocomplete?.lowercased() {
            for token in autocomplete.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) where token.hasPrefix("cc-") || sensitiveAutocomplete.contains(token) {
                facts.insert(.hardFloor)
            }
        }
        return facts
    }
}
