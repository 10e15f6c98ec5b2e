/// A short, value-free selector path for an element (`form#checkout > input[name=email]`):
/// the subject of field drift alerts and interaction-log targets.
///
/// Up to four levels; ids and field names only when they hold no digit (generated ids
/// would make every page a new subject) and no detector flags them; never classes,
/// never values.
enum SelectorPath {
    static let depth = 4

    static func of(_ s: Int32, in mirror: Mirror, guardrail: TextGuard) -> String {
        var pieces: [String] = []
        var e = mirror.elementOrParent(s)
        while e != Mirror.none && pieces.count < depth {
            guard mirror.isElement(e) else { break }
            var piece = mirror.tagName(e)
            if let id = mirror.stringAttribute("id", of: e), isStable(id, guardrail) { piece += "#" + id }
            if pieces.isEmpty {
                if let name = mirror.stringAttribute("name", of: e), isStable(name, guardrail) { piece += "[name=" + name + "]" }
                if mirror.knownTag(e) == .input, let type = mirror.stringAttribute("type", of: e), isStable(type, guardrail) {
                    piece += "[type=" + type.lowercased() + "]"
                }
            }
            pieces.append(piece)
            e = mirror.parent(e)
        }
        return pieces.reversed().joined(separator: " > ")
    }

    private static func isStable(_ value: String, _ guardrail: TextGuard) -> Bool {
        !value.isEmpty && value.utf8.count <= 40
            && value.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D || $0 == 0x5F }
            && !guardrail.containsPII(value)
    }
}
