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
        tokenClassCount = 0
        // The entries are read where they lie: names and class values by their words when
        // remembered answers know them (copying an entry out retained its strings).
        if let entries = mirror.entriesInPlace(of: s) {
            if let base = entries.baseAddress { scan(base, count: entries.count, into: &r) }
        } else {
            mirror.attributes[Int(s)].entries.withUnsafeBufferPointer { entries in
                guard let base = entries.baseAddress else { return }
                scan(base, count: entries.count, into: &r)
            }
        }
        mirror.setKeys(s, r.keys)
        return r
    }

    @inline(__always)
    private func scan(_ entries: UnsafePointer<Attributes.Entry>, count: Int, into r: inout ElementScan) {
        var firstId: Int32 = -1
        var firstClass: Int32 = -1
        var seen: UInt64 = 0
        let readsNames = attributeNames.count > 0
        let stringTag = entryStringTag
        /// Whether the value of entry `e` has a string form (`hasStringValue`), from its tag
        /// when it is a string.
        func hasStringValue(_ e: Int) -> Bool {
            if let stringTag, EntryWords.holdsString(entries + e, stringTag: stringTag) { return true }
            return Self.hasStringValue(entries[e].value)
        }
        for e in 0..<count {
            let i = Int32(e)
            var facts: UInt64
            if stringTag != nil, let remembered = nameFactsSeen.value(words: EntryWords.name(entries + e)) {
                facts = remembered
            } else {
                facts = nameFacts(entries[e].name, readsNames: readsNames)
            }
            switch facts & Self.roleMask {
            case Self.idRole:
                r.idEntry = i
                if firstId < 0 { firstId = i }
            case Self.typeRole: r.typeEntry = i
            case Self.classRole:
                r.classEntry = i
                if firstClass < 0 { firstClass = i }
            case Self.autocompleteRole: r.autocompleteEntry = i
            case Self.contentEditableRole: r.contentEditableEntry = i
            case Self.sensitiveRole: r.sensitive = r.sensitive || hasStringValue(e)
            default: break
            }
            guard readsNames else { continue }
            if facts & Self.generalNameLookup != 0 {
                attributeKey(entries[e].name, entries[e].value, seen: &seen, keys: &r.keys)
            } else if facts >> 8 != 0 {
                mark(Int(facts >> 8) - 1, hasString: hasStringValue(e), seen: &seen, keys: &r.keys)
            }
        }
        // Ids and classes: the selector's reading (the first entry) sets the key bits, the
        // hard floor's (the last) picks the rule buckets; they are one entry in practice.
        if firstId >= 0 || r.idEntry >= 0 { scanIds(entries, first: firstId, into: &r) }
        if firstClass >= 0 {
            let record = r.classEntry == firstClass
            let first = entries + Int(firstClass)
            if let stringTag, classNames.count > 0, EntryWords.holdsString(first, stringTag: stringTag),
               let packed = classIndicesSeen.value(words: EntryWords.text(first)) {
                forEachPackedClassIndex(packed) { k in
                    r.keys |= classBits[Int(k)]
                    if record { recordTokenClass(k) }
                }
            } else if let classes = Mirror.stringValue(first.pointee.value) {
                forEachRememberedClassIndex(classes) { k in
                    r.keys |= classBits[Int(k)]
                    if record { recordTokenClass(k) }
                }
            }
        }
        if r.classEntry >= 0 && r.classEntry != firstClass, let classes = Mirror.stringValue(entries[Int(r.classEntry)].value) {
            forEachRememberedClassIndex(classes) { recordTokenClass($0) }
        }
    }

    /// The id's key bit and the id table's index of the element's id (out of line: most
    /// elements have none, and the scan's loop stays small enough to be compiled tight).
    @inline(never)
    private func scanIds(_ entries: UnsafePointer<Attributes.Entry>, first firstId: Int32, into r: inout ElementScan) {
        if firstId >= 0, let id = Mirror.stringValue(entries[Int(firstId)].value), let k = ids.index(ofString: id) {
            r.keys |= idBits[Int(k)]
            if r.idEntry == firstId { r.idIndex = k }
        }
        if r.idEntry >= 0 && r.idEntry != firstId, let id = Mirror.stringValue(entries[Int(r.idEntry)].value) {
            r.idIndex = ids.index(ofString: id) ?? -1
        }
    }

    // What a name means to `scan`, packed in a word: its role (the low byte), then its
    // attribute-table index + 1 (0: none), or `generalNameLookup` when only the general
    // path (`attributeKey`) can tell.
    static let roleMask: UInt64 = 0xFF
    static let idRole: UInt64 = 1
    static let typeRole: UInt64 = 2
    static let classRole: UInt64 = 3
    static let autocompleteRole: UInt64 = 4
    static let contentEditableRole: UInt64 = 5
    static let sensitiveRole: UInt64 = 6
    static let generalNameLookup: UInt64 = 1 << 63

    /// The packed facts of attribute name `n`, remembered for short names (`scan` looks a
    /// remembered answer up itself first).
    @inline(never)
    private func nameFacts(_ n: String, readsNames: Bool) -> UInt64 {
        if let facts = nameFactsSeen.value(for: n) { return facts }
        var facts: UInt64
        switch n.utf8.count {
        case 2 where Mirror.named(n, "id"): facts = Self.idRole
        case 4 where Mirror.named(n, "type"): facts = Self.typeRole
        case 5 where Mirror.named(n, "class"): facts = Self.classRole
        case 12 where Mirror.named(n, "autocomplete"): facts = Self.autocompleteRole
        case 15 where Mirror.named(n, "contenteditable"): facts = Self.contentEditableRole
        case 17 where Mirror.named(n, "data-sr-sensitive"): facts = Self.sensitiveRole
        default: facts = 0
        }
        if readsNames {
            let found: Int32? = attributeNames.foldsExactly
                ? n.utf8.withContiguousStorageIfAvailable { utf8 in NameTable.isASCII(utf8) ? attributeNames.foldedIndex(ofASCII: utf8) ?? -1 : nil } ?? nil
                : nil
            if let found {
                if found >= 0 { facts |= UInt64(found + 1) << 8 }
            } else {
                facts |= Self.generalNameLookup
            }
        }
        nameFactsSeen.store(facts, for: n)
        return facts
    }

    /// `forEachClassIndex`, remembered for short values with at most three such tokens
    /// (their indices packed 16 bits each, the count above them).
    @inline(__always)
    private func forEachRememberedClassIndex(_ classes: String, _ body: (Int32) -> Void) {
        guard classNames.count > 0 else { return }
        if let packed = classIndicesSeen.value(for: classes) {
            forEachPackedClassIndex(packed, body)
            return
        }
        var packed: UInt64 = 0
        var n = 0
        var fits = true
        forEachClassIndex(classes) { k in
            body(k)
            if n < 3 && k < 0xFFFF {
                packed |= UInt64(k) << UInt64(16 * n)
                n += 1
            } else {
                fits = false
            }
        }
        if fits { classIndicesSeen.store(packed | UInt64(n) << 48, for: classes) }
    }

    /// Calls `body` with each index of a remembered `class` value's packed answer.
    @inline(__always)
    private func forEachPackedClassIndex(_ packed: UInt64, _ body: (Int32) -> Void) {
        for t in 0..<Int(packed >> 48) { body(Int32(truncatingIfNeeded: (packed >> UInt64(16 * t)) & 0xFFFF)) }
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
    @inline(never)
    private func attributeKey(_ name: String, _ value: AttributeValue, seen: inout UInt64, keys: inout UInt64) {
        @inline(__always) func mark(_ k: Int) { self.mark(k, hasString: Self.hasStringValue(value), seen: &seen, keys: &keys) }
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

    /// Sets the key bit of rule attribute name `k` for the first entry of that name, when
    /// its value has a string form (`hasString`, asked only then).
    @inline(__always)
    private func mark(_ k: Int, hasString: @autoclosure () -> Bool, seen: inout UInt64, keys: inout UInt64) {
        let bit = attributeBits[k]
        guard bit != 0, seen & bit == 0 else { return }
        seen |= bit
        if hasString() { keys |= bit }
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
