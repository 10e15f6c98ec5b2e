import SafeReplayModel

extension WebSanitizer {
    /// A recorder FullSnapshot: the mirror is rebuilt from it (whatever the mode, so a
    /// paused recording can resume), and it is emitted sanitized when the mode shows DOM.
    func handleFullSnapshot(_ data: FullSnapshotData) {
        guard case .dom(let root) = data.content else {
            auditCounters.drop("snapshot:wireframes")
            return
        }
        mirror.reset()
        playerHasSnapshot = false
        if case .failure(let failure) = insertSubtree(root, under: Mirror.none, before: Mirror.none) {
            auditCounters.drop("snapshot:" + failure.reason.key)
            mirror.reset()
            return
        }
        mirror.releaseSpareCapacity()
        if !sawMeta && !route.isClassified { raiseDrift(.route, subject: route.template) }
        if let offset = data.initialOffset { documentScroll = offset }
        if mode.isDOM {
            emitSnapshotFromMirror(initialOffset: data.initialOffset, mirrorJustBuilt: true)
        } else {
            auditCounters.drop(.paused)
        }
        // After the snapshot, so that it directly follows its Meta.
        if route.level >= .medium { raiseFieldDrift() }
    }

    /// Emits Meta (unless one was just emitted) and a FullSnapshot built from the mirror
    /// under the current rules and mode. `mirrorJustBuilt`: the mirror was reset and rebuilt
    /// from a snapshot since any node was written, so no record is marked emitted and the
    /// clearing pass over every record (before the writer's own pass) is skipped.
    func emitSnapshotFromMirror(initialOffset: ScrollOffset?, mirrorJustBuilt: Bool = false) {
        guard !mirror.isEmpty else { return }
        let root = mirror.root
        if mirrorJustBuilt {
            assert(mirror.records.indices.allSatisfy { !mirror.state(Int32($0)).contains(.emitted) }, "a rebuilt mirror has emitted nodes")
        } else {
            mirror.clearEmitted()
        }
        guard !mirror.state(root).contains(.dropped) else {
            auditCounters.drop("snapshot:root-dropped")
            return
        }
        if !lastEmittedWasMeta { emit(Event(timestamp: timestamp, body: .meta(meta))) }
        let nodeWriter = NodeWriter(content: content, mode: mode.contentMode)
        writer.reset()
        writer.beginObject()
        writer.key("type")
        writer.int(EventType.fullSnapshot.rawValue)
        writer.key("data")
        writer.beginObject()
        writer.key("node")
        // The event is written straight into its array: the writer's part before the tree,
        // the tree, the writer's part after it (the writer writes around an empty value, the
        // same state as after the tree).
        let before = writer.withBytes { $0.count }
        treeBytes.beginArray(reusableSnapshotMemory(), expecting: before + snapshotTreeBytes + 256)
        writer.withBytes { treeBytes.append($0) }
        let treeStart = treeBytes.count
        nodeWriter.writeTree(root, mirror: mirror, audit: &auditCounters, into: treeBytes)
        snapshotTreeBytes = treeBytes.count - treeStart
        writer.raw(UnsafeBufferPointer<UInt8>(start: nil, count: 0))
        let split = writer.withBytes { $0.count }
        let offset = initialOffset ?? documentScroll
        writer.key("initialOffset")
        writer.beginObject()
        writer.key("top")
        writer.double(offset.top)
        writer.key("left")
        writer.double(offset.left)
        writer.endObject()
        writer.endObject()
        writer.key("timestamp")
        writer.int64(timestamp)
        writer.endObject()
        writer.withBytes { treeBytes.append(UnsafeBufferPointer(rebasing: $0[split...])) }
        let json = treeBytes.finishArray()
        lastSnapshotJSON = json
        treeBytes.shrinkIfHuge(pageBytes: snapshotTreeBytes)
        append(json, type: EventType.fullSnapshot.rawValue, at: timestamp, checkout: true)
        playerHasSnapshot = true
    }

    /// The last snapshot's memory when its taker has let go of it (see
    /// ``lastSnapshotJSON``), else an empty array (a new one is then written).
    private func reusableSnapshotMemory() -> [UInt8] {
        var json = lastSnapshotJSON
        lastSnapshotJSON = []
        return JSONBytes.isUniquelyReferenced(&json) ? json : []
    }

    /// Raises a drift alert for every form field no rule names (medium and high pages).
    func raiseFieldDrift() {
        guard !mirror.isEmpty else { return }
        mirror.forEachInSubtree(mirror.root) { s in
            let st = mirror.state(s)
            if st.contains(.field) && !st.contains(.named) { raiseDrift(.field, subject: SelectorPath.of(s, in: mirror, guardrail: content.guardrail)) }
        }
    }
}
