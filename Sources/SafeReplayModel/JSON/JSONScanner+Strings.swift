/// String values: the plain fast path, escapes, and building the Swift strings.
extension JSONScanner {
    /// Reads a string, repairing invalid UTF-8 with U+FFFD (it never fails on encoding).
    public mutating func readString() throws(JSONError) -> String {
        if position >= count || base[position] != UInt8(ascii: "\"") { skipWhitespace() }
        guard position < count, base[position] == UInt8(ascii: "\"") else { throw unexpected("a string") }
        let start = position + 1
        let i = plainRunEnd(from: start)
        if i < count, base[i] == UInt8(ascii: "\"") {
            position = i + 1
            return makeString(base + start, count: i - start, readable: count - start)
        }
        if let short = shortEscapedString(contentStart: start) { return short }
        return try readEscapedString(contentStart: start)
    }

    /// Reads a string or `null`.
    public mutating func readOptionalString() throws(JSONError) -> String? {
        if try readNullIfPresent() { return nil }
        return try readString()
    }

    /// The key as a Swift string: ``JSONKey/string`` with the scanner's fast path for
    /// short ASCII keys (attribute names, object members).
    func string(of key: JSONKey) -> String {
        if key.hasEscapes { return key.string }
        return makeString(key.start, count: key.count, readable: base + count - key.start)
    }

    /// The next key of the current object as a string (consuming the `:` after it), or
    /// `nil` once the closing `}` has been consumed: ``nextKey()`` and ``string(of:)`` in
    /// one, inline for compact keys without escapes (attribute names).
    @inline(__always)
    mutating func nextKeyString() throws(JSONError) -> String? {
        var p = position
        if afterOpen || (p < count && base[p] == UInt8(ascii: ",")) {
            if !afterOpen { p &+= 1 }
            if p < count, base[p] == UInt8(ascii: "\"") {
                let end = plainRunEnd(from: p &+ 1)
                if end &+ 1 < count, base[end] == UInt8(ascii: "\""), base[end &+ 1] == UInt8(ascii: ":") {
                    afterOpen = false
                    position = end &+ 2
                    return makeString(base + (p &+ 1), count: end &- p &- 1, readable: count &- p &- 1)
                }
            }
        }
        guard let key = try nextKey() else { return nil }
        return string(of: key)
    }

    /// The string of the `n` UTF-8 bytes at `p`, of which `readable` may be read.
    ///
    /// Most values are short and ASCII (tag names, attribute names, classes, ids): those
    /// are built directly as small strings. The rest go through the standard library,
    /// which validates the bytes (repairing invalid UTF-8) and copies them.
    @inline(__always)
    func makeString(_ p: UnsafePointer<UInt8>, count n: Int, readable: Int) -> String {
        if n <= 15, let small = Self.smallASCIIString(p, count: n, readable: readable) { return small }
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// The `n` ≤ 15 bytes at `p` as a small string, or `nil` if one is not ASCII.
    ///
    /// `String(decoding:as:)` costs about 100 instructions more for these (a validation
    /// pass and a generic copy loop), and short strings are most of what events hold. On
    /// 64-bit little-endian targets the standard library stores a string of up to 15 bytes
    /// inline: the bytes in order, and in the last byte the flags (immortal, small, ASCII:
    /// `0xE0`) with the count; that layout is part of the ABI on Apple platforms and the same
    /// on Linux. ASCII bytes are always valid UTF-8, so nothing else needs checking. The
    /// tests compare strings built this way with ones the standard library builds.
    @inline(__always)
    static func smallASCIIString(_ p: UnsafePointer<UInt8>, count n: Int, readable: Int) -> String? {
        #if (arch(x86_64) || arch(arm64)) && _endian(little)
        var low: UInt64 = 0
        var high: UInt64 = 0
        if readable >= 16 {
            low = load64(p)
            high = load64(p + 8)
        } else {
            // Near the end of the buffer: byte by byte, never past `n`.
            for k in 0..<n {
                if k < 8 {
                    low |= UInt64(p[k]) &<< UInt64(k &* 8)
                } else {
                    high |= UInt64(p[k]) &<< UInt64((k &- 8) &* 8)
                }
            }
        }
        if n < 8 {
            low &= (1 &<< UInt64(n &* 8)) &- 1
            high = 0
        } else {
            high &= (1 &<< UInt64((n &- 8) &* 8)) &- 1
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return smallString(low: low, high: high, count: n)
        #else
        return nil
        #endif
    }

    #if (arch(x86_64) || arch(arm64)) && _endian(little)
    /// The small string whose `n` ≤ 15 ASCII bytes are `low` and `high` (in order, zero
    /// above `n`): see ``smallASCIIString(_:count:readable:)`` for the layout.
    @inline(__always)
    static func smallString(low: UInt64, high: UInt64, count n: Int) -> String {
        // Moved out of the words rather than bit-cast: a cast result is copied, which costs
        // a (no-op) retain call per string.
        var words = (low, high | (0xE0 | UInt64(n)) &<< 56)
        return withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: String.self, capacity: 1) { $0.move() } }
    }
    #endif

    /// The string that starts at `contentStart` and holds an escape, when it is short and
    /// simple: at most 15 ASCII bytes once unescaped, with no `\u` escape. Whitespace text
    /// nodes (`"\n    "`) are about a quarter of the strings in rrweb DOM snapshots; they are
    /// built here in one 128-bit word, a plain run at a time, without the arena and its copy
    /// calls. Anything else (or fewer than 16 bytes left to read) returns `nil` having
    /// consumed nothing, for ``readEscapedString(contentStart:)``.
    @inline(__always)
    mutating func shortEscapedString(contentStart: Int) -> String? {
        #if (arch(x86_64) || arch(arm64)) && _endian(little)
        var i = contentStart
        var n = 0
        var text: UInt128 = 0
        while count &- i >= 16 {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                position = i &+ 1
                return Self.smallString(low: UInt64(truncatingIfNeeded: text), high: UInt64(truncatingIfNeeded: text &>> 64), count: n)
            }
            if c == UInt8(ascii: "\\") {
                let byte: UInt8
                switch base[i &+ 1] {
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: "\""): byte = 0x22
                case UInt8(ascii: "\\"): byte = 0x5C
                case UInt8(ascii: "/"): byte = 0x2F
                case UInt8(ascii: "b"): byte = 0x08
                case UInt8(ascii: "f"): byte = 0x0C
                default: return nil
                }
                guard n < 15 else { return nil }
                text |= UInt128(byte) &<< UInt128(n &* 8)
                n &+= 1
                i &+= 2
                continue
            }
            // A plain run: up to the first quote, backslash, control or non-ASCII byte of
            // the next sixteen (none of them: longer than a small string can hold).
            let low = Self.load64(base + i)
            let high = Self.load64(base + (i &+ 8))
            let stops = UInt128(Self.shortRunStops(low)) | UInt128(Self.shortRunStops(high)) &<< 64
            let run = stops.trailingZeroBitCount / 8
            guard run > 0, n &+ run <= 15 else { return nil }
            let bytes = (UInt128(high) &<< 64 | UInt128(low)) & ((1 &<< UInt128(run &* 8)) &- 1)
            text |= bytes &<< UInt128(n &* 8)
            n &+= run
            i &+= run
        }
        return nil
        #else
        return nil
        #endif
    }

    /// The high bit of each byte of `x` that ends a short plain run: a quote, a backslash,
    /// a control character or a non-ASCII byte (`plainRunEnd`'s test and the high bit).
    @inline(__always)
    static func shortRunStops(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22)
        let slash = x ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (slash &- ones) & ~slash | (x &- ones &* 0x20) & ~x | x) & highs
    }

    /// The string that starts at `contentStart` and holds an escape (or is unterminated).
    ///
    /// It is unescaped into the arena, above the arrays being built there (it never needs
    /// more bytes than the raw text it has read), so no buffer is allocated per string.
    mutating func readEscapedString(contentStart: Int) throws(JSONError) -> String {
        var n = 0
        var i = contentStart
        while true {
            guard i < count else {
                position = i
                throw error("unterminated string")
            }
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                position = i + 1
                let out = UnsafePointer((arena + arenaTop).assumingMemoryBound(to: UInt8.self))
                return makeString(out, count: n, readable: arenaCapacity - arenaTop)
            }
            if c < 0x20 {
                position = i
                throw error("control character in string")
            }
            if c != UInt8(ascii: "\\") {
                let end = plainRunEnd(from: i + 1)
                reserveScratch(n + end - i)
                (arena + arenaTop + n).copyMemory(from: base + i, byteCount: end - i)
                n += end - i
                i = end
                continue
            }
            guard i + 1 < count else {
                position = i
                throw error("unterminated escape")
            }
            let e = base[i + 1]
            i += 2
            reserveScratch(n + 4)
            let out = (arena + arenaTop + n).assumingMemoryBound(to: UInt8.self)
            switch e {
            case UInt8(ascii: "\""): out[0] = 0x22
            case UInt8(ascii: "\\"): out[0] = 0x5C
            case UInt8(ascii: "/"): out[0] = 0x2F
            case UInt8(ascii: "b"): out[0] = 0x08
            case UInt8(ascii: "f"): out[0] = 0x0C
            case UInt8(ascii: "n"): out[0] = 0x0A
            case UInt8(ascii: "r"): out[0] = 0x0D
            case UInt8(ascii: "t"): out[0] = 0x09
            case UInt8(ascii: "u"):
                position = i
                var scalar = try readHex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate pairs only with an escaped low surrogate right after it.
                    if i + 6 <= count, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u"),
                       let low = try? readHex4(at: i + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                        replacedSurrogates &+= 1
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                    replacedSurrogates &+= 1
                }
                n += Self.writeUTF8(scalar, to: out)
                continue
            default:
                position = i - 2
                throw error("invalid escape")
            }
            n += 1
        }
    }

    /// Makes room for `bytes` bytes of scratch at the top of the arena.
    @inline(__always)
    mutating func reserveScratch(_ bytes: Int) {
        if arenaTop + bytes > arenaCapacity { growArena(to: arenaTop + bytes) }
    }

    func readHex4(at index: Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= count else { throw JSONError(offset: index, "truncated \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = base[index + k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw JSONError(offset: index + k, "invalid \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    /// Writes `scalar` as UTF-8 (1 to 4 bytes) at `out`; returns how many.
    static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | (scalar >> 6))
            out[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | (scalar >> 12))
            out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out[0] = UInt8(0xF0 | (scalar >> 18))
            out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}
