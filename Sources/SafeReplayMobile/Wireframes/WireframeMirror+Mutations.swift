import SafeReplayModel

/// What a host mutation changed that the player must hear about, in output terms.
struct MirrorChanges {
    /// A node to send whole (with its emitted subtree), checked again at encode time.
    struct Ref {
        var slot: Int
        var hostID: Int64
    }

    var adds: [Ref] = []
    var updates: [Ref] = []
    /// Output ids.
    var removes: [(parent: Int64?, id: Int64)] = []

    var isEmpty: Bool { adds.isEmpty && updates.isEmpty && removes.isEmpty }
}

extension WireframeMirror {
    /// Applies a host mutation: removes, then adds, then updates (the player's order).
    /// An add of a known id is an update; an update of an unknown id under a known
    /// parent is an add. Anything naming an unknown id is counted and skipped.
    mutating func apply(_ m: WireframeMutationData, tally: inout WireframeTally) -> MirrorChanges {
        var changes = MirrorChanges()
        tally.droppedKeys += m.unknownKeys.count
        for removal in m.removes ?? [] {
            guard let slot = index[removal.id] else {
                tally.unknownIDs += 1
                continue
            }
            if nodes[slot].emitted { changes.removes.append((parentOutputID(of: slot), nodes[slot].safe.id)) }
            remove(slot)
        }
        for add in m.adds ?? [] {
            guard let named = parentSlot(add.parentId, tally: &tally) else { continue }
            let parent = named ?? -1
            if let existing = index[add.wireframe.id] {
                // Updated first, recorded after: a call reading `self` around the mutation
                // would hold a second reference to the node storage and copy it whole.
                let wasEmitted = update(existing, with: add.wireframe, parent: parent, tally: &tally)
                record(wasEmitted, slot: existing, in: &changes)
            } else if let slot = insert(add.wireframe, parent: parent, tally: &tally), nodes[slot].emitted {
                changes.adds.append(MirrorChanges.Ref(slot: slot, hostID: nodes[slot].hostID))
            }
        }
        for change in m.updates ?? [] {
            guard let parent = parentSlot(change.parentId, tally: &tally) else { continue }
            if let existing = index[change.wireframe.id] {
                let wasEmitted = update(existing, with: change.wireframe, parent: parent, tally: &tally)
                record(wasEmitted, slot: existing, in: &changes)
            } else if let parent, let slot = insert(change.wireframe, parent: parent, tally: &tally), nodes[slot].emitted {
                changes.adds.append(MirrorChanges.Ref(slot: slot, hostID: nodes[slot].hostID))
            } else if parent == nil {
                tally.unknownIDs += 1
            }
        }
        return changes
    }

    /// The slot of a mutation's parent: `.some(nil)` when it names none (top level),
    /// nil (counted) when it names an unknown one.
    private func parentSlot(_ hostParent: Int64?, tally: inout WireframeTally) -> Int?? {
        guard let hostParent else { return .some(nil) }
        guard let slot = index[hostParent] else {
            tally.unknownIDs += 1
            return nil
        }
        return slot
    }

    private func record(_ wasEmitted: Bool?, slot: Int, in changes: inout MirrorChanges) {
        guard let wasEmitted, nodes[slot].live else { return }
        let ref = MirrorChanges.Ref(slot: slot, hostID: nodes[slot].hostID)
        switch (wasEmitted, nodes[slot].emitted) {
        case (true, true): changes.updates.append(ref)
        case (true, false): changes.removes.append((parentOutputID(of: slot), nodes[slot].safe.id))
        case (false, true): changes.adds.append(ref)
        case (false, false): break
        }
    }
}
