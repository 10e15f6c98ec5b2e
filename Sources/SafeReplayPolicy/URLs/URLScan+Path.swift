// Path segments: templated, kept as written, or (with `;` and `=`) parameter lists.
extension URLScan {
    /// Appends the templated path `s[start..<limit]`, which ends early at a `?` or `#` if
    /// asked; returns where it ended.
    @discardableResult
    mutating func path(_ start: Int, _ limit: Int, stopAtQuery: Bool = false, stopAtFragment: Bool = false) -> Int {
        var end = limit
        if !c.keepPaths.isEmpty {
            // `keepPaths` look at the whole path first.
            var e = start
            while e < limit, !(stopAtQuery && s[e] == ASCII.question), !(stopAtFragment && s[e] == ASCII.hash) { e += 1 }
            end = e
        }
        guard start < end else { return start }
        let structural = c.keepPaths.isEmpty || !matchesKeepPath(start, end)
        var i = start
        while true {
            // One pass finds the segment's end, its first `;` and any `=` before it, and
            // learns the segment's facts on the way (used when it has no `;`).
            var j = i
            var semi = -1
            var hasEquals = false
            var bits: UInt16 = 0
            var digits = 0
            while j < end {
                let b = s[j]
                let k = classes[Int(b)]
                if k & URLByteClass.pathDelimiter == 0 {
                    bits |= k
                    digits &+= Int(k & URLByteClass.digit)
                    j += 1
                    continue
                }
                if isSlash(b) { break }
                if (stopAtQuery && b == ASCII.question) || (stopAtFragment && b == ASCII.hash) {
                    end = j
                    break
                }
                if b == ASCII.semicolon {
                    if semi < 0 { semi = j }
                } else if b == ASCII.equals, semi < 0 {
                    hasEquals = true
                }
                bits |= k
                j += 1
            }
            if semi < 0, !hasEquals {
                text(i, j, structural: structural, plusIsSpace: false, known: TextFacts(end: j, bits: bits, digits: digits))
            } else {
                segment(i, semi < 0 ? j : semi, j, hasEquals: hasEquals, structural: structural)
            }
            guard j < end else { break }
            out.append(ASCII.slash)
            i = j + 1
        }
        return end
    }

    /// One path segment `s[start..<end]`: its text up to `semi` (templated) and its `;`
    /// parameters.
    mutating func segment(_ start: Int, _ semi: Int, _ end: Int, hasEquals: Bool, structural: Bool) {
        if hasEquals {
            // `/a=1&token=x` (and hash routes like `#/cb&access_token=…`): a parameter list,
            // unless the segment as a whole is an identifier.
            let kind = classify(decoded(start, semi, plusIsSpace: false), structural: structural)
            if !kind.write(into: &out) {
                parameters(start, semi, lead: nil, plusIsSpace: false, emptyKeepsLead: false)
            }
        } else {
            text(start, semi, structural: structural, plusIsSpace: false)
        }
        if semi < end, !templateOnly {
            parameters(semi + 1, end, lead: ASCII.semicolon, plusIsSpace: false, emptyKeepsLead: false, separator: ASCII.semicolon)
        }
    }

    /// Appends `s[start..<end]` as written (escaped) or as its template; `known` are its
    /// facts when the caller already learned them.
    @inline(__always)
    mutating func text(_ start: Int, _ end: Int, structural: Bool, plusIsSpace: Bool, known: TextFacts? = nil) {
        let n = end - start
        guard n > 0 else { return }
        let f = known ?? facts(start, end, stopAtEquals: false)
        switch quickTemplate(n, f, structural: structural, plusIsSpace: plusIsSpace) {
        case .id?: out.append(":id")
        case .keep?: appendKept(start, end, f)
        default: templatedText(start, end, f, structural: structural, plusIsSpace: plusIsSpace)
        }
    }

    /// The common cases of `template`, decided from the facts of `n > 0` bytes alone: a
    /// number (`:id`), and a short word or slug that no rule or detector could flag (nothing
    /// to decode, no `@` or `:`, under 16 bytes, fewer than four digits); nil otherwise.
    @inline(__always)
    func quickTemplate(_ n: Int, _ f: TextFacts, structural: Bool, plusIsSpace: Bool) -> SegmentTemplate? {
        if structural, f.digits == n { return .id }
        let decodes = URLByteClass.percent | (plusIsSpace ? URLByteClass.plus : 0)
        if n < 16, f.bits & (decodes | URLByteClass.at | URLByteClass.colon) == 0, f.digits < 4 || !t.hasDetector {
            return .keep
        }
        return nil
    }

    /// The rest of `text`: the segment rules and the detectors.
    mutating func templatedText(_ start: Int, _ end: Int, _ f: TextFacts, structural: Bool, plusIsSpace: Bool) {
        if !template(start, end, f, structural: structural, plusIsSpace: plusIsSpace).write(into: &out) {
            appendKept(start, end, f)
        }
    }

    /// What `s[start..<end]` holds, learned in one pass (which stops at `=` if asked).
    struct TextFacts {
        var end: Int
        /// The union of the bytes' `URLByteClass` bits, kept as one word: the path loop
        /// hands it over per segment, and unpacking it into flags there cost more than the
        /// tests below.
        var bits: UInt16
        var digits: Int

        var hasAt: Bool { bits & URLByteClass.at != 0 }
        var hasColon: Bool { bits & URLByteClass.colon != 0 }
        var hasPercent: Bool { bits & URLByteClass.percent != 0 }
        var hasPlus: Bool { bits & URLByteClass.plus != 0 }
        var hasSlash: Bool { bits & URLByteClass.slash != 0 }
        /// Anything but lower-case letters, digits, `-`, `.`, `@`, `:` and `%` (see
        /// `SegmentClassifier.structuralClass`).
        var nonPlain: Bool { bits & URLByteClass.nonPlain != 0 }
        /// Bytes that are escaped on output.
        var dirty: Bool { bits & URLByteClass.dirty != 0 }
    }

    /// The facts of `s[start..<end]` (up to the first `=` if asked). With `folding`, the
    /// bytes are also written there through `t.fold` (a parameter name, for
    /// `CredentialNames`), in the same pass.
    @inline(__always)
    func facts(_ start: Int, _ end: Int, stopAtEquals: Bool, folding: UnsafeMutablePointer<UInt8>? = nil) -> TextFacts {
        var bits: UInt16 = 0
        var digits = 0
        var i = start
        while i < end {
            let b = s[i]
            let k = classes[Int(b)]
            if stopAtEquals, k & URLByteClass.equals != 0 { break }
            bits |= k
            digits &+= Int(k & URLByteClass.digit)
            if let folding { folding[i &- start] = t.fold[Int(b)] }
            i += 1
        }
        return TextFacts(end: i, bits: bits, digits: digits)
    }

    /// The template of `s[start..<end]`: classified in place when nothing is encoded, else
    /// on a decoded copy.
    @inline(__always)
    func template(_ start: Int, _ end: Int, _ f: TextFacts, structural: Bool, plusIsSpace: Bool) -> SegmentTemplate {
        if f.hasPercent || (plusIsSpace && f.hasPlus) {
            let d = decoded(start, end, plusIsSpace: plusIsSpace)
            // An encoded URL or parameter list (`https%3A%2F%2Fx%2F%3Ftoken%3D…`) carries its
            // parameters past the parameter rules: the whole segment is an identifier.
            if structural, Self.delimiters(in: d) > Self.delimiters(in: UnsafeBufferPointer(rebasing: s[start..<end])) {
                return .token
            }
            return classify(d, structural: structural)
        }
        let raw = UnsafeBufferPointer(rebasing: s[start..<end])
        let (template, askDetector) = SegmentClassifier.structuralClass(
            raw, structural: structural, digits: f.digits, hasAt: f.hasAt, hasColon: f.hasColon, nonPlain: f.nonPlain)
        if let template { return template }
        guard askDetector, t.hasDetector else { return .keep }
        // `app.3f9a1c2e.js`: digits, but not enough of them for anything the detectors read.
        if !f.nonPlain, !f.hasAt, !f.hasColon, SegmentClassifier.detectorsCannotFlag(raw, digits: f.digits) { return .keep }
        return SegmentClassifier.classify(raw, structural: structural, flag: c.flag)
    }

    /// How many `?`, `=`, `&` and `#` `text` holds (more once decoded: some were encoded).
    static func delimiters(in text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in text where b == ASCII.question || b == ASCII.equals || b == ASCII.ampersand || b == ASCII.hash { count += 1 }
        return count
    }

    /// Appends kept text: copied in one go when clean, else escaped.
    @inline(__always)
    mutating func appendKept(_ start: Int, _ end: Int, _ f: TextFacts) {
        if !f.hasPercent, !f.dirty {
            out.append(UnsafeBufferPointer(rebasing: s[start..<end]))
        } else {
            out.appendEscaped(s, start, end)
        }
    }

    /// The segment rules, and the detectors only when they could find something.
    @inline(__always)
    func classify(_ d: UnsafeBufferPointer<UInt8>, structural: Bool) -> SegmentTemplate {
        let (template, askDetector) = SegmentClassifier.structuralClass(d, structural: structural)
        if let template { return template }
        guard askDetector, t.hasDetector else { return .keep }
        return SegmentClassifier.classify(d, structural: structural, flag: c.flag)
    }

    /// `s[start..<end]` percent-decoded for inspection: the input itself when there is
    /// nothing to decode, else a decoded copy in `scratch`.
    func decoded(_ start: Int, _ end: Int, plusIsSpace: Bool) -> UnsafeBufferPointer<UInt8> {
        let source = UnsafeBufferPointer(rebasing: s[start..<end])
        for b in source where b == ASCII.percent || (plusIsSpace && b == ASCII.plus) {
            let count = percentDecode(source, into: scratch, plusIsSpace: plusIsSpace)
            return UnsafeBufferPointer(rebasing: scratch[0..<count])
        }
        return source
    }

    /// Whether the path matches one of the policy's `keepPaths` templates (absolute paths
    /// only; compared on the decoded segments, `;` parameters aside).
    func matchesKeepPath(_ start: Int, _ end: Int) -> Bool {
        guard !c.keepPaths.isEmpty, start < end, isSlash(s[start]) else { return false }
        var path: [UInt8] = []
        path.reserveCapacity(end - start)
        var i = start
        while i < end {
            var j = i
            while j < end, !isSlash(s[j]) { j += 1 }
            var semi = i
            while semi < j, s[semi] != ASCII.semicolon { semi += 1 }
            path.append(contentsOf: decoded(i, semi, plusIsSpace: false))
            if j < end { path.append(ASCII.slash) }
            i = j + 1
        }
        let text = String(decoding: path, as: UTF8.self)
        return c.keepPaths.contains { $0.matches(path: text) }
    }
}
