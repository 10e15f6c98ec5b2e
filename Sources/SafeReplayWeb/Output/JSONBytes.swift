import SafeReplayModel

/// A byte buffer for serialized nodes, written with exactly the bytes `JSONWriter` writes
/// (same escapes, same numbers) but with the commas and keys placed by the caller, whose
/// shapes are fixed: a node is a few literal runs around its strings.
///
/// A class over a raw buffer, like `JSONWriter`, and reused for every event. A snapshot
/// is written straight into the memory of the array it is handed out as
/// (``beginArray(_:expecting:)``): copying a large page's tree into its event was a second
/// pass over all its bytes.
final class JSONBytes {
    /// The buffer written: the class's own memory, or an adopted array's elements.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    /// While writing into an array: that array (its count is `capacity`, its elements
    /// `base`), and the class's own memory, set aside.
    @exclusivity(unchecked) private var array: [UInt8] = []
    @exclusivity(unchecked) private var own: (base: UnsafeMutablePointer<UInt8>, capacity: Int)?
    /// For the rare values written through `JSONWriter` (numbers, style diffs).
    @exclusivity(unchecked) private var scratch = JSONWriter(capacity: 64)
    /// Whether short strings can be written from their own two words (see ``SmallStringCache``).
    private let smallStrings = SmallStringCache.layoutHolds()

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        (own?.base ?? base).deallocate()
    }

    func reset() { count = 0 }

    /// The bytes written, for the duration of `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count &+ n > capacity { grow(to: count &+ n) }
    }

    @inline(never)
    private func grow(to needed: Int) {
        if own != nil {
            growArray(to: needed)
        } else {
            (base, capacity) = JSONText.grow(base, count: count, capacity: capacity, to: needed)
        }
    }

    /// Gives a very large buffer back when it is more than twice what a snapshot of the
    /// current page needs (`pageBytes`): a huge page left behind should not pin it for the
    /// session, but one still open must not free and regrow it on every snapshot, whose
    /// fresh pages each fault in again.
    func shrinkIfHuge(pageBytes: Int) {
        guard own == nil, capacity > 1 << 22 && capacity / 2 > pageBytes else { return }
        base.deallocate()
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
        count = 0
    }

    // MARK: writing

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    /// Our own JSON syntax, written as it is.
    @inline(__always)
    func literal(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: s.utf8Start, count: n)
        count &+= n
    }

    /// A JSON string: quoted and escaped as `JSONWriter.string` writes it.
    @inline(__always)
    func string(_ s: String) {
        if smallStrings && smallString(s) { return }
        if s.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
            var copy = s
            copy.withUTF8 { quoted($0) }
        }
    }

    /// Writes a short string (held in its two words) that needs no escape, with two stores;
    /// returns false, having written nothing, for any other string.
    @inline(__always)
    private func smallString(_ s: String) -> Bool {
        guard let words = Self.plainWords(of: s) else { return false }
        reserve(18)
        writeSmall(words)
        return true
    }

    /// A small string from words that ``isSmallPlain(_:)`` accepted
    /// (``TagTable/plainNameWords(_:)``), quoted.
    @inline(__always)
    func smallPlainString(words: (UInt64, UInt64)) {
        reserve(18)
        writeSmall(words)
    }

    /// `"name":"value"` from two small strings' words (``EntryWords``) that
    /// ``isSmallPlain(_:)`` accepts (``ContentSanitizer/keepsSmallPlain(name:text:)``
    /// remembered so), after a comma when `comma`.
    @inline(__always)
    func smallPlainPair(_ name: (UInt64, UInt64), _ value: (UInt64, UInt64), after comma: Bool) {
        reserve(38)
        if comma {
            base[count] = UInt8(ascii: ",")
            count &+= 1
        }
        writeSmall(name)
        base[count] = UInt8(ascii: ":")
        count &+= 1
        writeSmall(value)
    }

    /// `"name":value` of an attribute, after a comma when `comma` (``smallPlainPair(_:_:after:)``'s
    /// general form).
    @inline(__always)
    func member(_ name: String, _ value: AttributeValue, after comma: Bool) {
        if comma { byte(UInt8(ascii: ",")) }
        string(name)
        byte(UInt8(ascii: ":"))
        self.value(value)
    }

    /// The two words of `s` when it is a small string none of whose bytes needs an escape
    /// (what ``smallPlainString(words:)`` and ``smallPlainPair(_:_:after:)`` write), else
    /// `nil`. Read only where strings are laid out as ``SmallStringCache/layoutHolds()`` checks.
    @inline(__always)
    static func plainWords(of s: String) -> (UInt64, UInt64)? {
        guard MemoryLayout<String>.size == 16 else { return nil }
        let words = unsafeBitCast(s, to: (UInt64, UInt64).self)
        return isSmallPlain(words) ? words : nil
    }

    /// Whether `words` are a small string's, none of whose bytes needs an escape.
    @inline(__always)
    static func isSmallPlain(_ words: (UInt64, UInt64)) -> Bool {
        let (a, b) = words
        guard b & SmallStringCache.smallFlag != 0 else { return false }
        let n = Int(truncatingIfNeeded: (b >> 56) & 0xF)
        // Lanes past the count (and the flags byte) read as a letter, so only the string's
        // own bytes can ask for an escape.
        let letters: UInt64 = 0x4141_4141_4141_4141
        let pastA: UInt64 = n >= 8 ? 0 : ~0 << UInt64(8 * n)
        let pastB: UInt64 = n <= 8 ? ~0 : ~0 << UInt64(8 * (n - 8))
        let wordA = a & ~pastA | letters & pastA
        let wordB = b & ~pastB | letters & pastB
        return escapeBits(wordA) | escapeBits(wordB) == 0
    }

    /// The small string `words` quoted, with two stores (18 bytes reserved by the caller).
    @inline(__always)
    private func writeSmall(_ words: (UInt64, UInt64)) {
        let (a, b) = words
        let n = Int(truncatingIfNeeded: (b >> 56) & 0xF)
        let pastB: UInt64 = n <= 8 ? ~0 : ~0 << UInt64(8 * (n - 8))
        let out = UnsafeMutableRawPointer(base + count)
        out.storeBytes(of: 0x22, as: UInt8.self)
        out.storeBytes(of: a.littleEndian, toByteOffset: 1, as: UInt64.self)
        out.storeBytes(of: (b & ~pastB).littleEndian, toByteOffset: 9, as: UInt64.self)
        out.storeBytes(of: 0x22, toByteOffset: 1 + n, as: UInt8.self)
        count &+= n &+ 2
    }

    /// `JSONText.needsEscape`, kept here: that one is not inlined across the module
    /// boundary, and a call per word cost more than the test.
    @inline(__always)
    private static func escapeBits(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = x ^ (ones &* 0x22)
        let slash = x ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (slash &- ones) & ~slash | (x &- ones &* 0x20) & ~x) & (ones &* 0x80)
    }

    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// An integer as `JSONWriter.int` writes it.
    func int(_ value: Int) {
        reserve(20)
        writeInt(value)
    }

    /// A node's last member and its end, `,"id":` the id `}`, with one test of the room
    /// left: every node ends so, and its three pieces each tested it (and the id was a call).
    @inline(__always)
    func idMemberAndEnd(_ id: Int) {
        reserve(6 &+ 20 &+ 1)
        let out = UnsafeMutableRawPointer(base + count)
        // `,"id":` as two stores (little-endian: the first byte lowest).
        out.storeBytes(of: UInt32(0x6469_222C).littleEndian, as: UInt32.self)
        out.storeBytes(of: UInt16(0x3A22).littleEndian, toByteOffset: 4, as: UInt16.self)
        count &+= 6
        writeInt(id)
        base[count] = UInt8(ascii: "}")
        count &+= 1
    }

    /// `value`'s digits at the end of the bytes written (20 bytes reserved by the caller).
    @inline(__always)
    private func writeInt(_ value: Int) {
        // Node ids, the common case, here: the shared writer is not inlined across modules.
        guard value >= 0 && value < 100_000_000 else {
            count &+= JSONText.writeInteger(Int64(value), to: base + count)
            return
        }
        var v = UInt32(truncatingIfNeeded: value)
        let n = v < 10_000
            ? (v < 100 ? (v < 10 ? 1 : 2) : (v < 1_000 ? 3 : 4))
            : (v < 1_000_000 ? (v < 100_000 ? 5 : 6) : (v < 10_000_000 ? 7 : 8))
        let out = base + count
        var i = n
        // Two digits a division, from a table of the pairs.
        let pairs = Self.digitPairs.utf8Start
        while i >= 2 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100) &* 2
            i &-= 2
            out[i] = pairs[r]
            out[i &+ 1] = pairs[r &+ 1]
            v = q
        }
        if i == 1 { out[0] = UInt8(truncatingIfNeeded: v) &+ 0x30 }
        count &+= n
    }

    /// An attribute value as `AttributeValue.encode(into:)` writes it.
    func value(_ value: AttributeValue) {
        switch value {
        case .string(let s): string(s)
        case .bool(let b): b ? literal("true") : literal("false")
        case .null: literal("null")
        case .number, .styleDiff:
            scratch.reset()
            var w = scratch
            value.encode(into: &w)
            scratch.withBytes { append($0) }
        }
    }

    /// Bytes written as they are (the parts of an event around a snapshot's tree).
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count &+= bytes.count
    }

    /// Copies eight bytes at a time while none needs an escape; then byte by byte.
    @inline(__always)
    private func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        reserve(n &+ 2)
        base[count] = 0x22
        count &+= 1
        var i = 0
        if let source = utf8.baseAddress {
            let raw = UnsafeRawPointer(source)
            while i &+ 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if Self.escapeBits(UInt64(littleEndian: word)) != 0 { break }
                UnsafeMutableRawPointer(base + count).storeBytes(of: word, as: UInt64.self)
                count &+= 8
                i &+= 8
            }
            // Fewer than eight bytes left (no escape met): the word ending at the end, whose
            // first bytes are already written (the same ones); the byte loop cost about eleven
            // instructions a byte.
            if i < n && n >= 8 && i &+ 8 > n {
                let word = raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                if Self.escapeBits(UInt64(littleEndian: word)) == 0 {
                    UnsafeMutableRawPointer(base + (count &- (i &- (n &- 8)))).storeBytes(of: word, as: UInt64.self)
                    count &+= n &- i
                    i = n
                }
            }
            // Within the reservation until the first escape; each escape reserves its own room.
            while i < n {
                let c = source[i]
                if c < 0x20 || c == 0x22 || c == 0x5C {
                    escape(c)
                } else {
                    reserve(1)
                    base[count] = c
                    count &+= 1
                }
                i &+= 1
            }
        }
        reserve(1)
        base[count] = 0x22
        count &+= 1
    }

    private func escape(_ c: UInt8) {
        reserve(6)
        count &+= JSONText.writeEscape(c, to: base + count)
    }

    // MARK: writing into an array

    /// Writes from now on into `target`'s memory, from its start, until ``finishArray()``
    /// hands the bytes written out as an array. `target` must be held by no one else (it is
    /// written through a pointer; ``isUniquelyReferenced(_:)``), or empty: then a new array
    /// of `size` bytes is used.
    func beginArray(_ target: consuming [UInt8], expecting size: Int) {
        precondition(own == nil, "JSONBytes: already writing into an array")
        // Moved, not copied: a second reference would make the first write copy it.
        array = consume target
        // A new array's bytes are claimed written (they are bytes; only the ones written
        // are ever read): filling them first would be one more pass over a large page.
        if array.count < 64 { array = Self.uninitializedArray(Swift.max(size, 64), copying: base, count: 0) }
        own = (base, capacity)
        adoptArray()
        count = 0
    }

    /// The bytes written since ``beginArray(_:expecting:)``, as the array written into
    /// (or, when that is over twice their size, a copy); writing goes back to the own buffer.
    func finishArray() -> [UInt8] {
        guard let (ownBase, ownCapacity) = own else { preconditionFailure("JSONBytes: not writing into an array") }
        var result: [UInt8]
        if array.capacity / 2 > count {
            // A small page after a large one: the bytes go through the own buffer, so that
            // the large array is freed before the small one is allocated (its memory can
            // then be the small one's, as when a snapshot was assembled from the parts).
            let written = count
            own = nil
            (base, capacity, count) = (ownBase, ownCapacity, 0)
            reserve(written)
            base.update(from: array.withUnsafeBufferPointer { $0.baseAddress! }, count: written)
            array = []
            result = Self.uninitializedArray(written, copying: base, count: written)
        } else {
            result = array
            array = []
            // Only bytes past the count: no copy, nothing to release (UInt8 is trivial).
            result.removeSubrange(count...)
            own = nil
            (base, capacity) = (ownBase, ownCapacity)
        }
        count = 0
        return result
    }

    /// Whether `bytes`' storage is held by no other array: a taker of an earlier event may
    /// still hold it, and then it must not be written into. An array is a single reference
    /// to its storage, a native object, whose count is read as that of any native class
    /// (`AnyObject` there read as shared in debug builds). Where the layout says
    /// otherwise, no array counts as unique (the snapshot then goes into a new one).
    static func isUniquelyReferenced(_ bytes: inout [UInt8]) -> Bool {
        guard MemoryLayout<[UInt8]>.size == MemoryLayout<ArrayStorage>.size, bytes.capacity > 0 else { return false }
        return withUnsafeMutablePointer(to: &bytes) { p in
            p.withMemoryRebound(to: ArrayStorage.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
        }
    }

    /// Stands for an array's storage object in ``isUniquelyReferenced(_:)``; never made.
    private final class ArrayStorage {}

    /// `base` and `capacity` from `array` (held by this object alone, so its elements do
    /// not move until it is changed).
    private func adoptArray() {
        base = array.withUnsafeMutableBufferPointer { $0.baseAddress! }
        capacity = array.count
    }

    /// More room in the array written into: within its capacity, its count extended in
    /// place (the bytes past the old count are filled: a few, as when a page grew a
    /// little since its last snapshot); otherwise a new array with the bytes written.
    private func growArray(to needed: Int) {
        let wanted = Swift.max(needed, capacity &+ capacity / 8 &+ 4096)
        if needed <= array.capacity {
            array.append(contentsOf: repeatElement(0, count: Swift.min(wanted, array.capacity) &- array.count))
        } else {
            array = Self.uninitializedArray(Swift.max(needed, capacity &* 2), copying: base, count: count)
        }
        adoptArray()
    }

    /// An array of `size` bytes, the first `written` copied from `source`, the rest unset.
    private static func uninitializedArray(_ size: Int, copying source: UnsafeMutablePointer<UInt8>, count written: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            if written > 0 { buffer.baseAddress!.initialize(from: source, count: written) }
            initialized = size
        }
    }
}
