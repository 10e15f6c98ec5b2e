import SafeReplayModel
import SafeReplayPolicy

/// Selector matching over the mirror: elements are slots.
struct MirrorSelectorSubject: SelectorSubject {
    let mirror: Mirror

    func tagName(of element: Int32) -> String { mirror.tagName(element) }

    func parentElement(of element: Int32) -> Int32? {
        // A shadow root's children end the walk, as CSS selectors do not cross it.
        if mirror.fact(element).contains(.isShadow) { return nil }
        let p = mirror.parent(element)
        guard p != Mirror.none, mirror.isElement(p) else { return nil }
        return p
    }

    func attribute(_ name: String, of element: Int32) -> String? {
        mirror.stringAttribute(name, of: element)
    }
}

extension Mirror {
    /// A string attribute's value, `""` for a boolean attribute that is set.
    func stringAttribute(_ name: String, of s: Int32) -> String? {
        for entry in attributes[Int(s)].entries where entry.name == name {
            switch entry.value {
            case .string(let v): return v
            case .bool(true): return ""
            case .number(let n): return n.description
            default: return nil
            }
        }
        return nil
    }

    func hasAttribute(_ name: String, of s: Int32) -> Bool { stringAttribute(name, of: s) != nil }
}
