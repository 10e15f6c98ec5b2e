import SafeReplayModel

extension WireframeMirror {
    /// Writes `{"wireframes":[…],"initialOffset":{"top":0,"left":0}}`.
    func encodeSnapshotData(into w: JSONWriter) {
        w.beginObject()
        w.field("wireframes")
        w.beginArray()
        for root in roots where nodes[root].emitted { encodeSubtree(root, into: w) }
        w.endArray()
        w.field("initialOffset")
        w.beginObject()
        w.field("top")
        w.int(0)
        w.field("left")
        w.int(0)
        w.endObject()
        w.endObject()
    }

    /// Writes `{"source":0,"adds":[…],"updates":[…],"removes":[…]}` (empty lists left out);
    /// false when nothing is left to send.
    func encodeMutationData(_ changes: MirrorChanges, into w: JSONWriter) -> Bool {
        let adds = sendable(changes.adds)
        let updates = sendable(changes.updates)
        guard !adds.isEmpty || !updates.isEmpty || !changes.removes.isEmpty else { return false }
        w.beginObject()
        w.field("source")
        w.int(IncrementalSource.mutation.rawValue)
        if !adds.isEmpty {
            w.field("adds")
            encodePlacements(adds, into: w)
        }
        if !updates.isEmpty {
            w.field("updates")
            encodePlacements(updates, into: w)
        }
        if !changes.removes.isEmpty {
            w.field("removes")
            w.beginArray()
            for removal in changes.removes {
                w.beginObject()
                if let parent = removal.parent {
                    w.field("parentId")
                    w.int64(parent)
                }
                w.field("id")
                w.int64(removal.id)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return true
    }

    /// The refs still alive and shown, without those already inside another one's subtree.
    private func sendable(_ refs: [MirrorChanges.Ref]) -> [Int] {
        let valid = refs.filter { nodes.indices.contains($0.slot) && nodes[$0.slot].live && nodes[$0.slot].hostID == $0.hostID && nodes[$0.slot].emitted }
        guard valid.count > 1 else { return valid.map(\.slot) }
        let slots = Set(valid.map(\.slot))
        var seen = Set<Int>()
        return valid.compactMap { ref in
            var p = nodes[ref.slot].parent
            while p >= 0 {
                if slots.contains(p) { return nil }
                p = nodes[p].parent
            }
            return seen.insert(ref.slot).inserted ? ref.slot : nil
        }
    }

    private func encodePlacements(_ slots: [Int], into w: JSONWriter) {
        w.beginArray()
        for slot in slots {
            w.beginObject()
            if let parent = parentOutputID(of: slot) {
                w.field("parentId")
                w.int64(parent)
            }
            w.field("wireframe")
            encodeSubtree(slot, into: w)
            w.endObject()
        }
        w.endArray()
    }

    /// Writes the node and its emitted descendants.
    func encodeSubtree(_ slot: Int, into w: JSONWriter) {
        w.beginObject()
        nodes[slot].safe.encodeFields(into: w)
        if !nodes[slot].seals, nodes[slot].children.contains(where: { nodes[$0].emitted }) {
            w.field("childWireframes")
            w.beginArray()
            for child in nodes[slot].children where nodes[child].emitted { encodeSubtree(child, into: w) }
            w.endArray()
        }
        w.endObject()
    }
}
