import SafeReplayModel

/// Replays a sanitized stream as a player would and reports what a player would trip on:
/// event types outside 0–6, a FullSnapshot without a Meta before it, incrementals before a
/// snapshot, and any node id that the player does not have when the event names it.
struct StreamValidator {
    private(set) var problems: [String] = []
    private var parent: [Int: Int] = [:]
    private var children: [Int: [Int]] = [:]
    private var hasSnapshot = false
    private var previousType = -1
    private var index = 0

    private mutating func fail(_ message: String) { problems.append("event \(index): \(message)") }

    mutating func check(_ sanitized: SanitizedEvent) {
        defer {
            index += 1
            previousType = sanitized.type
        }
        guard (0...6).contains(sanitized.type) else { return fail("type \(sanitized.type)") }
        guard let event = try? Event(json: sanitized.json) else { return fail("does not decode") }
        guard event.typeNumber == sanitized.type else { return fail("type mismatch") }
        switch event.body {
        case .fullSnapshot(let d):
            if previousType != EventType.meta.rawValue { fail("FullSnapshot not preceded by Meta") }
            if !sanitized.isCheckout { fail("FullSnapshot not marked checkout") }
            guard case .dom(let root) = d.content else { return fail("not a DOM snapshot") }
            parent = [:]
            children = [:]
            register(root, under: nil)
            hasSnapshot = true
        case .incrementalSnapshot(let data):
            guard hasSnapshot else { return fail("incremental before snapshot") }
            checkIncremental(data)
        default:
            break
        }
    }

    private mutating func register(_ node: SerializedNode, under p: Int?) {
        if parent[node.id] != nil || children[node.id] != nil { fail("duplicate id \(node.id)") }
        if let p {
            parent[node.id] = p
            children[p, default: []].append(node.id)
        }
        children[node.id] = children[node.id] ?? []
        for c in node.childNodes { register(c, under: node.id) }
    }

    private func known(_ id: Int) -> Bool { children[id] != nil }

    private mutating func forget(_ id: Int) {
        for c in children[id] ?? [] { forget(c) }
        if let p = parent[id] { children[p]?.removeAll { $0 == id } }
        parent[id] = nil
        children[id] = nil
    }

    private mutating func checkIncremental(_ data: IncrementalData) {
        switch data {
        case .mutation(let m):
            for r in m.removes {
                guard known(r.id), known(r.parentId) else { fail("remove of unknown \(r.id) under \(r.parentId)"); continue }
                if parent[r.id] != r.parentId { fail("remove \(r.id): wrong parent") }
                forget(r.id)
            }
            for a in m.adds {
                guard known(a.parentId) else { fail("add \(a.node.id) under unknown \(a.parentId)"); continue }
                if let n = a.nextId, !known(n) { fail("add \(a.node.id) before unknown \(n)") }
                if known(a.node.id) { fail("add of known \(a.node.id)") }
                if !a.node.childNodes.isEmpty { fail("add \(a.node.id) is not flat") }
                register(a.node, under: a.parentId)
            }
            for t in m.texts where !known(t.id) { fail("text of unknown \(t.id)") }
            for a in m.attributes where !known(a.id) { fail("attributes of unknown \(a.id)") }
        case .pointerPositions(_, let d):
            for p in d.positions where !known(p.id) { fail("position on unknown \(p.id)") }
        case .mouseInteraction(let d): if !known(d.id) { fail("interaction on unknown \(d.id)") }
        case .scroll(let d): if !known(d.id) { fail("scroll of unknown \(d.id)") }
        case .input(let d): if !known(d.id) { fail("input on unknown \(d.id)") }
        case .mediaInteraction(let d): if !known(d.id) { fail("media on unknown \(d.id)") }
        case .selection(let d):
            for r in d.ranges where !known(r.start) || !known(r.end) { fail("selection on unknown node") }
        case .styleSheetRule(let d): if let id = d.id, !known(id) { fail("stylesheet of unknown \(id)") }
        case .styleDeclaration(let d): if let id = d.id, !known(id) { fail("style of unknown \(id)") }
        case .adoptedStyleSheet(let d): if !known(d.id) { fail("adopted sheet of unknown \(d.id)") }
        case .canvasMutation, .log, .unknown, .wireframeMutation: fail("unsanitized source \(data.sourceNumber)")
        default: break
        }
    }
}
