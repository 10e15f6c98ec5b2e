import SafeReplayModel

/// What the rules read from one element's attributes, gathered in one pass over them.
///
/// The named attributes are the last entry whose name folds to it, as the hard floor has
/// always read them; selector keys follow selector semantics (the first such entry).
struct ElementScan {
    var idEntry: Int32 = -1
    var classEntry: Int32 = -1
    var typeEntry: Int32 = -1
    var autocompleteEntry: Int32 = -1
    var contentEditableEntry: Int32 = -1
    var sensitive = false
    /// The element's key word (``Mirror/keys``).
    var keys: UInt64 = 0
    /// The id table's index of the element's id (from `idEntry`), or -1.
    var idIndex: Int32 = -1

    /// The string value of entry `entry` of `s` (`nil` when absent or not a string).
    @inline(__always)
    static func value(_ entry: Int32, of s: Int32, in mirror: Mirror) -> String? {
        entry < 0 ? nil : Mirror.stringValue(mirror.attributes[Int(s)].entries[Int(entry)].value)
    }

    /// The attributes the hard floor reads, as strings.
    func ruleAttributes(of s: Int32, in mirror: Mirror) -> Mirror.RuleAttributes {
        Mirror.RuleAttributes(
            id: Self.value(idEntry, of: s, in: mirror), classes: Self.value(classEntry, of: s, in: mirror),
            type: Self.value(typeEntry, of: s, in: mirror), autocomplete: Self.value(autocompleteEntry, of: s, in: mirror),
            contentEditable: Self.value(contentEditableEntry, of: s, in: mirror), sensitive: sensitive)
    }
}

extension SelectorMatcher {
    /// Scans element `s`: its named attributes, its key word (stored in the mirror) and,
    /// in ``tokenClasses``, the class-table index of each token of its `class` (for the
    /// rule buckets, in token order).
    func scan(_ s: Int32, in mirror: Mirror) -> ElementScan {
        var r = ElementScan()
        var firstId: Int32 = -1
        var firstClass: Int32 = -1
        var seen: UInt64 = 0
        let readsNames = attributeNames.count > 0
        let entries = mirror.attributes[Int(s)].entries
        for e in entries.indices {
            let n = entries[e].name
            let i = Int32(e)
            switch n.utf8.count {
            case 2 where Mirror.named(n, "id"):
                r.idEntry = i
                if firstId < 0 { firstId = i }
            case 4 where Mirror.named(n, "type"): r.typeEntry = i
            case 5 where Mirror.named(n, "class"):
                r.classEntry = i
                if firstClass < 0 { firstClass = i }
            case 12 where Mirror.named(n, "autocomplete"): r.autocompleteEntry = i
            case 15 where Mirror.named(n, "contenteditable"): r.contentEditableEntry = i
            case 17 where Mirror.named(n, "data-sr-sensitive"): r.sensitive = r.sensitive || Self.hasStringValue(entries[e].value)
            default: break
            }
            if readsNames { attributeKey(n, entries[e].value, seen: &seen, keys: &r.keys) }
        }
        // Ids and classes: the selector's reading (the first entry) sets the key bits, the
        // hard floor's (the last) picks the rule buckets; they are one entry in practice.
        if firstId >= 0, let id = Mirror.stringValue(entries[Int(firstId)].value), let k = ids.index(ofString: id) {
            r.keys |= idBits[Int(k)]
            if r.idEntry == firstId { r.idIndex = k }
        }
        if r.idEntry >= 0 && r.idEntry != firstId, let id = Mirror.stringValue(entries[Int(r.idEntry)].value) {
            r.idIndex = ids.index(ofString: id) ?? -1
        }
        if !tokenClasses.isEmpty { tokenClasses.removeAll(keepingCapacity: true) }
        if firstClass >= 0, let classes = Mirror.stringValue(entries[Int(firstClass)].value) {
            let record = r.classEntry == firstClass
            forEachClassIndex(classes) { k in
                r.keys |= classBits[Int(k)]
                if record { tokenClasses.append(k) }
            }
        }
        if r.classEntry >= 0 && r.classEntry != firstClass, let classes = Mirror.stringValue(entries[Int(r.classEntry)].value) {
            forEachClassIndex(classes) { tokenClasses.append($0) }
        }
        mirror.keys[Int(s)] = r.keys
        return r
    }

    /// Calls `body` with the class-table index of each whitespace-separated token of
    /// `classes` that names a class the rules mention, in order (repeats included).
    @inline(__always)
    private func forEachClassIndex(_ classes: String, _ body: (Int32) -> Void) {
        guard classNames.count > 0 else { return }
        let done: Void? = classes.utf8.withContiguousStorageIfAvailable { utf8 in
            var i = 0
            let n = utf8.count
            while true {
                while i < n, ClassTokens.isSpace(utf8[i]) { i += 1 }
                if i == n { return }
                var j = i + 1
                while j < n, !ClassTokens.isSpace(utf8[j]) { j += 1 }
                let token = UnsafeBufferPointer(rebasing: utf8[i..<j])
                if let k = classNames.index(ofBytes: token, text: String(decoding: token, as: UTF8.self)) { body(k) }
                i = j
            }
        }
        if done == nil {
            for token in ClassTokens(classes) { if let k = classNames.index(ofString: String(token)) { body(k) } }
        }
    }

    /// Sets the key bit of each rule attribute name that `name` matches, for the first
    /// entry of that name only (as `stringAttribute` reads), when its value is a string.
    @inline(__always)
    private func attributeKey(_ name: String, _ value: AttributeValue, seen: inout UInt64, keys: inout UInt64) {
        @inline(__always) func mark(_ k: Int) {
            let bit = attributeBits[k]
            guard bit != 0, seen & bit == 0 else { return }
            seen |= bit
            if Self.hasStringValue(value) { keys |= bit }
        }
        if attributeNames.foldsExactly {
            let found: Int32? = name.utf8.withContiguousStorageIfAvailable { utf8 in
                NameTable.isASCII(utf8) ? attributeNames.foldedIndex(ofASCII: utf8) ?? -1 : -2
            }
            if let found, found != -2 {
                if found >= 0 { mark(Int(found)) }
                return
            }
        }
        for (k, ruleName) in attributeNames.names.enumerated() where name == ruleName || Mirror.foldedEqual(name, ruleName) { mark(k) }
    }

    /// Whether `Mirror.stringValue(value)` is not `nil`, without making the string.
    @inline(__always)
    static func hasStringValue(_ value: AttributeValue) -> Bool {
        switch value {
        case .string, .bool(true), .number: return true
        default: return false
        }
    }
}
