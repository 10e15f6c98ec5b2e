import SafeReplayModel

extension WebSanitizer {
    /// Writes the batch's emitted part as one Mutation event, or nothing when empty.
    ///
    /// Adds are written parents first and siblings right to left, so every `parentId` and
    /// `nextId` names a node the player already has when it applies the add.
    func emitMutation(_ out: inout MutationOutput, attachIframe: Bool?) {
        var roots: [Int32] = []
        var rootSet: Set<Int32> = []
        var parents: [Int32] = []
        var parentSet: Set<Int32> = []
        for r in out.addRoots where !rootSet.contains(r) {
            let parent = mirror.parent(r)
            guard parent != Mirror.none else { continue }
            let ps = mirror.state(parent)
            if ps.contains(.newInBatch) { continue }
            guard ps.contains(.emitted), ps.emitsChildren, !mirror.state(r).contains(.dropped) else {
                auditCounters.drop("hidden-add")
                continue
            }
            roots.append(r)
            rootSet.insert(r)
            if parentSet.insert(parent).inserted { parents.append(parent) }
        }
        guard !(out.removes.isEmpty && out.texts.isEmpty && out.attributes.isEmpty && roots.isEmpty) else { return }

        let nodeWriter = NodeWriter(content: content, mode: mode.contentMode)
        writer.reset()
        writer.beginObject()
        writer.key("type")
        writer.int(EventType.incrementalSnapshot.rawValue)
        writer.key("data")
        writer.beginObject()
        writer.key("source")
        writer.int(IncrementalSource.mutation.rawValue)
        writer.key("texts")
        writer.beginArray()
        for t in out.texts {
            writer.beginObject()
            writer.key("id")
            writer.int(t.id)
            writer.key("value")
            if let v = t.value { writer.string(v) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.key("attributes")
        writer.beginArray()
        for a in out.attributes {
            writer.beginObject()
            writer.key("id")
            writer.int(a.id)
            writer.key("attributes")
            a.attributes.encode(into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.key("removes")
        writer.beginArray()
        for r in out.removes {
            writer.beginObject()
            writer.key("parentId")
            writer.int(r.parentId)
            writer.key("id")
            writer.int(r.id)
            if r.isShadow == true {
                writer.key("isShadow")
                writer.bool(true)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("adds")
        writer.beginArray()
        for parent in parents {
            var c = mirror.lastChild(parent)
            while c != Mirror.none {
                if rootSet.contains(c) { writeAdds(from: c, with: nodeWriter) }
                c = mirror.previousSibling(c)
            }
        }
        writer.endArray()
        if attachIframe == true && !roots.isEmpty {
            writer.key("isAttachIframe")
            writer.bool(true)
        }
        writer.endObject()
        writer.key("timestamp")
        writer.int64(timestamp)
        writer.endObject()
        emitWritten(type: .incrementalSnapshot)
    }

    /// Writes `top` and its emitted descendants as flat adds, without recursion.
    private func writeAdds(from top: Int32, with nodeWriter: NodeWriter) {
        var stack: [Int32] = [top]
        while let s = stack.popLast() {
            let parent = mirror.parent(s)
            var next = mirror.nextSibling(s)
            while next != Mirror.none && !mirror.state(next).contains(.emitted) { next = mirror.nextSibling(next) }
            writer.beginObject()
            writer.key("parentId")
            writer.int(mirror.id(parent))
            writer.key("nextId")
            if next == Mirror.none { writer.null() } else { writer.int(mirror.id(next)) }
            writer.key("node")
            nodeWriter.writeFlat(s, mirror: &mirror, audit: &auditCounters, into: &writer)
            writer.endObject()
            guard mirror.state(s).emitsChildren else { continue }
            var c = mirror.firstChild(s)
            while c != Mirror.none {
                if NodeWriter.isEmitted(c, in: mirror) { stack.append(c) }
                c = mirror.nextSibling(c)
            }
        }
    }
}
