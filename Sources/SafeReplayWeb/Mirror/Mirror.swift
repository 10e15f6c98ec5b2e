import SafeReplayModel

/// The sanitizer's copy of the page: every node the recorder reported, with its parent,
/// siblings, attributes, text and the rules' verdict, so that each incremental change is
/// judged in context.
///
/// A class, so that passing it to rule matching never copies its storage; the sanitizer
/// is single-threaded and never overlaps accesses, so the hot arrays skip dynamic
/// exclusivity checks. Storage is
/// struct-of-arrays indexed by a slot number; node ids map to slots through a
/// dense table (ids are small consecutive integers in practice) with a dictionary for
/// outliers. Freed slots are reused. Raw text and attributes stay in this process: they
/// are what a resumed recording rebuilds its snapshot from.
final class Mirror {
    static let none: Int32 = -1
    /// Ids below this are indexed densely; larger ones (rare, or hostile) go to a dictionary
    /// so a single huge id cannot make the table huge.
    static let denseIdLimit = 1 << 22

    // id → slot, and the sticky state of every id ever seen.
    @exclusivity(unchecked) private var denseSlots = SlotStorage<Int32>()
    @exclusivity(unchecked) private var sparseSlots: [Int: Int32] = [:]
    @exclusivity(unchecked) private var denseSticky: [UInt8] = []
    @exclusivity(unchecked) private var sparseSticky: [Int: UInt8] = [:]

    /// Per slot: the fixed-size part of every node in one array (one append per node).
    @exclusivity(unchecked) private(set) var records = SlotStorage<NodeRecord>()
    @exclusivity(unchecked) var attributes = SlotStorage<Attributes>()
    @exclusivity(unchecked) var texts = SlotStorage<String>()
    /// Rare per-node extras: doctype fields, `rootId`, `compatMode`; read through `extra(_:)`.
    @exclusivity(unchecked) private(set) var extras: [Int32: NodeExtras] = [:]

    /// ``entriesLayoutHolds``, kept here: a static read tests its lazy initialization.
    let readsEntriesInPlace = Mirror.entriesLayoutHolds

    @exclusivity(unchecked) private var freeSlots: [Int32] = []
    @exclusivity(unchecked) var tagTable = TagTable()
    /// The document node of the current snapshot.
    @exclusivity(unchecked) private(set) var root: Int32 = none
    @exclusivity(unchecked) private(set) var count = 0
    /// Every key bit and (as bit `tag & 63`) every tag any element has had since the last
    /// reset: a superset of what any element's ancestors have, whatever moved or changed
    /// since, so a rule whose ancestor compounds want something missing here cannot match.
    @exclusivity(unchecked) private(set) var keysSeen: UInt64 = 0
    @exclusivity(unchecked) private(set) var tagsSeen: UInt64 = 0

    var isEmpty: Bool { root == Self.none }

    /// Forgets every node (a new FullSnapshot follows) but keeps the sticky states by id.
    func reset() {
        denseSlots.fill(with: Self.none)
        sparseSlots.removeAll()
        records.removeAll()
        attributes.removeAll()
        texts.removeAll()
        extras.removeAll()
        freeSlots.removeAll()
        root = Self.none
        count = 0
        keysSeen = 0
        tagsSeen = 0
    }

    /// Gives back the per-slot columns' spare capacity beyond an eighth, once a snapshot has
    /// built them: doubling left 10k nodes in 16,384 slots (213 bytes per node, against 185
    /// at 100k nodes). The eighth absorbs the mutations that usually follow without a regrowth.
    func releaseSpareCapacity() {
        let spare = records.count / 8
        records.releaseCapacity(keepingSpare: spare)
        attributes.releaseCapacity(keepingSpare: spare)
        texts.releaseCapacity(keepingSpare: spare)
    }

    /// Forgets the sticky states too: a new document (page load) reuses ids for new nodes.
    func forgetStickyStates() {
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

    var denseSlotBytes: Int { denseSlots.bytes }
    var denseStickyTable: [UInt8] { denseSticky }

    /// Inlined for the common case, an id the dense table already covers (it never covers
    /// `denseIdLimit` or more): a snapshot sets every node's slot, and the call cost more
    /// than the store.
    @inline(__always)
    private func setSlot(_ slot: Int32, for id: Int) {
        if id >= 0 && id < denseSlots.count {
            denseSlots[id] = slot
        } else {
            setSlotGrowingOrSparse(slot, for: id)
        }
    }

    @inline(never)
    private func setSlotGrowingOrSparse(_ slot: Int32, for id: Int) {
        if id >= 0 && id < Self.denseIdLimit {
            if id >= denseSlots.count {
                denseSlots.extend(to: Self.denseCount(covering: id, from: denseSlots.count), with: Self.none)
            }
            denseSlots[id] = slot
        } else if slot == Self.none {
            sparseSlots[id] = nil
        } else {
            sparseSlots[id] = slot
        }
    }

    /// The size a dense id table grows to so that it covers `id` (below `denseIdLimit`):
    /// doubling, at least 1,024 entries, at most the limit. One rule for both tables.
    private static func denseCount(covering id: Int, from count: Int) -> Int {
        Swift.min(Swift.max(id + 1, count * 2, 1024), denseIdLimit)
    }

    func sticky(of id: Int) -> StickyState {
        if id >= 0 && id < Self.denseIdLimit {
            return id < denseSticky.count ? StickyState(rawValue: denseSticky[id]) : []
        }
        return StickyState(rawValue: sparseSticky[id] ?? 0)
    }

    /// Inlined for the common case, nothing to add: every node's state assignment ends here.
    @inline(__always)
    func tighten(_ id: Int, with sticky: StickyState) {
        guard !sticky.isEmpty else { return }
        addSticky(sticky, to: id)
    }

    @inline(never)
    private func addSticky(_ sticky: StickyState, to id: Int) {
        if id >= 0 && id < Self.denseIdLimit {
            if id >= denseSticky.count {
                denseSticky.append(contentsOf: repeatElement(0, count: Self.denseCount(covering: id, from: denseSticky.count) - denseSticky.count))
            }
            denseSticky[id] |= sticky.rawValue
        } else {
            sparseSticky[id, default: 0] |= sticky.rawValue
        }
    }

    // MARK: slots

    /// Creates a detached node and returns its slot. The attributes and text are taken
    /// (`consuming`): a caller's copy moves into the mirror instead of being retained again
    /// for it and then released.
    func create(id: Int, kind: NodeType, tag: Int32, facts nodeFacts: NodeFacts, attributes attrs: consuming Attributes, text: consuming String) -> Int32 {
        let record = NodeRecord(id: id, tag: tag, kind: UInt8(kind.rawValue), facts: nodeFacts)
        if kind == .element { tagsSeen |= Self.tagBit(tag) }
        let slot: Int32
        // `isEmpty` first: `popLast` is a call even when there is nothing to pop (a snapshot
        // creates every node into an empty list).
        if !freeSlots.isEmpty {
            slot = freeSlots.removeLast()
            let i = Int(slot)
            records[i] = record
            attributes[i] = attrs
            texts[i] = text
        } else {
            slot = Int32(records.count)
            records.append(record)
            attributes.append(attrs)
            texts.append(text)
        }
        setSlot(slot, for: id)
        count += 1
        return slot
    }

    /// Makes `slot` the document root.
    func setRoot(_ slot: Int32) { root = slot }

    /// Frees one detached slot (its children must already be freed).
    func free(_ slot: Int32) {
        let i = Int(slot)
        setSlot(Self.none, for: records[i].id)
        if records[i].facts.contains(.hasExtras) { extras[slot] = nil }
        attributes[i] = Attributes()
        texts[i] = ""
        records[i].state = []
        if slot == root { root = Self.none }
        freeSlots.append(slot)
        count -= 1
    }

    // MARK: accessors

    @inline(__always) func id(_ s: Int32) -> Int { records[Int(s)].id }
    @inline(__always) func parent(_ s: Int32) -> Int32 { records[Int(s)].parent }
    @inline(__always) func firstChild(_ s: Int32) -> Int32 { records[Int(s)].firstChild }
    @inline(__always) func lastChild(_ s: Int32) -> Int32 { records[Int(s)].lastChild }
    @inline(__always) func nextSibling(_ s: Int32) -> Int32 { records[Int(s)].nextSibling }
    @inline(__always) func previousSibling(_ s: Int32) -> Int32 { records[Int(s)].previousSibling }
    @inline(__always) func kind(_ s: Int32) -> NodeType { NodeType(rawValue: Int(records[Int(s)].kind)) ?? .comment }
    @inline(__always) func isElement(_ s: Int32) -> Bool { records[Int(s)].kind == UInt8(NodeType.element.rawValue) }
    @inline(__always) func tag(_ s: Int32) -> Int32 { records[Int(s)].tag }
    @inline(__always) func knownTag(_ s: Int32) -> KnownTag? { KnownTag(rawValue: records[Int(s)].tag) }
    /// Whether `s` is a `known` element: one compare (`knownTag` is a call through the cases).
    @inline(__always) func hasTag(_ s: Int32, _ known: KnownTag) -> Bool { records[Int(s)].tag == known.rawValue }
    @inline(__always) func state(_ s: Int32) -> NodeState { records[Int(s)].state }
    @inline(__always) func fact(_ s: Int32) -> NodeFacts { records[Int(s)].facts }
    /// The modules (bit i: `policy.modules[i]`) whose root is this node or an ancestor.
    @inline(__always) func scopes(_ s: Int32) -> UInt64 { records[Int(s)].scopes }
    @inline(__always) func setScopes(_ s: Int32, _ scopes: UInt64) { records[Int(s)].scopes = scopes }
    /// Per element: the bits of the class names, ids and attribute names the rules mention
    /// that it carries (``SelectorMatcher``), set whenever its state is assigned.
    @inline(__always) func keys(_ s: Int32) -> UInt64 { records[Int(s)].keys }
    @inline(__always) func setKeys(_ s: Int32, _ keys: UInt64) {
        records[Int(s)].keys = keys
        keysSeen |= keys
    }
    /// The bit standing for `tag` in `tagsSeen` (tags past 63 share bits: a superset still).
    @inline(__always) static func tagBit(_ tag: Int32) -> UInt64 { UInt64(1) << UInt64(UInt32(bitPattern: tag) & 63) }
    func tagName(_ s: Int32) -> String { tagTable.name(records[Int(s)].tag) }

    func updateState(_ s: Int32, _ body: (inout NodeState) -> Void) { body(&records[Int(s)].state) }

    func setState(_ s: Int32, _ state: NodeState) { records[Int(s)].state = state }

    /// Both in one access of the record.
    @inline(__always)
    func setState(_ s: Int32, _ state: NodeState, scopes: UInt64) {
        let i = Int(s)
        records[i].state = state
        records[i].scopes = scopes
    }

    /// Forgets which nodes the player has (a new snapshot is about to be written).
    func clearEmitted() {
        for i in records.indices { records[i].state.remove(.emitted) }
    }

    /// The node's rare fields, if it has any.
    @inline(__always) func extra(_ s: Int32) -> NodeExtras? { records[Int(s)].facts.contains(.hasExtras) ? extras[s] : nil }

    func updateExtras(_ s: Int32, _ body: (inout NodeExtras) -> Void) {
        body(&extras[s, default: NodeExtras()])
        records[Int(s)].facts.insert(.hasExtras)
    }

    // MARK: links

    /// Links a detached `child` under `parent`, before `next` (`none`: as the last child).
    func link(_ child: Int32, under parent: Int32, before next: Int32) {
        let c = Int(child), p = Int(parent)
        records[c].parent = parent
        if next == Self.none {
            let last = records[p].lastChild
            records[c].previousSibling = last
            records[c].nextSibling = Self.none
            if last == Self.none { records[p].firstChild = child } else { records[Int(last)].nextSibling = child }
            records[p].lastChild = child
        } else {
            let previous = records[Int(next)].previousSibling
            records[c].previousSibling = previous
            records[c].nextSibling = next
            records[Int(next)].previousSibling = child
            if previous == Self.none { records[p].firstChild = child } else { records[Int(previous)].nextSibling = child }
        }
    }

    /// Unlinks `child` from its parent; its own subtree stays attached to it.
    func unlink(_ child: Int32) {
        let c = Int(child)
        let parent = records[c].parent
        guard parent != Self.none else { return }
        let previous = records[c].previousSibling, next = records[c].nextSibling
        if previous == Self.none { records[Int(parent)].firstChild = next } else { records[Int(previous)].nextSibling = next }
        if next == Self.none { records[Int(parent)].lastChild = previous } else { records[Int(next)].previousSibling = previous }
        records[c].parent = Self.none
        records[c].previousSibling = Self.none
        records[c].nextSibling = Self.none
    }

    /// Whether `ancestor` is `node` or one of its ancestors.
    func isAncestor(_ ancestor: Int32, of node: Int32) -> Bool {
        var s = node
        while s != Self.none {
            if s == ancestor { return true }
            s = records[Int(s)].parent
        }
        return false
    }

    /// Calls `body` for `top` and every node below it, parents before children, without
    /// recursion (a hostile page can nest deeper than any stack).
    func forEachInSubtree(_ top: Int32, _ body: (Int32) -> Void) {
        var s = top
        while true {
            body(s)
            let child = records[Int(s)].firstChild
            if child != Self.none {
                s = child
                continue
            }
            while s != top && records[Int(s)].nextSibling == Self.none { s = records[Int(s)].parent }
            if s == top { return }
            s = records[Int(s)].nextSibling
        }
    }

    /// Unlinks `top` and frees it and everything below it, calling `body` on each node
    /// before it is freed.
    func removeSubtree(_ top: Int32, _ body: (Int32) -> Void) {
        unlink(top)
        var doomed: [Int32] = []
        forEachInSubtree(top) { doomed.append($0) }
        for s in doomed { body(s) }
        for s in doomed.reversed() {
            let i = Int(s)
            records[i].firstChild = Self.none
            records[i].lastChild = Self.none
            records[i].parent = Self.none
            records[i].nextSibling = Self.none
            records[i].previousSibling = Self.none
            free(s)
        }
    }

    /// The nearest element ancestor (or the node itself when it is an element).
    func elementOrParent(_ s: Int32) -> Int32 {
        var e = s
        while e != Self.none && !isElement(e) { e = records[Int(e)].parent }
        return e
    }
}

/// The fixed-size part of a node: 56 bytes. Scopes and keys live here rather than in
/// arrays of their own: creating a node was three appends, now one.
struct NodeRecord {
    var id: Int
    var scopes: UInt64 = 0
    var keys: UInt64 = 0
    var parent = Mirror.none
    var firstChild = Mirror.none
    var lastChild = Mirror.none
    var nextSibling = Mirror.none
    var previousSibling = Mirror.none
    var tag: Int32
    var state = NodeState()
    var kind: UInt8
    var facts: NodeFacts

    init(id: Int, tag: Int32, kind: UInt8, facts: NodeFacts) {
        self.id = id
        self.tag = tag
        self.kind = kind
        self.facts = facts
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
    /// The node has an entry in `Mirror.extras` (most nodes do not: skip the lookup).
    static let hasExtras = NodeFacts(rawValue: 1 << 5)
}

/// The rare fields a few nodes carry.
struct NodeExtras {
    var rootId: Int?
    var compatMode: String?
    var doctype: (name: String, publicId: String, systemId: String)?
    /// Why the element is blocked or dropped (`rule:ads`, `media`), for audit counters.
    var verdictReason: String?
}
