// Byte-level helpers shared by the URL canonicalizer: ASCII classes, percent-decoding
// for inspection, and the escaping used for every byte the canonicalizer emits as written.
// The web stage folds attribute names and route paths with the same helpers.

package enum ASCII {
    static let slash = UInt8(ascii: "/")
    static let backslash = UInt8(ascii: "\\")
    static let question = UInt8(ascii: "?")
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let ampersand = UInt8(ascii: "&")
    static let equals = UInt8(ascii: "=")
    static let at = UInt8(ascii: "@")
    package static let percent = UInt8(ascii: "%")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let underscore = UInt8(ascii: "_")
    static let dot = UInt8(ascii: ".")
    static let bang = UInt8(ascii: "!")
    static let comma = UInt8(ascii: ",")
    static let space = UInt8(ascii: " ")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) package static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    /// What a scheme holds after its first letter.
    @inline(__always) static func isSchemeByte(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || b == plus || b == minus || b == dot
    }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) package static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
    /// Whitespace as the URL and HTML specs trim it (C0 controls and space).
    @inline(__always) static func isTrimmable(_ b: UInt8) -> Bool { b <= 0x20 }
    /// HTML's ASCII whitespace (srcset, CSS).
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        if isDigit(b) { return b &- 0x30 }
        let l = b | 0x20
        if l &- 0x61 < 6 { return l &- 0x61 &+ 10 }
        return nil
    }

}

/// Percent-decodes `source` into `target` (which must hold `source.count` bytes) and returns
/// the decoded length. Malformed escapes are kept as written. With `plusIsSpace`, `+` is a
/// space (form encoding). Decodes again while the result still holds `%` and changed, at most
/// three times, so double-encoded names (`%2574oken`) are inspected the way a lenient server
/// would read them.
package func percentDecode(
    _ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>, plusIsSpace: Bool
) -> Int {
    var count = decodeOnce(source, into: target, plusIsSpace: plusIsSpace)
    var passes = 1
    while passes < 3 {
        let current = UnsafeBufferPointer(rebasing: target[0..<count])
        guard current.contains(ASCII.percent) else { break }
        // Decoding in place is safe: the write index never passes the read index.
        let next = decodeOnce(current, into: target, plusIsSpace: false)
        if next == count { break }
        count = next
        passes += 1
    }
    return count
}

@inline(__always)
private func decodeOnce(
    _ s: UnsafeBufferPointer<UInt8>, into t: UnsafeMutableBufferPointer<UInt8>, plusIsSpace: Bool
) -> Int {
    var i = 0
    var o = 0
    let n = s.count
    while i < n {
        let b = s[i]
        if b == ASCII.percent, i + 2 < n, let h = ASCII.hexValue(s[i + 1]), let l = ASCII.hexValue(s[i + 2]) {
            t[o] = h << 4 | l
            i += 3
        } else {
            t[o] = (plusIsSpace && b == ASCII.plus) ? ASCII.space : b
            i += 1
        }
        o += 1
    }
    return o
}

extension UnsafeBufferPointer<UInt8> {
    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        for b in self where b == byte { return true }
        return false
    }

    /// The index of the first `byte` in `start..<end`, else `end`.
    @inline(__always)
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int {
        firstIndex(of: byte, or: byte, from: start, to: end)
    }

    /// The index of the first `a` or `b` in `start..<end`, else `end`. Queries are long runs
    /// of values with no delimiter in them, so eight bytes are tested at a time.
    @inline(__always)
    func firstIndex(of a: UInt8, or b: UInt8, from start: Int, to end: Int) -> Int {
        var i = start
        if let base = baseAddress {
            let raw = UnsafeRawPointer(base)
            let pa = UInt64(a) &* 0x0101_0101_0101_0101
            let pb = UInt64(b) &* 0x0101_0101_0101_0101
            while i + 8 <= end {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // The lowest flagged byte of each mask is a true match (false positives only
                // sit above a true one), so the lowest of their union is the first match.
                let z = zeroBytes(w ^ pa) | zeroBytes(w ^ pb)
                if z != 0 { return i + z.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < end, self[i] != a, self[i] != b { i += 1 }
        return i
    }
}

/// High bits set at (at least the lowest of) the zero bytes of `x`.
@inline(__always) private func zeroBytes(_ x: UInt64) -> UInt64 {
    (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
}

/// Output bytes written through a pointer into storage the caller owns (a String's buffer or
/// a temporary allocation). Appends past `capacity` set `overflowed` and are dropped; the
/// caller retries with room for the worst case.
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0
    private(set) var overflowed = false
    /// Whether a byte of 0x80 or above was written (only hosts and detector placeholders
    /// are written as they are; everything else is ASCII or escaped).
    var mayHoldNonASCII = false

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    @inline(__always) mutating func append(_ b: UInt8) {
        if count < capacity {
            base[count] = b
            count += 1
        } else {
            overflowed = true
        }
    }

    @inline(__always) mutating func append(_ b1: UInt8, _ b2: UInt8) {
        append(b1)
        append(b2)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let k = bytes.count
        guard count + k <= capacity else {
            overflowed = true
            return
        }
        guard let source = bytes.baseAddress else { return }
        let target = base + count
        count += k
        // Most runs are short words: two overlapping word copies beat a call to memcpy.
        if k >= 8, k <= 16 {
            let raw = UnsafeRawPointer(source)
            let head = raw.loadUnaligned(as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: k - 8, as: UInt64.self)
            UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt64.self)
            UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: k - 8, as: UInt64.self)
        } else if k >= 4, k < 8 {
            let raw = UnsafeRawPointer(source)
            let head = raw.loadUnaligned(as: UInt32.self)
            let tail = raw.loadUnaligned(fromByteOffset: k - 4, as: UInt32.self)
            UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt32.self)
            UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: k - 4, as: UInt32.self)
        } else if k < 4 {
            for i in 0..<k { target[i] = source[i] }
        } else {
            target.update(from: source, count: k)
        }
    }

    /// Appends the low `k` (at most 8) bytes of the little-endian `word`.
    @inline(__always)
    mutating func append(word: UInt64, count k: Int) {
        if count + 8 <= capacity {
            UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
            count += k
        } else {
            for i in 0..<k { append(UInt8(truncatingIfNeeded: word >> UInt64(8 * i))) }
        }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(string text: String) {
        for b in text.utf8 {
            if b >= 0x80 { mayHoldNonASCII = true }
            append(b)
        }
    }

    /// Inserts `text` at `index`, moving what follows.
    mutating func insert(_ text: StaticString, at index: Int) {
        let k = text.utf8CodeUnitCount
        guard count + k <= capacity else {
            overflowed = true
            return
        }
        (base + index + k).update(from: base + index, count: count - index)
        (base + index).update(from: text.utf8Start, count: k)
        count += k
    }

    mutating func truncate(to mark: Int) { count = mark }

    subscript(i: Int) -> UInt8 { base[i] }

    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes written, as a String, copied without validating them again. Only for a scan
    /// of valid UTF-8: every byte written is then ASCII or part of a run of the input cut at
    /// ASCII bytes (a host), so the output is valid UTF-8 too.
    func validString() -> String {
        assert(String(validating: written, as: UTF8.self) != nil, "canonical output is not UTF-8")
        assert(mayHoldNonASCII || !written.contains { $0 >= 0x80 }, "non-ASCII output not flagged")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: written), isKnownASCII: !mayHoldNonASCII))
        }
        return String(decoding: written, as: UTF8.self)
    }

    /// Appends `s[start..<end]` as written, escaped so the result is plain printable ASCII
    /// that is safe inside an HTML attribute, a srcset list and a quoted CSS `url("…")`:
    /// valid `%XX` escapes are copied, a stray `%` becomes `%25`, and controls, space,
    /// quotes, `<>\^`{|}`, DEL and non-ASCII bytes are percent-encoded (never decoded).
    mutating func appendEscaped(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var i = start
        var run = start
        while i < end {
            let b = s[i]
            if b != ASCII.percent, !needsEscape(b) {
                i += 1
                continue
            }
            if b == ASCII.percent, i + 2 < end, ASCII.isHex(s[i + 1]), ASCII.isHex(s[i + 2]) {
                i += 3
                continue
            }
            // Copy the clean run, then the escape.
            append(UnsafeBufferPointer(rebasing: s[run..<i]))
            appendPercentEncoded(b)
            i += 1
            run = i
        }
        append(UnsafeBufferPointer(rebasing: s[run..<end]))
    }

    @inline(__always) mutating func appendPercentEncoded(_ b: UInt8) {
        append(ASCII.percent)
        append(hexDigit(b >> 4), hexDigit(b & 0x0F))
    }
}

@inline(__always) func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x37 + v }

/// Bytes the canonicalizer never emits as written.
@inline(__always) func needsEscape(_ b: UInt8) -> Bool {
    if b <= 0x20 || b >= 0x7F { return true }
    switch b {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
         UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
        return true
    default:
        return false
    }
}

/// Bytes that make a host unparseable (WHATWG's forbidden host code points, plus `%`:
/// percent-encoded hosts are refused rather than decoded).
@inline(__always) func isForbiddenHostByte(_ b: UInt8) -> Bool {
    if b <= 0x20 || b == 0x7F { return true }
    switch b {
    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "^"), UInt8(ascii: "|"), UInt8(ascii: "\""),
         UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "`"), UInt8(ascii: "\\"),
         UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"):
        return true
    default:
        return false
    }
}

/// `literal`'s bytes `from..<from + 8` as a little-endian word, zero past its end. Called
/// with a literal, the compiler folds it into a constant: names and schemes are compared a
/// word at a time against these.
@inline(__always)
func literalWord(_ literal: StaticString, from: Int = 0) -> UInt64 {
    var w: UInt64 = 0
    let l = literal.utf8Start
    var i = from
    while i < min(literal.utf8CodeUnitCount, from + 8) {
        w |= UInt64(l[i]) << UInt64(8 * (i - from))
        i += 1
    }
    return w
}

/// `w` (ASCII bytes) with its upper-case letters lower-cased, eight at a time.
@inline(__always) func asciiLowercased(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    // The high bit of each byte at or above `A` and not above `Z` (ASCII bytes add without
    // carries into the next).
    let upper = (w &+ (0x80 - 0x41) &* ones) & ~(w &+ (0x7F - 0x5A) &* ones) & (0x80 &* ones)
    return w | upper >> 2
}

/// The low `count` bytes of a word (all of it from 8 on).
@inline(__always) func lowBytesMask(_ count: Int) -> UInt64 {
    count >= 8 ? ~0 : (1 << UInt64(8 * count)) &- 1
}

/// Whether `s[at...]` starts with `literal` (already lower-case ASCII).
@inline(__always)
func hasLiteral(_ s: UnsafeBufferPointer<UInt8>, at: Int, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard at + count <= s.count else { return false }
    let l = literal.utf8Start
    for k in 0..<count where s[at + k] != l[k] { return false }
    return true
}
