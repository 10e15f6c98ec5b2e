import SafeReplayModel
import SafeReplayPolicy

/// Selector matching runs over the mirror itself (elements are slots), so matching
/// borrows the storage rather than copying it.
extension Mirror: SelectorSubject {
    func tagName(of element: Int32) -> String { tagName(element) }

    func parentElement(of element: Int32) -> Int32? {
        // A shadow root's children end the walk, as CSS selectors do not cross it.
        if fact(element).contains(.isShadow) { return nil }
        let p = parent(element)
        guard p != Mirror.none, isElement(p) else { return nil }
        return p
    }

    func attribute(_ name: String, of element: Int32) -> String? {
        stringAttribute(name, of: element)
    }

    func hasClass(_ name: String, _ element: Int32) -> Bool {
        guard let classes = stringAttribute("class", of: element) else { return false }
        for token in ClassTokens(classes) where token == name { return true }
        return false
    }
}

extension Mirror {
    /// A string attribute's value, `""` for a boolean attribute that is set.
    /// Names compare as HTML's do, ignoring ASCII case (`NAME="csrf-token"`); `name` is lower-case.
    func stringAttribute(_ name: String, of s: Int32) -> String? {
        for entry in attributes[Int(s)].entries where entry.name == name || Self.foldedEqual(entry.name, name) {
            return Self.stringValue(entry.value)
        }
        return nil
    }

    /// `name` equals the lower-case `lower` once ASCII upper-case letters are folded.
    static func foldedEqual(_ name: String, _ lower: String) -> Bool {
        guard name.utf8.count == lower.utf8.count else { return false }
        if let equal = name.utf8.withContiguousStorageIfAvailable({ a in
            lower.utf8.withContiguousStorageIfAvailable { b -> Bool in
                for i in 0..<a.count where folded(a[i]) != b[i] { return false }
                return true
            }
        }), let equal {
            return equal
        }
        return name.utf8.elementsEqual(lower.utf8) { a, b in folded(a) == b }
    }

    static func stringValue(_ value: AttributeValue) -> String? {
        switch value {
        case .string(let v): return v
        case .bool(true): return ""
        case .number(let n): return n.description
        default: return nil
        }
    }

    func hasAttribute(_ name: String, of s: Int32) -> Bool { stringAttribute(name, of: s) != nil }

    /// The attributes the hard floor reads (see ``ElementScan``).
    struct RuleAttributes {
        var id: String?
        var classes: String?
        var type: String?
        var autocomplete: String?
        var contentEditable: String?
        var sensitive = false
    }

    /// `name == lower`, ignoring ASCII case; `lower` is lower-case and of the same length.
    @inline(__always)
    static func named(_ name: String, _ lower: StaticString) -> Bool {
        let l = lower.utf8Start
        // Over the bytes in place: the UTF-8 view's iterator cost about 40 instructions a byte.
        if let equal = name.utf8.withContiguousStorageIfAvailable({ b -> Bool in
            for i in 0..<b.count where Self.folded(b[i]) != l[i] { return false }
            return true
        }) {
            return equal
        }
        var i = 0
        for b in name.utf8 {
            guard folded(b) == l[i] else { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    static func folded(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
}
