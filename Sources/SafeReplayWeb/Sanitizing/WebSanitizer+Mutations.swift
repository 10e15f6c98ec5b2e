import SafeReplayModel

extension WebSanitizer {
    /// What one mutation batch emits, gathered while the mirror is updated.
    struct MutationOutput {
        var removes: [RemovedNode] = []
        var texts: [TextMutation] = []
        var attributes: [AttributeMutation] = []
        /// Nodes to emit as adds (with their emitted descendants).
        var addRoots: [Int32] = []
        /// Every node inserted or scheduled for re-emission in this batch.
        var batch: [Int32] = []
        /// ``emitMutation(_:attachIframe:)``'s lists: the add roots it writes, their parents.
        var roots: [Int32] = []
        var parents: [Int32] = []

        /// Empties every list, keeping its memory for the next batch (each batch made and
        /// freed five arrays), unless a large batch grew them.
        mutating func clear() {
            guard batch.capacity <= 1024, addRoots.capacity <= 1024, removes.capacity <= 1024 else {
                self = MutationOutput()
                return
            }
            removes.empty()
            texts.empty()
            attributes.empty()
            addRoots.empty()
            batch.empty()
        }
    }

    /// A DOM mutation batch, applied as rrweb's replayer does: removes, then adds (in any
    /// order: an add waits for its parent and next sibling), then texts, then attributes.
    func handleMutation(_ m: MutationData) {
        guard !mirror.isEmpty else {
            auditCounters.drop(.beforeSnapshot)
            return
        }
        let emitting = mode.isDOM && playerHasSnapshot
        var out = MutationOutput()
        swap(&out, &spareMutationOutput)
        applyRemoves(m.removes, emitting: emitting, into: &out)
        applyAdds(m.adds, into: &out)
        applyTexts(m.texts, emitting: emitting, into: &out)
        applyAttributes(m.attributes, emitting: emitting, into: &out)
        if emitting { emitMutation(&out, attachIframe: m.isAttachIframe) }
        for s in out.batch { mirror.updateState(s) { $0.remove(.newInBatch) } }
        out.clear()
        spareMutationOutput = out
    }

    private func applyRemoves(_ removes: [RemovedNode], emitting: Bool, into out: inout MutationOutput) {
        for r in removes {
            guard let s = mirror.slot(of: r.id) else {
                auditCounters.drop(.unknownNodeID)
                continue
            }
            guard s != mirror.root else {
                auditCounters.drop(.removeRoot)
                continue
            }
            let parent = mirror.parent(s)
            if emitting, mirror.state(s).contains(.emitted), parent != Mirror.none {
                out.removes.append(RemovedNode(parentId: mirror.id(parent), id: r.id, isShadow: r.isShadow))
            }
            mirror.removeSubtree(s) { _ in }
        }
    }

    private func applyAdds(_ adds: [AddedNode], into out: inout MutationOutput) {
        guard !adds.isEmpty else { return }
        var waiting = WaitingAdds()
        // Adds run in batch order, except that adds released by an insert run first, the
        // last released first (a stack above the adds still to come).
        var released: [Int] = []
        var nextInOrder = 0
        // Read where they lie: a copy of each add retained and released its node's fields.
        adds.withUnsafeBufferPointer { adds in
            while true {
                let i: Int
                if let r = released.popLast() {
                    i = r
                } else if nextInOrder < adds.count {
                    i = nextInOrder
                    nextInOrder += 1
                } else {
                    break
                }
                // Before waiting: an add with a bad or taken id is counted as such, whatever
                // its parent. (insertSubtree checks the top id again, for snapshots.)
                if let failure = check(adds[i].node.id) {
                    auditCounters.drop(failure.reason)
                    continue
                }
                let parentId = adds[i].parentId
                guard let parent = mirror.slot(of: parentId) else {
                    waiting.add(i, awaiting: parentId)
                    continue
                }
                var next = Mirror.none
                if let nextId = adds[i].nextId {
                    guard let n = mirror.slot(of: nextId) else {
                        waiting.add(i, awaiting: nextId)
                        continue
                    }
                    if mirror.parent(n) == parent {
                        next = n
                    } else {
                        auditCounters.drop(.nextNotSibling)
                    }
                }
                let parentKind = mirror.kind(parent)
                guard parentKind == .element || parentKind == .document else {
                    auditCounters.drop(.parentNotContainer)
                    continue
                }
                // Through the pointer: `adds[i].node` copied the whole add out first.
                switch insertSubtree((adds.baseAddress.unsafelyUnwrapped + i).pointee.node, under: parent, before: next) {
                case .failure(let failure):
                    auditCounters.drop(failure.reason)
                case .success(let top):
                    out.addRoots.append(top)
                    mirror.forEachInSubtree(top) { s in
                        mirror.updateState(s) { $0.insert(.newInBatch) }
                        out.batch.append(s)
                        if !waiting.isEmpty, let r = waiting.release(mirror.id(s)) { released.append(contentsOf: r.reversed()) }
                        if route.level >= .medium, mirror.state(s).contains(.field), !mirror.state(s).contains(.named) {
                            raiseDrift(.field, subject: SelectorPath.of(s, in: mirror, guardrail: content.guardrail))
                        }
                    }
                }
            }
            // What is still waiting names ids that never came: unknown, or a cycle of adds.
            guard !waiting.isEmpty else { return }
            waiting.forEachLeft(nodeId: { adds[$0].node.id }) { i, awaited, isCycle in
                auditCounters.drop(isCycle ? .addCycle : adds[i].parentId == awaited ? .unknownParent : .unknownNext)
            }
        }
    }

    private func applyTexts(_ texts: [TextMutation], emitting: Bool, into out: inout MutationOutput) {
        for t in texts {
            guard let s = mirror.slot(of: t.id) else {
                auditCounters.drop(.unknownNodeID)
                continue
            }
            let kind = mirror.kind(s)
            guard kind == .text || kind == .comment || kind == .cdata else {
                auditCounters.drop(.textOnElement)
                continue
            }
            mirror.texts[Int(s)] = t.value ?? ""
            let st = mirror.state(s)
            guard emitting, st.contains(.emitted), !st.contains(.newInBatch) else { continue }
            guard let value = t.value else {
                out.texts.append(TextMutation(id: t.id, value: nil))
                continue
            }
            let sanitized: String
            if kind == .text {
                sanitized = content.text(value, parent: mirror.parent(s), state: st, isStyle: mirror.fact(s).contains(.isStyleText), in: mirror, mode: mode.contentMode, audit: &auditCounters)
            } else {
                if !value.isEmpty { auditCounters.drop(.comment) }
                sanitized = ""
            }
            out.texts.append(TextMutation(id: t.id, value: sanitized))
        }
    }

    private func applyAttributes(_ changes: [AttributeMutation], emitting: Bool, into out: inout MutationOutput) {
        for change in changes {
            guard let s = mirror.slot(of: change.id) else {
                auditCounters.drop(.unknownNodeID)
                continue
            }
            guard mirror.isElement(s) else {
                auditCounters.drop(.attributeOnNonElement)
                continue
            }
            var reading: AttributeReading = []
            for entry in change.attributes.entries {
                reading.formUnion(protection.book.reading(entry.name))
                switch entry.value {
                case .null:
                    mirror.attributes[Int(s)][entry.name] = nil
                case .styleDiff(let diff):
                    let current = mirror.stringAttribute(entry.name, of: s) ?? ""
                    mirror.attributes[Int(s)][entry.name] = .string(StyleText.apply(diff, to: current))
                default:
                    mirror.attributes[Int(s)][entry.name] = entry.value
                }
            }
            if reading.contains(.relevant) {
                let changes = reassignSubtree(s, selectorsSeeChange: reading.contains(.selectors), ownStateSeesChange: reading.contains(.ownState))
                for changed in changes { scheduleReemission(changed, emitting: emitting, into: &out) }
            }
            let st = mirror.state(s)
            guard emitting, st.contains(.emitted), !st.contains(.newInBatch) else { continue }
            var emitted = Attributes()
            for entry in change.attributes.entries {
                // A placeholder keeps only its size, as in snapshots (a size that is not one is skipped).
                if st.contains(.placeholder), case .null = entry.value {
                    guard NodeWriter.isSizeName(entry.name) else { continue }
                } else if st.contains(.placeholder) {
                    guard NodeWriter.placeholderKeeps(entry) else { continue }
                }
                if case .null = entry.value {
                    emitted.entries.append(.init(name: entry.name, value: .null))
                    continue
                }
                let value = content.attribute(entry.name, entry.value, of: s, state: st, in: mirror, mode: mode.contentMode, audit: &auditCounters)
                emitted.entries.append(.init(name: entry.name, value: value ?? .null))
            }
            if !emitted.isEmpty { out.attributes.append(AttributeMutation(id: change.id, attributes: emitted)) }
        }
    }

    /// A node whose emitted form changed: the player's copy is removed and the node is
    /// added again from the mirror under its new state.
    private func scheduleReemission(_ s: Int32, emitting: Bool, into out: inout MutationOutput) {
        let st = mirror.state(s)
        guard !st.contains(.newInBatch) else { return }
        let parent = mirror.parent(s)
        if emitting, st.contains(.emitted), parent != Mirror.none {
            out.removes.append(RemovedNode(parentId: mirror.id(parent), id: mirror.id(s)))
        }
        mirror.forEachInSubtree(s) { d in
            mirror.updateState(d) { $0.remove(.emitted); $0.insert(.newInBatch) }
            out.batch.append(d)
        }
        out.addRoots.append(s)
    }
}
