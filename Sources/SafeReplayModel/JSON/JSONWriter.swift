/// An append-only JSON writer into a growable byte buffer, for the emit hot path.
///
/// A class over a raw buffer rather than a struct over `[UInt8]`: every write would
/// otherwise pay Array's uniqueness check and generic append. Encoders take it `inout`
/// (a reference either way), and one writer can be `reset()` and reused for a stream.
/// Not thread-safe: one writer per thread of work.
///
/// Commas are placed automatically: a key or a value in a container is preceded by a comma
/// whenever something was written at that level before. Keys given as `StaticString` are
/// written verbatim (they are our own field names); everything else is escaped.
public final class JSONWriter {
    // Unchecked: the writer is confined to one thread of work, and dynamic exclusivity
    // checks on these would cost more than the writes themselves.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Bytes written so far.
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var needsComma = false

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Clears the output but keeps the buffer.
    public func reset() {
        count = 0
        needsComma = false
    }

    /// A copy of the bytes written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Replaces `array`'s contents with the bytes written, in its memory when no other array
    /// shares it and it is large enough: a caller that hands out one event's bytes after
    /// another reuses one array, where ``bytes`` allocates (and its taker frees) every time.
    public func copy(into array: inout [UInt8]) {
        array.replaceSubrange(0..<array.count, with: UnsafeBufferPointer(start: base, count: count))
    }

    /// Runs `body` over the bytes written, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    // MARK: - buffer

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    @inline(never)
    private func grow(to needed: Int) {
        (base, capacity) = JSONText.grow(base, count: count, capacity: capacity, to: needed)
    }

    @inline(__always)
    private func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    @inline(__always)
    private func put(_ literal: StaticString) {
        put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    private func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
    }

    // MARK: - containers

    // The small writes below are inlined into the encoders (one capacity check each, the
    // comma stored unconditionally and counted only when due): as calls they cost more
    // than the bytes they write.

    @inline(__always)
    public func beginObject() {
        open(UInt8(ascii: "{"))
    }

    @inline(__always)
    public func endObject() {
        close(UInt8(ascii: "}"))
    }

    @inline(__always)
    public func beginArray() {
        open(UInt8(ascii: "["))
    }

    @inline(__always)
    public func endArray() {
        close(UInt8(ascii: "]"))
    }

    @inline(__always)
    private func open(_ bracket: UInt8) {
        reserve(2)
        base[count] = UInt8(ascii: ",")
        count &+= needsComma ? 1 : 0
        base[count] = bracket
        count &+= 1
        needsComma = false
    }

    @inline(__always)
    private func close(_ bracket: UInt8) {
        reserve(1)
        base[count] = bracket
        count &+= 1
        needsComma = true
    }

    /// Writes `fragment` verbatim, no comma placed: a fixed run of an event's own syntax
    /// that ends after a key (`"type":3,"data":{"source":`, `]},"timestamp":`), so what
    /// follows is that key's value. One copy in place of several container and key writes.
    @inline(__always)
    public func fragment(_ fragment: StaticString) {
        put(fragment)
        needsComma = false
    }

    // MARK: - keys

    /// Writes `"key":` for one of our own field names (no escaping is done). Literal keys
    /// come here rather than to `key(_: String)` (disfavored), which escapes them at run time.
    ///
    /// Inlined so that a literal key of up to 12 bytes folds into two constant words
    /// (`,"name":` or `"name":`), stored whole; the bytes past the key are scratch that
    /// the next write overwrites. The words are built from loads of the name, not byte by
    /// byte: callers in other modules reach this out of line, with a name unknown at
    /// compile time, where a byte loop cost ~135 instructions per key.
    @inline(__always)
    public func key(_ name: StaticString) {
        guard name.hasPointerRepresentation, name.utf8CodeUnitCount <= 12 else { return keyBytewise(name) }
        reserve(16)
        let n = name.utf8CodeUnitCount
        let comma = needsComma
        let quoted = Self.quotedKey(name.utf8Start, count: n)
        let pattern = comma ? (quoted &<< 8) | UInt128(UInt8(ascii: ",")) : quoted
        let out = UnsafeMutableRawPointer(base + count)
        out.storeBytes(of: UInt64(truncatingIfNeeded: pattern).littleEndian, as: UInt64.self)
        out.storeBytes(of: UInt64(truncatingIfNeeded: pattern &>> 64).littleEndian, toByteOffset: 8, as: UInt64.self)
        count &+= n &+ (comma ? 4 : 3)
        needsComma = false
    }

    /// The bytes of `"name":` for a name of at most 12 bytes, first byte lowest: the name
    /// read in two overlapping loads (nothing read outside its `n` bytes).
    @inline(__always)
    private static func quotedKey(_ name: UnsafePointer<UInt8>, count n: Int) -> UInt128 {
        let raw = UnsafeRawPointer(name)
        var bytes: UInt128 = 0
        if n >= 8 {
            let head = UInt128(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))
            let tail = UInt128(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)))
            bytes = head | tail &<< UInt128((n &- 4) &* 8)
        } else if n >= 4 {
            let head = UInt128(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let tail = UInt128(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)))
            bytes = head | tail &<< UInt128((n &- 4) &* 8)
        } else if n > 0 {
            // 1 to 3 bytes: the first, the middle and the last cover them all.
            let middle = n &>> 1
            bytes = UInt128(name[0]) | UInt128(name[middle]) &<< UInt128(middle &* 8) | UInt128(name[n &- 1]) &<< UInt128((n &- 1) &* 8)
        }
        return UInt128(UInt8(ascii: "\"")) | bytes &<< 8 | UInt128(0x3A22) &<< UInt128((n &+ 1) &* 8)
    }

    /// ``key(_:)`` for long literal keys (and one-scalar literals stored as a scalar).
    @inline(never)
    private func keyBytewise(_ name: StaticString) {
        // A one-scalar literal may be stored as a scalar, not as bytes.
        guard name.hasPointerRepresentation else { return key(name.description) }
        let n = name.utf8CodeUnitCount
        reserve(n + 4)
        if needsComma {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: name.utf8Start, count: n)
        base[count + n + 1] = UInt8(ascii: "\"")
        base[count + n + 2] = UInt8(ascii: ":")
        count += n + 3
        needsComma = false
    }

    /// Writes `"key":` for a key that came from input.
    @_disfavoredOverload
    @inline(__always)
    public func key(_ name: String) {
        if !writeSmallASCII(name, colon: true) {
            separate()
            appendEscaped(name)
            put(UInt8(ascii: ":"))
        }
        needsComma = false
    }

    // MARK: - values

    @inline(__always)
    public func string(_ value: String) {
        if !writeSmallASCII(value, colon: false) {
            separate()
            appendEscaped(value)
        }
        needsComma = true
    }

    /// Writes `value` quoted (and a `:` after it when `colon`), after a comma when one is
    /// due, if it is a small ASCII string that needs no escape; otherwise writes nothing
    /// and returns `false`.
    ///
    /// Most strings in events are such (tag and attribute names, classes, short texts).
    /// A small string keeps its bytes in its own two words (the layout ``JSONScanner``
    /// builds them in, see `smallASCIIString`): they are checked for escapes and stored
    /// whole, without `withUTF8` copying them out first. The bytes stored past the string
    /// are scratch that the closing quote and the next write overwrite.
    @inline(__always)
    private func writeSmallASCII(_ value: String, colon: Bool) -> Bool {
        #if (arch(x86_64) || arch(arm64)) && _endian(little)
        let (low, high) = withUnsafeBytes(of: value) {
            ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        let flags = high &>> 56
        // Small (not a pointer to storage) and ASCII: the discriminator `JSONScanner` writes.
        guard flags & 0xF0 == 0xE0 else { return false }
        let n = Int(truncatingIfNeeded: flags & 0x0F)
        // The bytes past the string (zeros, and the discriminator) read as spaces for the check.
        let spaces: UInt64 = 0x2020_2020_2020_2020
        let lowKept: UInt64 = n >= 8 ? ~0 : (1 &<< UInt64(n &* 8)) &- 1
        let highKept: UInt64 = n <= 8 ? 0 : (1 &<< UInt64((n &- 8) &* 8)) &- 1
        let lowChecked = (low & lowKept) | (spaces & ~lowKept)
        let highChecked = (high & highKept) | (spaces & ~highKept)
        guard JSONText.needsEscape(lowChecked) | JSONText.needsEscape(highChecked) == 0 else { return false }
        reserve(20)
        base[count] = UInt8(ascii: ",")
        count &+= needsComma ? 1 : 0
        base[count] = UInt8(ascii: "\"")
        let out = UnsafeMutableRawPointer(base + (count &+ 1))
        out.storeBytes(of: low.littleEndian, as: UInt64.self)
        out.storeBytes(of: high.littleEndian, toByteOffset: 8, as: UInt64.self)
        base[count &+ 1 &+ n] = UInt8(ascii: "\"")
        base[count &+ 2 &+ n] = UInt8(ascii: ":")
        count &+= n &+ (colon ? 3 : 2)
        return true
        #else
        return false
        #endif
    }

    public func null() {
        separate()
        put("null")
        needsComma = true
    }

    @inline(__always)
    public func bool(_ value: Bool) {
        // `true` and `false` as one word each, stored whole.
        reserve(9)
        base[count] = UInt8(ascii: ",")
        count &+= needsComma ? 1 : 0
        let word: UInt64 = value ? 0x65_7572_74 : 0x65_736C_6166
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count &+= value ? 4 : 5
        needsComma = true
    }

    @inline(__always)
    public func int(_ value: Int) {
        int64(Int64(value))
    }

    @inline(__always)
    public func int64(_ value: Int64) {
        reserve(21)
        base[count] = UInt8(ascii: ",")
        count &+= needsComma ? 1 : 0
        count &+= JSONText.writeInteger(value, to: base + count)
        needsComma = true
    }

    /// Writes a double; integral values are written without a fraction, and non-finite
    /// values (which JSON cannot carry) as `null`.
    public func double(_ value: Double) {
        separate()
        // Integral iff it survives the round trip through Int64 (no call to `round`); the
        // magnitude check first keeps the conversion in range and rejects NaN and infinities.
        if let integer = Self.exactInteger(value) {
            appendInteger(integer)
        } else if value.isFinite {
            var text = value.description
            text.withUTF8 { put($0) }
        } else {
            put("null")
        }
        needsComma = true
    }

    /// Writes one pointer position, `{"x":…,"y":…,"id":…,"timeOffset":…}`: the bytes
    /// `beginObject`, `key`, `double` and `int` write, with one capacity check for the
    /// whole object when all three doubles are integral (nearly every position); otherwise
    /// through those calls. Written element by element they cost ~300 instructions a
    /// position, the largest part of emitting a pointer event.
    public func pointerPosition(x: Double, y: Double, id: Int, timeOffset: Double) {
        guard let xi = Self.exactInteger(x), let yi = Self.exactInteger(y), let ti = Self.exactInteger(timeOffset) else {
            beginObject()
            key("x")
            double(x)
            key("y")
            double(y)
            key("id")
            int(id)
            key("timeOffset")
            double(timeOffset)
            endObject()
            return
        }
        // A comma, the four keys (33 bytes), four integers of at most 20 bytes, `}`, and
        // the 8-byte stores that may write up to 7 bytes past a key (scratch, overwritten).
        reserve(128)
        var out = base + count
        out[0] = UInt8(ascii: ",")
        out += needsComma ? 1 : 0
        let raw = UnsafeMutableRawPointer(out)
        raw.storeBytes(of: UInt64(0x3A_22_78_22_7B).littleEndian, as: UInt64.self) // {"x":
        out += 5
        out += JSONText.writeInteger(xi, to: out)
        UnsafeMutableRawPointer(out).storeBytes(of: UInt64(0x3A_22_79_22_2C).littleEndian, as: UInt64.self) // ,"y":
        out += 5
        out += JSONText.writeInteger(yi, to: out)
        UnsafeMutableRawPointer(out).storeBytes(of: UInt64(0x3A_22_64_69_22_2C).littleEndian, as: UInt64.self) // ,"id":
        out += 6
        out += JSONText.writeInteger(Int64(id), to: out)
        // ,"timeOffset":  (14 bytes: 8 + 6)
        UnsafeMutableRawPointer(out).storeBytes(of: UInt64(0x66_4F_65_6D_69_74_22_2C).littleEndian, as: UInt64.self)
        UnsafeMutableRawPointer(out + 8).storeBytes(of: UInt64(0x3A_22_74_65_73_66).littleEndian, as: UInt64.self)
        out += 14
        out += JSONText.writeInteger(ti, to: out)
        out[0] = UInt8(ascii: "}")
        count = out + 1 - base
        needsComma = true
    }

    /// `value` as the integer ``double(_:)`` writes for it, or `nil` when it writes
    /// something else (a fraction, an exponent, `null`).
    @inline(__always)
    static func exactInteger(_ value: Double) -> Int64? {
        guard abs(value) < 9e15, Double(Int64(value)) == value else { return nil }
        return Int64(value)
    }

    /// Writes pre-encoded JSON verbatim (the caller guarantees it is one valid value).
    public func raw(_ json: UnsafeBufferPointer<UInt8>) {
        separate()
        let n = json.count
        if n >= 16 && n <= 64, let source = json.baseAddress {
            // A kept pointer position (~45 bytes, six an event) copied by overlapping
            // 16-byte moves: the call into memmove cost about as much as the copy.
            reserve(n)
            JSONText.copySmall(from: UnsafeRawPointer(source), to: UnsafeMutableRawPointer(base + count), count: n)
            count += n
        } else {
            put(json)
        }
        needsComma = true
    }

    /// Writes pre-encoded JSON verbatim (the caller guarantees it is one valid value).
    public func raw(_ json: [UInt8]) {
        json.withUnsafeBufferPointer { raw($0) }
    }

    /// Writes pre-encoded JSON verbatim (the caller guarantees it is one valid value).
    public func raw(_ json: some Collection<UInt8>) {
        if json.withContiguousStorageIfAvailable({ raw($0) }) == nil { raw(Array(json)) }
    }

    // MARK: - encoding primitives

    private func appendInteger(_ value: Int64) {
        reserve(20)
        count += JSONText.writeInteger(value, to: base + count)
    }

    private func appendEscaped(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            reserve(utf8.count + 2)
            base[count] = UInt8(ascii: "\"")
            count += 1
            // Most strings need no escape: their bytes are copied as they are checked.
            let plain = Self.copyPlainPrefix(utf8, to: base + count)
            count += plain
            if plain < utf8.count { appendEscapedRest(utf8, from: plain) }
            put(UInt8(ascii: "\""))
        }
    }

    /// The bytes of `utf8` from `from` on, escaped: runs of plain bytes copied whole, and
    /// each byte JSON requires escaped written as its escape.
    private func appendEscapedRest(_ utf8: UnsafeBufferPointer<UInt8>, from: Int) {
        var runStart = from
        var i = from
        while true {
            i = Self.nextByteToEscape(utf8, from: i)
            if i > runStart { put(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            guard i < utf8.count else { break }
            appendEscape(utf8[i])
            i += 1
            runStart = i
        }
    }

    /// Copies the bytes of `utf8` up to the first that JSON requires escaped to `out`
    /// (which has room for all of `utf8`), eight at a time; returns how many it copied.
    /// Past that count `out` may hold some of the following bytes, for the caller to
    /// overwrite.
    @inline(__always)
    private static func copyPlainPrefix(_ utf8: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let start = utf8.baseAddress else { return 0 }
        let source = UnsafeRawPointer(start)
        let target = UnsafeMutableRawPointer(out)
        let n = utf8.count
        var i = 0
        while i &+ 8 <= n {
            let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            target.storeBytes(of: word, toByteOffset: i, as: UInt64.self)
            let flagged = JSONText.needsEscape(UInt64(littleEndian: word))
            if flagged != 0 { return i &+ flagged.trailingZeroBitCount / 8 }
            i &+= 8
        }
        // Most strings (names, short values) are shorter than a word: four bytes at a time.
        if i &+ 4 <= n {
            let word = source.loadUnaligned(fromByteOffset: i, as: UInt32.self)
            target.storeBytes(of: word, toByteOffset: i, as: UInt32.self)
            let flagged = JSONText.needsEscape(UInt64(UInt32(littleEndian: word)) | 0x2020_2020_0000_0000)
            if flagged != 0 { return i &+ flagged.trailingZeroBitCount / 8 }
            i &+= 4
        }
        while i < n {
            let c = start[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            out[i] = c
            i &+= 1
        }
        return n
    }

    /// The index of the next byte that JSON requires escaped (a quote, a backslash or a
    /// control character), eight bytes at a time.
    @inline(__always)
    private static func nextByteToEscape(_ utf8: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let start = utf8.baseAddress else { return utf8.count }
        let raw = UnsafeRawPointer(start)
        var i = from
        while i + 8 <= utf8.count {
            let flagged = JSONText.needsEscape(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            if flagged != 0 { return i + flagged.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < utf8.count {
            let c = utf8[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            i += 1
        }
        return i
    }

    private func appendEscape(_ c: UInt8) {
        reserve(6)
        count &+= JSONText.writeEscape(c, to: base + count)
    }
}
