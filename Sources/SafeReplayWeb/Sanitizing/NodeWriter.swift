import SafeReplayModel

/// Writes sanitized serialized nodes straight from the mirror into JSON, in rrweb's
/// shape and key order, marking each written node as known to the player.
///
/// Writing from the mirror (rather than from the raw event) makes a resumed recording's
/// snapshot, a recorder's snapshot and a mutation's adds one code path.
struct NodeWriter {
    let content: ContentSanitizer
    let mode: ContentSanitizer.Mode

    /// Writes `top` with its emitted descendants (a snapshot), without recursion.
    func writeTree(_ top: Int32, mirror: Mirror, audit: inout AuditCounters, into w: JSONBytes) {
        var s = top
        var first = true
        while true {
            let hasChildren = open(s, after: !first, flat: false, mirror: mirror, audit: &audit, into: w)
            if hasChildren, let child = firstEmitted(after: Mirror.none, under: s, in: mirror) {
                s = child
                first = true
                continue
            }
            // Close `s` and every ancestor whose last emitted child it was.
            while true {
                close(s, mirror: mirror, into: w)
                if s == top { return }
                let parent = mirror.parent(s)
                if let next = firstEmitted(after: s, under: parent, in: mirror) {
                    s = next
                    first = false
                    break
                }
                s = parent
            }
        }
    }

    /// One node without its children, as a mutation add carries it (children come as
    /// their own adds): `"childNodes":[]` for containers.
    func writeFlat(_ s: Int32, mirror: Mirror, audit: inout AuditCounters, into w: JSONBytes) {
        _ = open(s, after: false, flat: true, mirror: mirror, audit: &audit, into: w)
        close(s, mirror: mirror, into: w)
    }

    /// Calls `body` with each attribute an emitted element keeps, sanitized.
    @inline(__always)
    func forEachKeptAttribute(of s: Int32, state st: NodeState, mirror: Mirror, audit: inout AuditCounters, _ body: (String, AttributeValue) -> Void) {
        if st.contains(.placeholder) {
            audit.block(mirror.extra(s)?.verdictReason ?? "rule")
            for entry in mirror.attributes[Int(s)].entries where Self.placeholderKeeps(entry) { body(entry.name, entry.value) }
            return
        }
        for entry in mirror.attributes[Int(s)].entries {
            if let value = content.attribute(entry.name, entry.value, of: s, state: st, in: mirror, mode: mode, audit: &audit) {
                body(entry.name, value)
            }
        }
    }

    /// The attributes of an emitted element, sanitized: what `forEachKeptAttribute` gives,
    /// written. Outside placeholders, small plain ones that remembered answers keep are
    /// written from their words where they lie: no copy of the entry, no call.
    private func writeAttributes(of s: Int32, state st: NodeState, mirror: Mirror, audit: inout AuditCounters, into w: JSONBytes) {
        var first = true
        // `attribute` does not change the mirror's attributes: the entries stay where they lie.
        guard let stringTag = content.entryStringTag, !st.contains(.placeholder), let entries = mirror.entriesInPlace(of: s) else {
            writeKeptAttributes(of: s, state: st, mirror: mirror, audit: &audit, into: w)
            return
        }
        guard let start = entries.baseAddress else { return }
        for i in 0..<entries.count {
            if let words = EntryWords.read(start + i, stringTag: stringTag),
               content.keepsSmallPlain(name: words.name, text: words.text) {
                w.smallPlainPair(words.name, words.text, after: !first)
                first = false
                continue
            }
            let entry = entries[i]
            if let value = content.attribute(entry.name, entry.value, of: s, state: st, in: mirror, mode: mode, audit: &audit) {
                w.member(entry.name, value, after: !first)
                first = false
            }
        }
    }

    /// `forEachKeptAttribute`'s attributes, written (placeholders, and entries not laid
    /// out as ``EntryWords`` reads them). Out of line: the common path stays small.
    @inline(never)
    private func writeKeptAttributes(of s: Int32, state st: NodeState, mirror: Mirror, audit: inout AuditCounters, into w: JSONBytes) {
        var first = true
        forEachKeptAttribute(of: s, state: st, mirror: mirror, audit: &audit) { name, value in
            w.member(name, value, after: !first)
            first = false
        }
    }

    /// Whether the player gets `child` when its parent is emitted.
    @inline(__always)
    static func isEmitted(_ child: Int32, in mirror: Mirror) -> Bool {
        !mirror.state(child).contains(.dropped)
    }

    /// The first child of `parent` after `previous` (`none`: from the start) that is emitted.
    @inline(__always)
    func firstEmitted(after previous: Int32, under parent: Int32, in mirror: Mirror) -> Int32? {
        var c = previous == Mirror.none ? mirror.firstChild(parent) : mirror.nextSibling(previous)
        while c != Mirror.none {
            if Self.isEmitted(c, in: mirror) { return c }
            c = mirror.nextSibling(c)
        }
        return nil
    }

    /// Writes the node's opening part (after a comma when it follows a sibling); for
    /// containers up to the open `childNodes` array. Returns whether its children follow.
    /// The bytes are those `JSONWriter` writes for the same keys and values.
    /// `flat`: a mutation add, which does not count the children it leaves out.
    private func open(_ s: Int32, after sibling: Bool, flat: Bool, mirror: Mirror, audit: inout AuditCounters, into w: JSONBytes) -> Bool {
        mirror.updateState(s) { $0.insert(.emitted) }
        let st = mirror.state(s)
        if sibling { w.byte(UInt8(ascii: ",")) }
        switch mirror.kind(s) {
        case .document:
            w.literal(#"{"type":0,"childNodes":["#)
            return true
        case .documentType:
            let doctype = mirror.extra(s)?.doctype ?? (name: "html", publicId: "", systemId: "")
            w.literal(#"{"type":1,"name":"#)
            w.string(doctype.name)
            w.literal(#","publicId":"#)
            w.string(doctype.publicId)
            w.literal(#","systemId":"#)
            w.string(doctype.systemId)
            return false
        case .element:
            w.literal(#"{"type":2,"tagName":"#)
            // From the name's words where they lie (a copy of the name retained it for the call).
            let words = mirror.tagTable.plainNameWords(mirror.tag(s))
            if words.1 != 0 { w.smallPlainString(words: words) } else { w.string(mirror.tagName(s)) }
            w.literal(#","attributes":{"#)
            writeAttributes(of: s, state: st, mirror: mirror, audit: &audit, into: w)
            w.literal(#"},"childNodes":["#)
            if !flat && st.contains(.childless) && mirror.firstChild(s) != Mirror.none { audit.drop("content:" + mirror.tagName(s)) }
            return st.emitsChildren
        case .text:
            let parent = mirror.parent(s)
            let isStyle = mirror.fact(s).contains(.isStyleText)
            let text = content.text(mirror.texts[Int(s)], parent: parent, state: st, isStyle: isStyle, in: mirror, mode: mode, audit: &audit)
            w.literal(#"{"type":3,"textContent":"#)
            w.string(text)
            if isStyle { w.literal(#","isStyle":true"#) }
            return false
        case .cdata, .comment:
            // Comments can carry server-side data (`<!-- user 42 -->`); the player needs none.
            if !mirror.texts[Int(s)].isEmpty { audit.drop(.comment) }
            w.literal(mirror.kind(s) == .cdata ? #"{"type":4,"textContent":"""# : #"{"type":5,"textContent":"""#)
            return false
        }
    }

    private func close(_ s: Int32, mirror: Mirror, into w: JSONBytes) {
        let kind = mirror.kind(s)
        let facts = mirror.fact(s)
        if kind == .document || kind == .element { w.byte(UInt8(ascii: "]")) }
        // Most nodes have no facts: the rare fields' tests (and the copy of the extras they
        // read) are skipped in one.
        if !facts.isEmpty { closeRareFields(s, kind: kind, facts: facts, mirror: mirror, into: w) }
        w.idMemberAndEnd(mirror.id(s))
    }

    /// The fields between a node's children and its id that few nodes have.
    @inline(never)
    private func closeRareFields(_ s: Int32, kind: NodeType, facts: NodeFacts, mirror: Mirror, into w: JSONBytes) {
        let extras = mirror.extra(s)
        switch kind {
        case .document:
            if let compatMode = extras?.compatMode {
                w.literal(#","compatMode":"#)
                w.string(compatMode)
            }
        case .element:
            if facts.contains(.isSVG) { w.literal(#","isSVG":true"#) }
            if facts.contains(.isCustom) { w.literal(#","isCustom":true"#) }
        default:
            break
        }
        if let rootId = extras?.rootId {
            w.literal(#","rootId":"#)
            w.int(rootId)
        }
        if facts.contains(.isShadowHost) { w.literal(#","isShadowHost":true"#) }
        if facts.contains(.isShadow) { w.literal(#","isShadow":true"#) }
    }

    /// A blocked element keeps only its size: rrweb's `rr_width`/`rr_height`, and plain
    /// numeric `width`/`height`. No class: class names can carry data too.
    static func placeholderKeeps(_ entry: Attributes.Entry) -> Bool {
        guard isSizeName(entry.name) else { return false }
        if case .string(let v) = entry.value { return isDimension(v) }
        if case .number = entry.value { return true }
        return false
    }

    static func isSizeName(_ name: String) -> Bool {
        switch name {
        case "rr_width", "rr_height", "width", "height": return true
        default: return false
        }
    }

    static func isDimension(_ v: String) -> Bool {
        !v.isEmpty && v.utf8.count <= 16 && v.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "p") || $0 == UInt8(ascii: "x") }
    }
}
