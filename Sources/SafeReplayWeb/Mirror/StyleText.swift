import SafeReplayModel

/// Applies rrweb's style attribute diffs (`{prop: value | [value, priority] | false}`) to
/// a `style` attribute string, so the mirror's copy stays current for resumed snapshots.
enum StyleText {
    static func apply(_ diff: JSONObject, to style: String) -> String {
        var declarations: [(property: String, value: String)] = style.split(separator: ";").compactMap { part in
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let property = part[..<colon].trimmingCharacters()
            guard !property.isEmpty else { return nil }
            return (property, part[part.index(after: colon)...].trimmingCharacters())
        }
        for member in diff.members {
            let value: String?
            switch member.value {
            case .string(let v): value = v
            case .array(let pair):
                let v = pair.first?.stringValue ?? ""
                let priority = pair.count > 1 ? pair[1].stringValue ?? "" : ""
                value = priority.isEmpty ? v : v + " !" + priority
            default: value = nil
            }
            declarations.removeAll { $0.property == member.key }
            if let value { declarations.append((member.key, value)) }
        }
        return declarations.map { $0.property + ": " + $0.value + ";" }.joined(separator: " ")
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
