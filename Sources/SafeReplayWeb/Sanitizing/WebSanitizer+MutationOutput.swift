import SafeReplayModel

extension WebSanitizer {
    /// Emits the batch's emitted part as one Mutation event, or nothing when empty.
    ///
    /// Adds are written parents first and siblings right to left, so every `parentId` and
    /// `nextId` names a node the player already has when it applies the add.
    func emitMutation(_ out: inout MutationOutput, attachIframe: Bool?) {
        // The batch's lists, kept with it for the next batch.
        var roots: [Int32] = []
        var parents: [Int32] = []
        swap(&roots, &out.roots)
        swap(&parents, &out.parents)
        defer {
            roots.empty()
            parents.empty()
            swap(&roots, &out.roots)
            swap(&parents, &out.parents)
        }
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
                auditCounters.drop(.hiddenAdd)
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

        // Written straight into bytes, as `Event.encode` writes a Mutation event: texts,
        // attributes and removes are ready; adds are made (and their nodes marked emitted)
        // as they are written, in the order the player applies them.
        let w = treeBytes
        w.reset()
        w.literal(#"{"type":"#)
        w.int(EventType.incrementalSnapshot.rawValue)
        w.literal(#","data":{"source":"#)
        w.int(IncrementalSource.mutation.rawValue)
        w.literal(#","texts":["#)
        for (k, t) in out.texts.enumerated() {
            w.literal(k == 0 ? #"{"id":"# : #",{"id":"#)
            w.int(t.id)
            w.literal(#","value":"#)
            if let value = t.value { w.string(value) } else { w.literal("null") }
            w.byte(UInt8(ascii: "}"))
        }
        w.literal(#"],"attributes":["#)
        for (k, a) in out.attributes.enumerated() {
            w.literal(k == 0 ? #"{"id":"# : #",{"id":"#)
            w.int(a.id)
            w.literal(#","attributes":{"#)
            for (j, entry) in a.attributes.entries.enumerated() { w.member(entry.name, entry.value, after: j > 0) }
            w.literal("}}")
        }
        w.literal(#"],"removes":["#)
        for (k, r) in out.removes.enumerated() {
            w.literal(k == 0 ? #"{"parentId":"# : #",{"parentId":"#)
            w.int(r.parentId)
            w.literal(#","id":"#)
            w.int(r.id)
            if let isShadow = r.isShadow { w.literal(isShadow ? #","isShadow":true"# : #","isShadow":false"#) }
            w.byte(UInt8(ascii: "}"))
        }
        w.literal(#"],"adds":["#)
        var added = 0
        if !parents.isEmpty {
            // Only when there are adds: the writer copies the content sanitizer.
            let nodeWriter = NodeWriter(content: content, mode: mode.contentMode)
            for parent in parents {
                var c = mirror.lastChild(parent)
                while c != Mirror.none {
                    if isRoot(c) { writeAdds(from: c, with: nodeWriter, count: &added, into: w) }
                    c = mirror.previousSibling(c)
                }
            }
        }
        w.byte(UInt8(ascii: "]"))
        if attachIframe == true && added > 0 { w.literal(#","isAttachIframe":true"#) }
        w.literal(#"},"timestamp":"#)
        w.int(Int(timestamp))
        w.byte(UInt8(ascii: "}"))
        // Into the memory of the event handed out last, when its taker let go of it.
        var json: [UInt8] = []
        swap(&json, &spareEventJSON)
        w.withBytes { json.replaceSubrange(0..<json.count, with: $0) }
        w.shrinkIfHuge(pageBytes: snapshotTreeBytes)
        append(json, type: EventType.incrementalSnapshot.rawValue, at: timestamp)
    }

    /// Writes `top` and its emitted descendants as flat adds, without recursion.
    private func writeAdds(from top: Int32, with nodeWriter: NodeWriter, count: inout Int, into w: JSONBytes) {
        var stack: [Int32] = [top]
        while let s = stack.popLast() {
            let parent = mirror.parent(s)
            var next = mirror.nextSibling(s)
            while next != Mirror.none && !mirror.state(next).contains(.emitted) { next = mirror.nextSibling(next) }
            w.literal(count == 0 ? #"{"parentId":"# : #",{"parentId":"#)
            count += 1
            w.int(mirror.id(parent))
            w.literal(#","nextId":"#)
            if next == Mirror.none { w.literal("null") } else { w.int(mirror.id(next)) }
            w.literal(#","node":"#)
            nodeWriter.writeFlat(s, mirror: mirror, audit: &auditCounters, into: w)
            w.byte(UInt8(ascii: "}"))
            guard mirror.state(s).emitsChildren else { continue }
            var c = mirror.firstChild(s)
            while c != Mirror.none {
                if NodeWriter.isEmitted(c, in: mirror) { stack.append(c) }
                c = mirror.nextSibling(c)
            }
        }
    }
}
