extension URLCanonicalizer {
    /// Canonicalizes every URL of a `srcset` attribute (`a.jpg 1x, b.jpg 2x`), following
    /// HTML's srcset parsing: candidates whose URL may not be emitted are dropped, and
    /// descriptors are kept only when they are `<number>w`, `<number>x` or `<number>h`.
    /// `nil` when no candidate remains.
    public func canonicalizeSrcset(_ srcset: String) -> String? {
        var srcset = srcset
        return srcset.withUTF8 { s -> String? in
            guard s.count <= Self.maxInputBytes * 4 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(s.count + 16)
            var kept = 0
            var p = 0
            let n = s.count
            while p < n {
                // Skip whitespace and commas before a candidate.
                while p < n, ASCII.isSpace(s[p]) || s[p] == ASCII.comma { p += 1 }
                guard p < n else { break }
                let urlStart = p
                while p < n, !ASCII.isSpace(s[p]) { p += 1 }
                var urlEnd = p
                var descriptors: [Range<Int>] = []
                if s[urlEnd - 1] == ASCII.comma {
                    // `a.jpg,b.jpg`: trailing commas end the candidate, no descriptors.
                    while urlEnd > urlStart, s[urlEnd - 1] == ASCII.comma { urlEnd -= 1 }
                } else {
                    // Descriptors up to a comma outside parentheses.
                    var depth = 0
                    var tokenStart: Int? = nil
                    while p < n {
                        let b = s[p]
                        if b == ASCII.openParen { depth += 1 }
                        if b == ASCII.closeParen, depth > 0 { depth -= 1 }
                        if depth == 0, ASCII.isSpace(b) || b == ASCII.comma {
                            if let t = tokenStart { descriptors.append(t..<p) }
                            tokenStart = nil
                            if b == ASCII.comma {
                                p += 1
                                break
                            }
                        } else if tokenStart == nil {
                            tokenStart = p
                        }
                        p += 1
                    }
                    if let t = tokenStart { descriptors.append(t..<min(p, n)) }
                }
                guard urlEnd > urlStart else { continue }
                let mark = out.count
                if kept > 0 {
                    out.append(ASCII.comma)
                    out.append(ASCII.space)
                }
                guard append(UnsafeBufferPointer(rebasing: s[urlStart..<urlEnd]), to: &out) else {
                    out.removeSubrange(mark...)
                    continue
                }
                for d in descriptors where Self.isSrcsetDescriptor(UnsafeBufferPointer(rebasing: s[d])) {
                    out.append(ASCII.space)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[d]))
                }
                kept += 1
            }
            return kept == 0 ? nil : String(decoding: out, as: UTF8.self)
        }
    }

    /// `<digits>[.<digits>](w|x|h)`.
    static func isSrcsetDescriptor(_ d: UnsafeBufferPointer<UInt8>) -> Bool {
        guard d.count >= 2, d.count <= 16 else { return false }
        let unit = ASCII.lower(d[d.count - 1])
        guard unit == UInt8(ascii: "w") || unit == UInt8(ascii: "x") || unit == UInt8(ascii: "h") else { return false }
        var digits = 0
        var dots = 0
        for b in d[0..<(d.count - 1)] {
            if ASCII.isDigit(b) { digits += 1 } else if b == ASCII.dot { dots += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}
