// Query, fragment and `;` parameters, and the fragment forms (hash route, list, segment).
extension URLScan {
    /// Appends the parameters of `s[start..<end]` (split on `&` and `;`, or on `separator`),
    /// each kept one preceded by `lead` (first) or the separator. With `emptyKeepsLead`, an
    /// empty list that was empty to begin with keeps its lead (`/a?`).
    mutating func parameters(
        _ start: Int, _ end: Int, lead: UInt8?, plusIsSpace: Bool, emptyKeepsLead: Bool, separator: UInt8? = nil
    ) {
        if start == end {
            if emptyKeepsLead, let lead { out.append(lead) }
            return
        }
        var first = true
        var i = start
        while i <= end {
            let j = s.firstIndex(of: separator ?? ASCII.ampersand, or: separator ?? ASCII.semicolon, from: i, to: end)
            if j > i {
                let mark = out.count
                if !first {
                    out.append(separator ?? ASCII.ampersand)
                } else if let lead {
                    out.append(lead)
                }
                if parameter(i, j, plusIsSpace: plusIsSpace) {
                    first = false
                } else {
                    out.truncate(to: mark)
                }
            }
            i = j + 1
        }
    }

    /// Appends one `name[=value]`; false when the parameter is removed.
    mutating func parameter(_ start: Int, _ end: Int, plusIsSpace: Bool) -> Bool {
        let f = facts(start, end, stopAtEquals: true, folding: names)
        let eq = f.end
        guard eq > start else { return false }  // `=value` with no name: nothing to label it
        // A name holding `/` is a path in disguise (`#x=1&/orders/12`); it has no place here.
        if f.hasSlash { return false }

        var name = UnsafeBufferPointer(rebasing: s[start..<eq])
        if f.hasPercent || (plusIsSpace && f.hasPlus) {
            name = decoded(start, eq, plusIsSpace: plusIsSpace)
            CredentialNames.fold(name, with: t.fold, into: names)
        }
        if CredentialNames.isCredential(folded: names, count: name.count) { return false }
        let allowed = t.allowed.contains(name)
        // A name that is itself an identifier (`?jane@example.com`, `?8f14e45f…`).
        if !allowed {
            let quick = quickTemplate(eq - start, f, structural: true, plusIsSpace: plusIsSpace)
            if quick == .id { return false }
            if quick == nil, template(start, eq, f, structural: true, plusIsSpace: plusIsSpace) != .keep { return false }
        }

        appendKept(start, eq, f)
        guard eq < end else { return true }
        out.append(ASCII.equals)
        guard eq + 1 < end else { return true }
        if allowed {
            text(eq + 1, end, structural: false, plusIsSpace: plusIsSpace)
        } else {
            out.append(ASCII.underscore)
        }
        return true
    }


    /// The fragment after `#`: a hash route, a parameter list or one segment.
    mutating func fragment(_ start: Int, _ end: Int) {
        guard start < end else {
            out.append(ASCII.hash)
            return
        }
        var p = start
        let bangRoute = s[p] == ASCII.bang && p + 1 < end && isSlash(s[p + 1])
        if bangRoute || isSlash(s[p]) {
            // A hash route: `#/orders/123?tab=items`, `#!/orders/123`.
            out.append(ASCII.hash)
            if bangRoute {
                out.append(ASCII.bang)
                p += 1
            }
            let pathEnd = path(p, end, stopAtQuery: true)
            if pathEnd < end {
                parameters(pathEnd + 1, end, lead: ASCII.question, plusIsSpace: true, emptyKeepsLead: true)
            }
            return
        }
        for i in p..<end where s[i] == ASCII.equals || s[i] == ASCII.ampersand {
            // `#access_token=…&token_type=bearer&state=…` (OAuth implicit flow), `#:~:text=…`.
            parameters(p, end, lead: ASCII.hash, plusIsSpace: true, emptyKeepsLead: false)
            return
        }
        out.append(ASCII.hash)
        text(p, end, structural: true, plusIsSpace: false)
    }
}
