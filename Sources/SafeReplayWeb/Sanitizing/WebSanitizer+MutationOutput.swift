import SafeReplayModel

extension WebSanitizer {
    /// Emits the batch's emitted part as one Mutation event, or nothing when empty.
    ///
    /// Adds are written parents first and siblings right to left, so every `parentId` and
    /// `nextId` names a node the player already has when it applies the add.
    func emitMutation(_ out: inout MutationOutput, attachIframe: Bool?) {
        var roots: [Int32] = []
        var parents: [Int32] = []
        // Most batches add a node or two: a look through the arrays costs less than
        // building sets, which only large batches need.
        var rootSet: Set<Int32>? = out.addRoots.count > 16 ? [] : nil
        var parentSet: Set<Int32>? = out.addRoots.count > 16 ? [] : nil
        func isRoot(_ s: Int32) -> Bool { rootSet?.contains(s) ?? roots.contains(s) }
        for r in out.addRoots where !isRoot(r) {
            let parent = mirror.parent(r)
            guard parent != Mirror.none else { continue }
            let ps = mirror.state(parent)
            if ps.contains(.newInBatch) { continue }
            guard ps.contains(.emitted), ps.emitsChildren, !mirror.state(r).contains(.dropped) else {
                auditCounters.drop("hidden-add")
                continue
            }
            roots.append(r)
            rootSet?.insert(r)
            if !(parentSet?.contains(parent) ?? parents.contains(parent)) {
                parents.append(parent)
                parentSet?.insert(parent)
            }
        }
        guard !(out.removes.isEmpty && out.texts.isEmpty && out.attributes.isEmpty && roots.isEmpty) else { return }

        var adds: [AddedNode] = []
        if !parents.isEmpty {
            // Only when there are adds: the writer copies the content sanitizer.
            let nodeWriter = NodeWriter(content: content, mode: mode.contentMode)
            for parent in parents {
                var c = mirror.lastChild(parent)
                while c != Mirror.none {
                    if isRoot(c) { appendAdds(from: c, with: nodeWriter, to: &adds) }
                    c = mirror.previousSibling(c)
                }
            }
        }
        let data = MutationData(
            texts: out.texts, attributes: out.attributes, removes: out.removes, adds: adds,
            isAttachIframe: attachIframe == true && !adds.isEmpty ? true : nil)
        emit(Event(timestamp: timestamp, body: .incrementalSnapshot(.mutation(data))))
    }

    /// Appends `top` and its emitted descendants as flat adds, without recursion.
    private func appendAdds(from top: Int32, with nodeWriter: NodeWriter, to adds: inout [AddedNode]) {
        var stack: [Int32] = [top]
        while let s = stack.popLast() {
            let parent = mirror.parent(s)
            var next = mirror.nextSibling(s)
            while next != Mirror.none && !mirror.state(next).contains(.emitted) { next = mirror.nextSibling(next) }
            let node = nodeWriter.flatNode(s, mirror: mirror, audit: &auditCounters)
            adds.append(AddedNode(parentId: mirror.id(parent), nextId: next == Mirror.none ? nil : mirror.id(next), node: node))
            guard mirror.state(s).emitsChildren else { continue }
            var c = mirror.firstChild(s)
            while c != Mirror.none {
                if NodeWriter.isEmitted(c, in: mirror) { stack.append(c) }
                c = mirror.nextSibling(c)
            }
        }
    }
}
