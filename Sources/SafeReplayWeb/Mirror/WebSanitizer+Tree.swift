import SafeReplayModel

extension WebSanitizer {
    /// Why a subtree could not be inserted.
    enum InsertFailure: Error {
        case invalidId
        case duplicateId

        /// The reason counted when a node fails so (its envelope name is the reason's key).
        var reason: AuditReason {
            switch self {
            case .invalidId: .invalidNodeID
            case .duplicateId: .duplicateAdd
            }
        }
    }

    /// Inserts a serialized node (and any nested children) under `parent` before `next`,
    /// deciding each node's state as it goes. Nested nodes with bad or duplicate ids are
    /// skipped with their subtrees and counted. Returns the top slot.
    @discardableResult
    func insertSubtree(_ node: SerializedNode, under parent: Int32, before next: Int32) -> Result<Int32, InsertFailure> {
        if let failure = check(node.id) { return .failure(failure) }
        let top = withUnsafePointer(to: node) { create($0) }
        if parent == Mirror.none {
            mirror.setRoot(top)
        } else {
            mirror.link(top, under: parent, before: next)
        }
        assignState(top)
        guard !node.childNodes.isEmpty else { return .success(top) }
        // Depth-first without recursion (a hostile snapshot can nest deeper than the stack).
        // The level being walked is held in locals and its nodes are read where they lie,
        // not copied out (a copy retained and released every field of every node).
        var children = node.childNodes
        var i = 0
        var under = top
        var stack = SlotStorage<(children: [SerializedNode], next: Int, parent: Int32)>()
        while true {
            guard i < children.count else {
                guard let up = stack.popLast() else { break }
                (children, i, under) = up
                continue
            }
            let index = i
            i += 1
            let id = children[index].id
            if let failure = check(id) {
                auditCounters.drop(failure.reason)
                continue
            }
            // Through a pointer: passing `children[index]` copied the whole node (every
            // field retained, then released).
            let s = children.withUnsafeBufferPointer { create($0.baseAddress! + index) }
            mirror.link(s, under: under, before: Mirror.none)
            assignState(s)
            if !children[index].childNodes.isEmpty {
                let grandchildren = children[index].childNodes
                // Moved onto the stack, not copied (a retain, and a release when replaced).
                stack.append((consume children, i, under))
                children = grandchildren
                i = 0
                under = s
            }
        }
        return .success(top)
    }

    /// Why a node of this id cannot be inserted now, if it cannot.
    func check(_ id: Int) -> InsertFailure? {
        if id <= 0 { return .invalidId }
        if mirror.contains(id) { return .duplicateId }
        return nil
    }

    // Inlined, and given a pointer, so the node is read where it lies in its parent's
    // array: only the fields the mirror keeps are copied out.
    @inline(__always)
    private func create(_ node: UnsafePointer<SerializedNode>) -> Int32 {
        var facts: NodeFacts = []
        if node.pointee.isShadowHost == true { facts.insert(.isShadowHost) }
        if node.pointee.isShadow == true { facts.insert(.isShadow) }
        let id = node.pointee.id
        let s: Int32
        switch node.pointee.kind {
        case .document(let compatMode):
            s = mirror.create(id: id, kind: .document, tag: -1, facts: facts, attributes: Attributes(), text: "")
            if let compatMode { mirror.updateExtras(s) { $0.compatMode = compatMode } }
        case .documentType(let name, let publicId, let systemId):
            s = mirror.create(id: id, kind: .documentType, tag: -1, facts: facts, attributes: Attributes(), text: "")
            mirror.updateExtras(s) { $0.doctype = (name, publicId, systemId) }
        case .element(let element):
            if element.isSVG == true { facts.insert(.isSVG) }
            if element.isCustom == true { facts.insert(.isCustom) }
            let tag = mirror.tagTable.intern(elementName: element.tagName)
            s = mirror.create(id: id, kind: .element, tag: tag, facts: facts, attributes: Self.attributes(of: element), text: "")
        case .text(let text, let isStyle):
            if isStyle == true { facts.insert(.isStyleText) }
            s = mirror.create(id: id, kind: .text, tag: -1, facts: facts, attributes: Attributes(), text: text)
        case .cdata(let text):
            s = mirror.create(id: id, kind: .cdata, tag: -1, facts: facts, attributes: Attributes(), text: text)
        case .comment(let text):
            s = mirror.create(id: id, kind: .comment, tag: -1, facts: facts, attributes: Attributes(), text: text)
        }
        // Extras only for the few nodes that have them: most nodes never touch the table.
        if let rootId = node.pointee.rootId { mirror.updateExtras(s) { $0.rootId = rootId } }
        return s
    }

    /// The element's attributes, moved out of it (`element.attributes` was a second copy,
    /// retained for the mirror while the element's own copy was released).
    private static func attributes(of element: consuming ElementData) -> Attributes {
        element.attributes
    }

    /// Decides the state of `s` from its parent's state, the rules and its sticky history,
    /// keeping the emission bookkeeping bits.
    func assignState(_ s: Int32) {
        let parent = mirror.parent(s)
        let parentState = parent == Mirror.none ? NodeState() : mirror.state(parent)
        let id = mirror.id(s)
        let sticky = mirror.sticky(of: id)
        let bookkeeping = mirror.state(s).intersection([.emitted, .newInBatch])
        var st: NodeState
        let scopes: UInt64
        if mirror.isElement(s) {
            let parentScopes = parent == Mirror.none ? 0 : mirror.scopes(parent)
            // Borrowed, not retained and released around the call: the rule book holds it.
            let scan = Unmanaged.passUnretained(protection.book.matcher)._withUnsafeGuaranteedRef { $0.scan(s, in: mirror) }
            let verdict = protection.verdict(for: s, in: mirror, scan: scan, parentScopes: parentScopes)
            st = protection.elementState(s, in: mirror, scan: scan, parent: parentState, verdict: verdict, sticky: sticky)
            scopes = verdict.scopes
            if !st.isDisjoint(with: [.placeholder, .dropped]) {
                let reason = verdict.rule >= 0 ? "rule:" + protection.book.rules[verdict.rule].name
                    : verdict.moduleLevel == .high ? "module" : sticky.isDisjoint(with: [.placeholder, .dropped]) ? "media" : "sticky"
                if mirror.extra(s)?.verdictReason != reason { mirror.updateExtras(s) { $0.verdictReason = reason } }
            }
        } else {
            st = protection.leafState(parent: parentState, sticky: sticky)
            scopes = parent != Mirror.none ? mirror.scopes(parent) : mirror.scopes(s)
        }
        mirror.setState(s, st.union(bookkeeping), scopes: scopes)
        mirror.tighten(id, with: Protection.sticky(of: st))
    }

    /// Re-decides the state of `top` and everything below it (after an attribute change
    /// or a move). Returns the nodes whose emitted form changed, topmost first.
    ///
    /// `selectorsSeeChange: false` says no selector reads what changed at `top`, so no
    /// verdict below it can change: a node below is then decided again only when its parent's
    /// state changed in this pass or when deciding would tighten it from its sticky history
    /// (``isSettled(_:)``); any other node would be decided exactly as it is. So is `top`
    /// itself when `ownStateSeesChange` is false too (a `class` no rule names).
    func reassignSubtree(_ top: Int32, selectorsSeeChange: Bool = true, ownStateSeesChange: Bool = true) -> [Int32] {
        var changed: [Int32] = []
        var changedSet: Set<Int32> = []
        // Nodes whose state or scopes this pass changed: their children are decided again.
        var redecided: Set<Int32> = []
        let stop = mirror.parent(top)
        mirror.forEachInSubtree(top) { s in
            if !selectorsSeeChange && (s != top || !ownStateSeesChange)
                && (redecided.isEmpty || !redecided.contains(mirror.parent(s))) && isSettled(s) { return }
            let before = mirror.state(s)
            let scopesBefore = mirror.scopes(s)
            assignState(s)
            let after = mirror.state(s)
            if !selectorsSeeChange && (after != before || mirror.scopes(s) != scopesBefore) { redecided.insert(s) }
            guard before.intersection(.emissionRelevant) != after.intersection(.emissionRelevant) else { return }
            // Only the topmost changed node of a branch: re-emitting it re-emits the rest.
            var p = mirror.parent(s)
            while p != Mirror.none && p != stop {
                if changedSet.contains(p) { return }
                p = mirror.parent(p)
            }
            changed.append(s)
            changedSet.insert(s)
        }
        return changed
    }

    /// Whether deciding `s` again, with its parent, its verdict and its own attributes as when
    /// it was last decided, would leave its state as it is: what its sticky history adds is
    /// already in it. (Deciding tightens the history, so a node decided once can gain
    /// `ruleMasked` the next time: text inside a field, a hidden or a hard-floor subtree.)
    /// Placeholders and dropped elements are always decided again: the audit reason they
    /// keep reads the history too.
    private func isSettled(_ s: Int32) -> Bool {
        let st = mirror.state(s)
        guard st.isDisjoint(with: [.placeholder, .dropped]) else { return false }
        let sticky = mirror.sticky(of: mirror.id(s))
        if sticky.contains(.masked) && !st.contains(.ruleMasked) { return false }
        guard mirror.isElement(s) else { return true }
        if !sticky.isDisjoint(with: [.dropped, .placeholder]) { return false }
        if st.contains(.field) && (sticky.contains(.hardFloor) && !st.contains(.hardFloor) || sticky.contains(.valueDropped) && !st.contains(.valueDropped)) { return false }
        return true
    }
}
