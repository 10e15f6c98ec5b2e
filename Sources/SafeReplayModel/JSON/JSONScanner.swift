#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull scanner over UTF-8 JSON bytes, for typed decoders on the ingest hot path.
///
/// It never builds an intermediate tree: a decoder asks for an object, walks its keys,
/// and reads each value as the type it expects, so known shapes cost no allocation beyond
/// their own strings and arrays. Every read validates the JSON grammar; nesting is bounded
/// by `maxDepth`, so hostile input cannot exhaust the stack.
///
/// The scanner borrows the bytes: use it only inside ``withScanner(_:maxDepth:_:)``.
public struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Byte offset of the next unread byte.
    public internal(set) var position: Int
    var depth: Int
    public let maxDepth: Int
    /// Set right after `{` or `[` so the next `nextKey`/`nextElement` knows no comma is due.
    var afterOpen: Bool
    /// Scratch memory where arrays are built before they are moved into exactly sized
    /// storage (see `readArrayExact`): a stack, so nested arrays build above the elements
    /// of their parent. It starts on the machine stack and moves to the heap if it fills.
    var arena: UnsafeMutableRawPointer
    var arenaCapacity: Int
    /// Bytes of `arena` in use.
    var arenaTop = 0
    /// Whether `arena` was allocated on the heap (and must be freed).
    var arenaOnHeap = false
    /// `\u` escapes of a lone surrogate read so far, each read as U+FFFD: valid JSON that is
    /// no text (JavaScript strings cut inside a character), repaired, and counted by callers
    /// that report what they could not keep.
    public internal(set) var replacedSurrogates = 0

    /// The default nesting limit: deep enough for ~500 levels of DOM (a node and its
    /// `childNodes` array take two levels), shallow enough for small thread stacks.
    public static let defaultMaxDepth = 1024

    /// Bytes of arena on the machine stack: small enough that the standard library
    /// allocates it there without checking the stack's bounds.
    static let stackArenaBytes = 1024

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int, arena: UnsafeMutableRawBufferPointer) {
        self.base = base
        self.count = count
        self.position = 0
        self.depth = 0
        self.maxDepth = maxDepth
        self.afterOpen = false
        self.arena = arena.baseAddress!
        self.arenaCapacity = arena.count
    }

    /// Runs `body` with a scanner over `bytes`.
    public static func withScanner<R, E: Error>(
        _ bytes: UnsafeRawBufferPointer,
        maxDepth: Int = defaultMaxDepth,
        _ body: (inout JSONScanner) throws(E) -> R
    ) throws(E) -> R {
        var empty: UInt8 = 0
        return try withUnsafeMutablePointer(to: &empty) { (emptyBase) throws(E) -> R in
            let start: UnsafePointer<UInt8>
            let count: Int
            if let base = bytes.baseAddress, bytes.count > 0 {
                start = base.assumingMemoryBound(to: UInt8.self)
                count = bytes.count
            } else {
                start = UnsafePointer(emptyBase)
                count = 0
            }
            let result = withUnsafeTemporaryAllocation(byteCount: stackArenaBytes, alignment: 16) { arena -> Result<R, E> in
                var scanner = JSONScanner(base: start, count: count, maxDepth: maxDepth, arena: arena)
                defer { if scanner.arenaOnHeap { scanner.arena.deallocate() } }
                do throws(E) {
                    return .success(try body(&scanner))
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
    }

    // MARK: - string content scanning

    /// The index of the first byte at or after `from` that ends a plain string run: a quote,
    /// a backslash or a control character (or `count`). Eight bytes at a time (SWAR): the
    /// lowest flagged byte of each word is exact, which is all that is needed.
    @inline(__always)
    func plainRunEnd(from: Int) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let x = Self.load64(base + i)
            let quote = x ^ (ones &* 0x22)
            let slash = x ^ (ones &* 0x5C)
            let flagged = ((quote &- ones) & ~quote | (slash &- ones) & ~slash | (x &- ones &* 0x20) & ~x) & highs
            if flagged != 0 { return i + flagged.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            let c = base[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return i }
            i += 1
        }
        return i
    }

    /// The eight bytes at `p` as a little-endian word, from any alignment. Called directly,
    /// `loadUnaligned` is a generic the optimizer stops inlining in large decoders (which
    /// then pay a call per key); inside this small function it is inlined first.
    @inline(__always)
    static func load64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    // MARK: - whitespace and punctuation

    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let c = base[position]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            position += 1
        }
    }

    /// The next significant byte, without consuming it; `nil` at the end of input.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < count ? base[position] : nil
    }

    @inline(never)
    func error(_ message: String) -> JSONError {
        JSONError(offset: position, message)
    }

    @inline(never)
    func unexpected(_ expected: String) -> JSONError {
        if position >= count { return JSONError(offset: position, "unexpected end of input, expected \(expected)") }
        let c = base[position]
        let shown = (0x20..<0x7F).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        return JSONError(offset: position, "unexpected \(shown), expected \(expected)")
    }

    /// Requires that only whitespace remains.
    public mutating func finish() throws(JSONError) {
        skipWhitespace()
        if position != count { throw unexpected("end of input") }
    }

    @inline(__always)
    mutating func enter() throws(JSONError) {
        depth += 1
        if depth > maxDepth { throw tooDeep() }
    }

    @inline(never)
    func tooDeep() -> JSONError {
        error("nesting deeper than \(maxDepth) levels")
    }

    /// Consumes `bracket` (`{` or `[`), entering one level: inline when it comes next,
    /// after whitespace (with the errors) out of line.
    @inline(__always)
    mutating func open(_ bracket: UInt8, _ expected: StaticString) throws(JSONError) {
        if position < count, base[position] == bracket, depth < maxDepth {
            position &+= 1
            depth &+= 1
            afterOpen = true
            return
        }
        try openSlow(bracket, expected)
    }

    @inline(never)
    mutating func openSlow(_ bracket: UInt8, _ expected: StaticString) throws(JSONError) {
        skipWhitespace()
        guard position < count, base[position] == bracket else { throw unexpected(expected.description) }
        try enter()
        position += 1
        afterOpen = true
    }

    // MARK: - objects

    /// Consumes `{`.
    @inline(__always)
    public mutating func beginObject() throws(JSONError) {
        try open(UInt8(ascii: "{"), "an object")
    }

    /// The next key of the current object (consuming the `:` after it), or `nil` once
    /// the closing `}` has been consumed.
    @inline(__always)
    public mutating func nextKey() throws(JSONError) -> JSONKey? {
        if matchObjectEnd() { return nil }
        return try nextKeyAfterMember()
    }

    @inline(never)
    mutating func nextKeyAfterMember() throws(JSONError) -> JSONKey? {
        // Fast path for compact JSON: `"key":` right after `{`, or `,"key":` after a member,
        // with a key of plain characters. Anything else takes the general path below.
        if position + 1 < count {
            var p = position
            if afterOpen || base[p] == UInt8(ascii: ",") {
                if !afterOpen { p += 1 }
                if base[p] == UInt8(ascii: "\"") {
                    let end = plainRunEnd(from: p + 1)
                    if end + 1 < count, base[end] == UInt8(ascii: "\""), base[end + 1] == UInt8(ascii: ":") {
                        afterOpen = false
                        position = end + 2
                        return JSONKey(start: base + p + 1, count: end - p - 1, hasEscapes: false)
                    }
                }
            }
        }
        return try nextKeyGeneral()
    }

    @inline(never)
    mutating func nextKeyGeneral() throws(JSONError) -> JSONKey? {
        skipWhitespace()
        guard position < count else { throw unexpected("'}' or a key") }
        var c = base[position]
        if afterOpen {
            afterOpen = false
        } else if c == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            guard position < count else { throw unexpected("a key") }
            c = base[position]
            guard c == UInt8(ascii: "\"") else { throw unexpected("a key") }
        } else if c != UInt8(ascii: "}") {
            throw unexpected("',' or '}'")
        }
        if c == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return nil
        }
        guard c == UInt8(ascii: "\"") else { throw unexpected("a key") }
        let key: JSONKey
        let start = position + 1
        let end = plainRunEnd(from: start)
        if end < count, base[end] == UInt8(ascii: "\"") {
            key = JSONKey(start: base + start, count: end - start, hasEscapes: false)
            position = end + 1
        } else {
            key = try readKey()
        }
        // Compact JSON puts the colon right after the key; skip whitespace only if not.
        if position < count, base[position] == UInt8(ascii: ":") {
            position += 1
            return key
        }
        skipWhitespace()
        guard position < count, base[position] == UInt8(ascii: ":") else { throw unexpected("':' after a key") }
        position += 1
        return key
    }

    mutating func readKey() throws(JSONError) -> JSONKey {
        let start = position + 1
        let i = plainRunEnd(from: start)
        if i < count, base[i] == UInt8(ascii: "\"") {
            position = i + 1
            return JSONKey(start: base + start, count: i - start, hasEscapes: false)
        }
        // Validate the escapes by reading the string once; keep the raw bytes.
        _ = try readString()
        return JSONKey(start: base + start, count: position - 1 - start, hasEscapes: true)
    }

    // MARK: - arrays

    /// Consumes `[`.
    @inline(__always)
    public mutating func beginArray() throws(JSONError) {
        try open(UInt8(ascii: "["), "an array")
    }

    /// Whether another element follows (consuming the `,` before it); `false` once
    /// the closing `]` has been consumed.
    @inline(__always)
    public mutating func nextElement() throws(JSONError) -> Bool {
        // Compact JSON: `,` between elements, `]` right after the last one or after `[`.
        if position < count {
            let c = base[position]
            if c == UInt8(ascii: "]") {
                position &+= 1
                depth &-= 1
                afterOpen = false
                return false
            }
            if afterOpen {
                // The first element: anything but whitespace and `,` starts a value (which
                // its reader checks).
                if c > 0x20 && c != UInt8(ascii: ",") {
                    afterOpen = false
                    return true
                }
            } else if c == UInt8(ascii: ",") {
                position &+= 1
                return true
            }
        }
        return try nextElementGeneral()
    }

    @inline(never)
    mutating func nextElementGeneral() throws(JSONError) -> Bool {
        skipWhitespace()
        guard position < count else { throw unexpected("']' or a value") }
        let c = base[position]
        if c == UInt8(ascii: "]") {
            // `[1,]` is not JSON: a `]` right after a comma is refused by the value read.
            position += 1
            depth -= 1
            afterOpen = false
            return false
        }
        if afterOpen {
            afterOpen = false
            return true
        }
        guard c == UInt8(ascii: ",") else { throw unexpected("',' or ']'") }
        position += 1
        return true
    }

    // MARK: - scalars

    /// Consumes `null` if it is next.
    @inline(__always)
    public mutating func readNullIfPresent() throws(JSONError) -> Bool {
        if position < count {
            let c = base[position]
            if c != UInt8(ascii: "n") && c > 0x20 { return false }
        }
        return try readNullIfPresentGeneral()
    }

    @inline(never)
    mutating func readNullIfPresentGeneral() throws(JSONError) -> Bool {
        skipWhitespace()
        guard position < count, base[position] == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    @inline(__always)
    public mutating func readBool() throws(JSONError) -> Bool {
        if count - position >= 5 {
            // `true` and `fals` as one 32-bit word each.
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)
            if word == UInt32(littleEndian: 0x6575_7274) {
                position += 4
                return true
            }
            if word == UInt32(littleEndian: 0x736C_6166), base[position + 4] == UInt8(ascii: "e") {
                position += 5
                return false
            }
        }
        return try readBoolGeneral()
    }

    @inline(never)
    mutating func readBoolGeneral() throws(JSONError) -> Bool {
        skipWhitespace()
        guard position < count else { throw unexpected("a boolean") }
        switch base[position] {
        case UInt8(ascii: "t"): try expectLiteral("true"); return true
        case UInt8(ascii: "f"): try expectLiteral("false"); return false
        default: throw unexpected("a boolean")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let n = literal.utf8CodeUnitCount
        guard count - position >= n, memcmp(base + position, literal.utf8Start, n) == 0 else {
            throw unexpected("'\(literal)'")
        }
        position += n
    }
}
