import SafeReplayPolicy

/// The rules' selectors compiled for matching against the mirror: flat arrays of plain
/// values, tags as interned integers, and the class names, ids and attribute names the
/// rules mention as bits of a per-element key word (``Mirror/keys``), so that most simple
/// selectors cost an integer comparison and no `String` is touched or retained.
///
/// It answers exactly what `ComplexSelector.matches(_:in:)` answers over the mirror: a bit
/// is set only when the generic test would hold, and whatever has no bit (past 64 names,
/// attribute values) runs the generic test itself.
final class SelectorMatcher {
    /// One compound selector. `combinator` joins it to the next compound of its selector
    /// (toward the root): 0 for the last one, 1 for a child, 2 for a descendant.
    struct Compound {
        var tag: Int32
        var required: UInt64
        var checks: Range<Int32>
        var negations: Range<Int32>
        var combinator: UInt8
    }

    /// A test without a bit, run on the element's attributes.
    enum Check {
        case hasClass(String)
        case id(String)
        case attribute(AttributeSelector)
    }

    // Written while the rules are compiled, then only read: no exclusivity checks.
    @exclusivity(unchecked) private(set) var compounds: [Compound] = []
    @exclusivity(unchecked) private var checks: [Check] = []
    /// The selectors of every compound's `:not(…)` lists, as indices of their first compound.
    @exclusivity(unchecked) private var negations: [Int32] = []

    let classNames = NameTable()
    let ids = NameTable()
    let attributeNames = NameTable()
    /// The key bit of each name of the tables above (0: none, past 64 names).
    @exclusivity(unchecked) private(set) var classBits: [UInt64] = []
    @exclusivity(unchecked) private(set) var idBits: [UInt64] = []
    @exclusivity(unchecked) private(set) var attributeBits: [UInt64] = []
    /// Filled by ``scan(_:in:)``: the class-table index of each token of the element's class.
    /// Only the first `tokenClassCount` are the element's: the array is overwritten in place,
    /// not emptied (emptying it called the generic `replaceSubrange` for every element); in
    /// a ``SlotStorage``, whose writes do not test an array's uniqueness (a call each).
    @exclusivity(unchecked) var tokenClasses = SlotStorage<Int32>()
    @exclusivity(unchecked) var tokenClassCount = 0
    /// Short attribute names seen, and what ``scan(_:in:)`` reads from them (see `nameFacts`).
    let nameFactsSeen = SmallStringCache()
    /// Short `class` values seen, and the class-table indices of their tokens (see
    /// `forEachRememberedClassIndex`).
    let classIndicesSeen = SmallStringCache()
    /// `AttributeValue.string`'s tag byte for ``EntryWords`` reads, or `nil` (layout not
    /// as expected): ``scan(_:in:)`` then copies each entry.
    let entryStringTag = EntryWords.stringTag()

    /// Registers every name `selector` mentions (before any is compiled, so that the bits
    /// go to the names the rules use).
    func collectNames(_ selector: ComplexSelector) {
        for compound in selector.compounds {
            for c in compound.classes { classNames.insert(c) }
            for i in compound.ids { ids.insert(i) }
            for a in compound.attributes { attributeNames.insert(a.name) }
            for n in compound.negations { for s in n.selectors { collectNames(s) } }
        }
    }

    /// Gives the collected names their bits: classes first, then ids, then attribute names.
    func assignBits() {
        var next = 0
        func bits(_ count: Int) -> [UInt64] {
            (0..<count).map { _ in
                defer { next += 1 }
                return next < 64 ? UInt64(1) << UInt64(next) : 0
            }
        }
        classBits = bits(classNames.count)
        idBits = bits(ids.count)
        attributeBits = bits(attributeNames.count)
    }

    /// Compiles `selector` (its names collected and bits assigned); returns its first compound.
    func compile(_ selector: ComplexSelector, tags: inout TagTable) -> Int32 {
        let first = compounds.count
        // Reserved first so that the selector's compounds are contiguous; negations go after.
        for _ in selector.compounds { compounds.append(Compound(tag: -1, required: 0, checks: 0..<0, negations: 0..<0, combinator: 0)) }
        for (k, compound) in selector.compounds.enumerated() {
            var c = Compound(tag: -1, required: 0, checks: 0..<0, negations: 0..<0, combinator: 0)
            if let name = compound.tagName { c.tag = tags.intern(name) }
            if k < selector.combinators.count { c.combinator = selector.combinators[k] == .child ? 1 : 2 }
            let checkStart = Int32(checks.count)
            for name in compound.classes {
                let bit = classBits[Int(classNames.index(ofString: name)!)]
                if bit != 0 { c.required |= bit } else { checks.append(.hasClass(name)) }
            }
            for id in compound.ids {
                let bit = idBits[Int(ids.index(ofString: id)!)]
                if bit != 0 { c.required |= bit } else { checks.append(.id(id)) }
            }
            for a in compound.attributes {
                let bit = attributeBits[Int(attributeNames.index(ofString: a.name)!)]
                // The bit is "the attribute has a string value": exactly `[name]`, and a
                // necessary condition for every other operator.
                c.required |= bit
                if bit == 0 || a.op != .exists { checks.append(.attribute(a)) }
            }
            c.checks = checkStart..<Int32(checks.count)
            var inner: [Int32] = []
            for n in compound.negations { for s in n.selectors { inner.append(compile(s, tags: &tags)) } }
            let negationStart = Int32(negations.count)
            negations.append(contentsOf: inner)
            c.negations = negationStart..<Int32(negations.count)
            compounds[first + k] = c
        }
        return Int32(first)
    }

    // MARK: matching

    /// Whether the selector starting at `first` matches exactly the elements of its first
    /// compound's tag (if any) that carry its key bits (``RuleBook/Candidate``'s test):
    /// one compound, no checks without a bit, no negations.
    func isDecidedByKeys(_ first: Int32) -> Bool {
        let c = compounds[Int(first)]
        return c.combinator == 0 && c.checks.isEmpty && c.negations.isEmpty
    }

    /// What the compounds after the first of the selector starting at `first` want of the
    /// element's ancestors, all together: their key bits and their tags' ``Mirror/tagBit(_:)``.
    /// An ancestor matching each carries them, so a mirror without them all cannot match.
    func ancestorNeeds(_ first: Int32) -> (keys: UInt64, tags: UInt64) {
        var keys: UInt64 = 0
        var tags: UInt64 = 0
        var k = Int(first)
        while compounds[k].combinator != 0 {
            k += 1
            keys |= compounds[k].required
            if compounds[k].tag >= 0 { tags |= Mirror.tagBit(compounds[k].tag) }
        }
        return (keys, tags)
    }

    @inline(__always)
    func recordTokenClass(_ k: Int32) {
        if tokenClassCount < tokenClasses.count { tokenClasses[tokenClassCount] = k } else { tokenClasses.append(k) }
        tokenClassCount += 1
    }

    /// Whether the selector starting at compound `first` matches element `s`.
    func matches(_ first: Int32, _ s: Int32, in mirror: Mirror) -> Bool {
        guard compoundMatches(first, s, mirror) else { return false }
        return ancestorsMatch(first, s, mirror)
    }

    /// Matches the compounds after `k` against the ancestors of `e`, which matched `k`.
    /// Descendant combinators backtrack up the ancestor chain, as the generic matcher does.
    private func ancestorsMatch(_ k: Int32, _ e: Int32, _ mirror: Mirror) -> Bool {
        switch compounds[Int(k)].combinator {
        case 0:
            return true
        case 1:
            guard let parent = mirror.parentElement(of: e), compoundMatches(k + 1, parent, mirror) else { return false }
            return ancestorsMatch(k + 1, parent, mirror)
        default:
            var ancestor = mirror.parentElement(of: e)
            while let candidate = ancestor {
                if compoundMatches(k + 1, candidate, mirror), ancestorsMatch(k + 1, candidate, mirror) { return true }
                ancestor = mirror.parentElement(of: candidate)
            }
            return false
        }
    }

    @inline(__always)
    private func compoundMatches(_ k: Int32, _ e: Int32, _ mirror: Mirror) -> Bool {
        let c = compounds[Int(k)]
        if c.tag >= 0 && mirror.tag(e) != c.tag { return false }
        if c.required & ~mirror.keys(e) != 0 { return false }
        if !c.checks.isEmpty {
            for i in c.checks where !check(Int(i), e, mirror) { return false }
        }
        if !c.negations.isEmpty {
            for i in c.negations where matches(negations[Int(i)], e, in: mirror) { return false }
        }
        return true
    }

    private func check(_ i: Int, _ e: Int32, _ mirror: Mirror) -> Bool {
        switch checks[i] {
        case .hasClass(let name): return mirror.hasClass(name, e)
        case .id(let id): return mirror.stringAttribute("id", of: e) == id
        case .attribute(let a): return a.matches(mirror.stringAttribute(a.name, of: e))
        }
    }
}
