import SafeReplayModel

/// The sanitizer's copy of the page: every node the recorder reported, with its parent,
/// siblings, attributes, text and the rules' verdict, so that each incremental change is
/// judged in context.
///
/// Storage is struct-of-arrays indexed by a slot number; node ids map to slots through a
/// dense table (ids are small consecutive integers in practice) with a dictionary for
/// outliers. Freed slots are reused. Raw text and attributes stay in this process: they
/// are what a resumed recording rebuilds its snapshot from.
struct Mirror {
    static let none: Int32 = -1
    /// Ids below this are indexed densely; larger ones (rare, or hostile) go to a dictionary
    /// so a single huge id cannot make the table huge.
    static let denseIdLimit = 1 << 22

    // id → slot, and the sticky state of every id ever seen.
    private var denseSlots: [Int32] = []
    private var sparseSlots: [Int: Int32] = [:]
    private var denseSticky: [UInt8] = []
    private var sparseSticky: [Int: UInt8] = [:]

    // Per slot.
    private(set) var ids: [Int] = []
    private(set) var parents: [Int32] = []
    private(set) var firstChildren: [Int32] = []
    private(set) var lastChildren: [Int32] = []
    private(set) var nextSiblings: [Int32] = []
    private(set) var previousSiblings: [Int32] = []
    private(set) var kinds: [UInt8] = []
    private(set) var tags: [Int32] = []
    private(set) var facts: [NodeFacts] = []
    var states: [NodeState] = []
    /// The modules (bit i: `policy.modules[i]`) whose root is this node or an ancestor.
    var scopes: [UInt64] = []
    var attributes: [Attributes] = []
    var texts: [String] = []
    /// Rare per-node extras: doctype fields, `rootId`, `compatMode`.
    var extras: [Int32: NodeExtras] = [:]

    private var freeSlots: [Int32] = []
    var tagTable = TagTable()
    /// The document node of the current snapshot.
    private(set) var root: Int32 = none
    private(set) var count = 0

    var isEmpty: Bool { root == Self.none }

    /// Forgets every node (a new FullSnapshot follows) but keeps the sticky states by id.
    mutating func reset() {
        for s in denseSlots.indices { denseSlots[s] = Self.none }
        sparseSlots.removeAll()
        ids.removeAll(keepingCapacity: true)
        parents.removeAll(keepingCapacity: true)
        firstChildren.removeAll(keepingCapacity: true)
        lastChildren.removeAll(keepingCapacity: true)
        nextSiblings.removeAll(keepingCapacity: true)
        previousSiblings.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        tags.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
        states.removeAll(keepingCapacity: true)
        scopes.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        extras.removeAll()
        freeSlots.removeAll()
        root = Self.none
        count = 0
    }

    /// Forgets the sticky states too: a new document (page load) reuses ids for new nodes.
    mutating func forgetStickyStates() {
        denseSticky.removeAll()
        sparseSticky.removeAll()
    }

    // MARK: ids

    func slot(of id: Int) -> Int32? {
        if id >= 0 && id < Self.denseIdLimit {
            guard id < denseSlots.count else { return nil }
            let s = denseSlots[id]
            return s == Self.none ? nil : s
        }
        return sparseSlots[id]
    }

    func contains(_ id: Int) -> Bool { slot(of: id) != nil }

    var denseSlotTable: [Int32] { denseSlots }
    var denseStickyTable: [UInt8] { denseSticky }

    private mutating func setSlot(_ slot: Int32, for id: Int) {
        if id >= 0 && id < Self.denseIdLimit {
            if id >= denseSlots.count {
                let newCount = Swift.max(id + 1, denseSlots.count * 2, 1024)
                denseSlots.append(contentsOf: repeatElement(Self.none, count: Swift.min(newCount, Self.denseIdLimit) - denseSlots.count))
            }
            denseSlots[id] = slot
        } else if slot == Self.none {
            sparseSlots[id] = nil
        } else {
            sparseSlots[id] = slot
        }
    }

    func sticky(of id: Int) -> StickyState {
        if id >= 0 && id < Self.denseIdLimit {
            return id < denseSticky.count ? StickyState(rawValue: denseSticky[id]) : []
        }
        return StickyState(rawValue: sparseSticky[id] ?? 0)
    }

    mutating func tighten(_ id: Int, with sticky: StickyState) {
        guard !sticky.isEmpty else { return }
        if id >= 0 && id < Self.denseIdLimit {
            if id >= denseSticky.count {
                let newCount = Swift.max(id + 1, denseSticky.count * 2, 1024)
                denseSticky.append(contentsOf: repeatElement(0, count: Swift.min(newCount, Self.denseIdLimit) - denseSticky.count))
            }
            denseSticky[id] |= sticky.rawValue
        } else {
            sparseSticky[id, default: 0] |= sticky.rawValue
        }
    }

    // MARK: slots

    /// Creates a detached node and returns its slot.
    mutating func create(id: Int, kind: NodeType, tag: Int32, facts nodeFacts: NodeFacts, attributes attrs: Attributes, text: String) -> Int32 {
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            let i = Int(slot)
            ids[i] = id
            parents[i] = Self.none
            firstChildren[i] = Self.none
            lastChildren[i] = Self.none
            nextSiblings[i] = Self.none
            previousSiblings[i] = Self.none
            kinds[i] = UInt8(kind.rawValue)
            tags[i] = tag
            facts[i] = nodeFacts
            states[i] = []
            scopes[i] = 0
            attributes[i] = attrs
            texts[i] = text
        } else {
            slot = Int32(ids.count)
            ids.append(id)
            parents.append(Self.none)
            firstChildren.append(Self.none)
            lastChildren.append(Self.none)
            nextSiblings.append(Self.none)
            previousSiblings.append(Self.none)
            kinds.append(UInt8(kind.rawValue))
            tags.append(tag)
            facts.append(nodeFacts)
            states.append([])
            scopes.append(0)
            attributes.append(attrs)
            texts.append(text)
        }
        setSlot(slot, for: id)
        count += 1
        return slot
    }

    /// Makes `slot` the document root.
    mutating func setRoot(_ slot: Int32) { root = slot }

    /// Frees one detached slot (its children must already be freed).
    mutating func free(_ slot: Int32) {
        let i = Int(slot)
        setSlot(Self.none, for: ids[i])
        extras[slot] = nil
        attributes[i] = Attributes()
        texts[i] = ""
        states[i] = []
        if slot == root { root = Self.none }
        freeSlots.append(slot)
        count -= 1
    }

    // MARK: accessors

    @inline(__always) func id(_ s: Int32) -> Int { ids[Int(s)] }
    @inline(__always) func parent(_ s: Int32) -> Int32 { parents[Int(s)] }
    @inline(__always) func firstChild(_ s: Int32) -> Int32 { firstChildren[Int(s)] }
    @inline(__always) func lastChild(_ s: Int32) -> Int32 { lastChildren[Int(s)] }
    @inline(__always) func nextSibling(_ s: Int32) -> Int32 { nextSiblings[Int(s)] }
    @inline(__always) func previousSibling(_ s: Int32) -> Int32 { previousSiblings[Int(s)] }
    @inline(__always) func kind(_ s: Int32) -> NodeType { NodeType(rawValue: Int(kinds[Int(s)])) ?? .comment }
    @inline(__always) func isElement(_ s: Int32) -> Bool { kinds[Int(s)] == UInt8(NodeType.element.rawValue) }
    @inline(__always) func tag(_ s: Int32) -> Int32 { tags[Int(s)] }
    @inline(__always) func knownTag(_ s: Int32) -> KnownTag? { KnownTag(rawValue: tags[Int(s)]) }
    @inline(__always) func state(_ s: Int32) -> NodeState { states[Int(s)] }
    @inline(__always) func fact(_ s: Int32) -> NodeFacts { facts[Int(s)] }
    func tagName(_ s: Int32) -> String { tagTable.name(tags[Int(s)]) }

    mutating func updateState(_ s: Int32, _ body: (inout NodeState) -> Void) { body(&states[Int(s)]) }

    // MARK: links

    /// Links a detached `child` under `parent`, before `next` (`none`: as the last child).
    mutating func link(_ child: Int32, under parent: Int32, before next: Int32) {
        let c = Int(child)
        parents[c] = parent
        if next == Self.none {
            let last = lastChildren[Int(parent)]
            previousSiblings[c] = last
            nextSiblings[c] = Self.none
            if last == Self.none { firstChildren[Int(parent)] = child } else { nextSiblings[Int(last)] = child }
            lastChildren[Int(parent)] = child
        } else {
            let previous = previousSiblings[Int(next)]
            previousSiblings[c] = previous
            nextSiblings[c] = next
            previousSiblings[Int(next)] = child
            if previous == Self.none { firstChildren[Int(parent)] = child } else { nextSiblings[Int(previous)] = child }
        }
    }

    /// Unlinks `child` from its parent; its own subtree stays attached to it.
    mutating func unlink(_ child: Int32) {
        let c = Int(child)
        let parent = parents[c]
        guard parent != Self.none else { return }
        let previous = previousSiblings[c], next = nextSiblings[c]
        if previous == Self.none { firstChildren[Int(parent)] = next } else { nextSiblings[Int(previous)] = next }
        if next == Self.none { lastChildren[Int(parent)] = previous } else { previousSiblings[Int(next)] = previous }
        parents[c] = Self.none
        previousSiblings[c] = Self.none
        nextSiblings[c] = Self.none
    }

    /// Whether `ancestor` is `node` or one of its ancestors.
    func isAncestor(_ ancestor: Int32, of node: Int32) -> Bool {
        var s = node
        while s != Self.none {
            if s == ancestor { return true }
            s = parents[Int(s)]
        }
        return false
    }

    /// Calls `body` for `top` and every node below it, parents before children, without
    /// recursion (a hostile page can nest deeper than any stack).
    func forEachInSubtree(_ top: Int32, _ body: (Int32) -> Void) {
        var s = top
        while true {
            body(s)
            let child = firstChildren[Int(s)]
            if child != Self.none {
                s = child
                continue
            }
            while s != top && nextSiblings[Int(s)] == Self.none { s = parents[Int(s)] }
            if s == top { return }
            s = nextSiblings[Int(s)]
        }
    }

    /// Unlinks `top` and frees it and everything below it, calling `body` on each node
    /// before it is freed.
    mutating func removeSubtree(_ top: Int32, _ body: (Int32) -> Void) {
        unlink(top)
        var doomed: [Int32] = []
        forEachInSubtree(top) { doomed.append($0) }
        for s in doomed { body(s) }
        for s in doomed.reversed() {
            firstChildren[Int(s)] = Self.none
            lastChildren[Int(s)] = Self.none
            parents[Int(s)] = Self.none
            nextSiblings[Int(s)] = Self.none
            previousSiblings[Int(s)] = Self.none
            free(s)
        }
    }

    /// The nearest element ancestor (or the node itself when it is an element).
    func elementOrParent(_ s: Int32) -> Int32 {
        var e = s
        while e != Self.none && !isElement(e) { e = parents[Int(e)] }
        return e
    }
}

/// Static facts about a node from its serialization, one byte.
struct NodeFacts: OptionSet, Hashable {
    let rawValue: UInt8
    static let isSVG = NodeFacts(rawValue: 1 << 0)
    static let isCustom = NodeFacts(rawValue: 1 << 1)
    static let isShadowHost = NodeFacts(rawValue: 1 << 2)
    static let isShadow = NodeFacts(rawValue: 1 << 3)
    /// rrweb's deprecated `isStyle` on text inside `<style>`.
    static let isStyleText = NodeFacts(rawValue: 1 << 4)
}

/// The rare fields a few nodes carry.
struct NodeExtras {
    var rootId: Int?
    var compatMode: String?
    var doctype: (name: String, publicId: String, systemId: String)?
    /// Why the element is blocked or dropped (`rule:ads`, `media`), for audit counters.
    var verdictReason: String?
}
