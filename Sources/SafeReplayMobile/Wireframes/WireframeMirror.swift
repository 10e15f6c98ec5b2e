import SafeReplayModel
import SafeReplayPolicy

/// The current wireframe tree, sanitized, keyed by host id: what mutations apply to,
/// what a snapshot is rebuilt from after a pause, and what touches are hit-tested
/// against for view rules. It follows the host in every mode; it never holds text.
struct WireframeMirror {
    static let maximumNodes = 50_000
    /// Deeper wireframes are dropped (the player cannot draw them usefully, and the
    /// walk stays shallow on any thread's stack).
    static let maximumDepth = 64

    let rules: ViewRuleBook
    let urls: URLCanonicalizer
    private(set) var nodes: [MirrorNode] = []
    private var freeSlots: [Int] = []
    private(set) var index: [Int64: Int] = [:]
    private(set) var roots: [Int] = []
    private var ids = IDAllocator()
    private(set) var liveCount = 0
    private var touchDroppers = 0
    private var touchRectsStale = true
    private var touchRects: [TouchRect] = []

    init(rules: ViewRuleBook, urls: URLCanonicalizer) {
        self.rules = rules
        self.urls = urls
    }

    var isEmpty: Bool { liveCount == 0 }

    /// Whether a snapshot would show anything.
    var hasEmittedContent: Bool { roots.contains { nodes[$0].emitted } }

    /// The output id of the node's parent (nil for a top-level one).
    func parentOutputID(of slot: Int) -> Int64? {
        let p = nodes[slot].parent
        return p < 0 ? nil : nodes[p].safe.id
    }

    // MARK: - snapshot

    /// Replaces the whole tree (a host FullSnapshot). Output ids keep counting up, so an
    /// id is never reused within a session.
    mutating func replace(with wireframes: [Wireframe], tally: inout WireframeTally) {
        nodes.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
        roots.removeAll(keepingCapacity: true)
        liveCount = 0
        touchDroppers = 0
        touchRectsStale = true
        for w in wireframes { _ = insert(w, parent: -1, tally: &tally) }
    }

    // MARK: - insertion and removal

    /// Inserts `w` and its children under `parent` (-1: top level); nil when it was
    /// refused (duplicate id, too deep, too many nodes).
    mutating func insert(_ w: Wireframe, parent: Int, tally: inout WireframeTally) -> Int? {
        let depth = parent < 0 ? 0 : nodes[parent].depth + 1
        guard depth < Self.maximumDepth else {
            tally.tooDeep += 1
            return nil
        }
        guard index[w.id] == nil else {
            tally.duplicateIDs += 1
            return nil
        }
        guard liveCount < Self.maximumNodes, let outputID = ids.allocate() else {
            tally.overLimit += 1
            return nil
        }
        let parentOpen = parent < 0 || nodes[parent].isOpen
        let verdict = rules.verdict(for: w)
        var node = MirrorNode(hostID: w.id, safe: SafeWireframe(id: outputID), parent: parent, depth: depth)
        Self.apply(verdict, content: w, urls: urls, to: &node, counted: parentOpen, tally: &tally)
        node.emitted = parentOpen && !node.dropsSelf

        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            nodes[slot] = node
        } else {
            slot = nodes.count
            nodes.append(node)
        }
        index[w.id] = slot
        if parent >= 0 { nodes[parent].children.append(slot) } else { roots.append(slot) }
        liveCount += 1
        if node.dropsTouches { touchDroppersChanged(by: 1) }
        if let children = w.childWireframes {
            for child in children { _ = insert(child, parent: slot, tally: &tally) }
        }
        return slot
    }

    /// Sets the node's sanitized content and rule flags from `w`. Counts go to `tally`
    /// only for nodes the player can see, so withheld subtrees do not inflate the audit.
    private static func apply(_ verdict: ViewVerdict, content w: Wireframe, urls: URLCanonicalizer, to node: inout MirrorNode, counted: Bool, tally: inout WireframeTally) {
        let id = node.safe.id
        node.seals = verdict.content >= .block
        node.dropsSelf = verdict.content == .drop
        node.dropsTouches = verdict.dropsTouches
        if node.seals {
            node.safe = .placeholder(id: id, frameOf: w)
        } else if counted {
            node.safe = WireframeContent.sanitize(w, id: id, urls: urls, tally: &tally)
        } else {
            var ignored = WireframeTally()
            node.safe = WireframeContent.sanitize(w, id: id, urls: urls, tally: &ignored)
        }
        guard counted, let rule = verdict.rule else { return }
        if verdict.content >= .block {
            tally.blockedByRule[rule, default: 0] += 1
        } else if verdict.content == .mask {
            tally.maskedByRule[rule, default: 0] += 1
        }
    }

    /// Removes the node and its subtree.
    mutating func remove(_ slot: Int) {
        let parent = nodes[slot].parent
        if parent >= 0 {
            nodes[parent].children.removeAll { $0 == slot }
        } else {
            roots.removeAll { $0 == slot }
        }
        release(slot)
    }

    /// Frees the subtree's slots without detaching it from its parent.
    private mutating func release(_ slot: Int) {
        for child in nodes[slot].children { release(child) }
        let node = nodes[slot]
        if index[node.hostID] == slot { index[node.hostID] = nil }
        if node.dropsTouches { touchDroppersChanged(by: -1) }
        nodes[slot].live = false
        nodes[slot].children = []
        freeSlots.append(slot)
        liveCount -= 1
    }

    // MARK: - update

    /// Replaces the node's own fields (and its children when `w` carries any; otherwise
    /// the current children stay), moving it under `newParent` when that differs.
    /// Returns whether the player had it before; nil when the move is refused (a cycle, or
    /// deeper than the limit).
    mutating func update(_ slot: Int, with w: Wireframe, parent newParent: Int?, tally: inout WireframeTally) -> Bool? {
        let wasEmitted = nodes[slot].emitted
        if let newParent, newParent != nodes[slot].parent {
            guard !isInSubtree(newParent, of: slot) else {
                tally.cycles += 1
                return nil
            }
            let depth = newParent < 0 ? 0 : nodes[newParent].depth + 1
            guard depth + height(of: slot) < Self.maximumDepth else {
                tally.tooDeep += 1
                return nil
            }
            move(slot, under: newParent)
        }
        let parent = nodes[slot].parent
        let parentOpen = parent < 0 || nodes[parent].isOpen
        if nodes[slot].dropsTouches { touchDroppersChanged(by: -1) }
        Self.apply(rules.verdict(for: w), content: w, urls: urls, to: &nodes[slot], counted: parentOpen, tally: &tally)
        if nodes[slot].dropsTouches { touchDroppersChanged(by: 1) }
        if let children = w.childWireframes {
            for child in nodes[slot].children { release(child) }
            nodes[slot].children = []
            for child in children { _ = insert(child, parent: slot, tally: &tally) }
        }
        refreshEmission(slot, parentOpen: parentOpen)
        return wasEmitted
    }

    private func isInSubtree(_ candidate: Int, of root: Int) -> Bool {
        var p = candidate
        while p >= 0 {
            if p == root { return true }
            p = nodes[p].parent
        }
        return false
    }

    /// Levels below the node (0 for a leaf).
    private func height(of slot: Int) -> Int {
        nodes[slot].children.reduce(0) { Swift.max($0, 1 + height(of: $1)) }
    }

    private mutating func move(_ slot: Int, under newParent: Int) {
        let old = nodes[slot].parent
        if old >= 0 {
            nodes[old].children.removeAll { $0 == slot }
        } else {
            roots.removeAll { $0 == slot }
        }
        nodes[slot].parent = newParent
        if newParent >= 0 { nodes[newParent].children.append(slot) } else { roots.append(slot) }
        fixDepth(slot)
        touchRectsStale = true
    }

    /// Recomputes depths under a moved node (the move was checked to fit).
    private mutating func fixDepth(_ slot: Int) {
        let parent = nodes[slot].parent
        nodes[slot].depth = parent < 0 ? 0 : nodes[parent].depth + 1
        for child in nodes[slot].children { fixDepth(child) }
    }

    private mutating func refreshEmission(_ slot: Int, parentOpen: Bool) {
        nodes[slot].emitted = parentOpen && !nodes[slot].dropsSelf
        let open = nodes[slot].isOpen
        for child in nodes[slot].children { refreshEmission(child, parentOpen: open) }
    }

    // MARK: - touches

    private mutating func touchDroppersChanged(by n: Int) {
        touchDroppers += n
        touchRectsStale = true
    }

    /// Whether a touch at (x, y) lands on a view whose rule drops touches.
    @inline(__always)
    mutating func dropsTouch(x: Double, y: Double) -> Bool {
        touchDroppers > 0 && hitsTouchRect(x: x, y: y)
    }

    private mutating func hitsTouchRect(x: Double, y: Double) -> Bool {
        if touchRectsStale {
            touchRects.removeAll(keepingCapacity: true)
            for node in nodes where node.live && node.dropsTouches { touchRects.append(TouchRect(node.safe)) }
            touchRectsStale = false
        }
        for rect in touchRects where rect.contains(x: x, y: y) { return true }
        return false
    }

    /// Marks the touch rectangles for a rebuild (a node's frame may have changed).
    mutating func frameMayHaveChanged(_ slot: Int) {
        if nodes[slot].dropsTouches { touchRectsStale = true }
    }
}
