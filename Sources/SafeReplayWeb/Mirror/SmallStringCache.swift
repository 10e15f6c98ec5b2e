/// Remembers answers of a pure function of a short string (an attribute or tag name, a
/// class list), keyed by the string's own two words.
///
/// Swift stores a string of up to 15 UTF-8 bytes inline ("small"): its two words are its
/// bytes, its count and flags, so equal words mean equal strings, and a lookup costs a
/// hash of two words instead of a walk over the bytes. Strings stored out of line are
/// never remembered: their words hold a pointer, which a freed and reused buffer could
/// repeat. When the layout is not the one expected (checked once, at init), nothing is
/// remembered and every caller takes its general path.
///
/// A class so that the owners' copies share it; used by one sanitizer (one thread) only.
final class SmallStringCache {
    private struct Entry {
        var a: UInt64
        var b: UInt64
        var value: UInt64
    }

    /// Entries, two ways: a string's answer is in its slot or the slot's pair (`slot ^ 1`),
    /// so two strings of one slot do not replace each other on every use (`h2` and `p` did,
    /// and 38% of a page's tag lookups missed).
    private static let size = 256
    private let entries: UnsafeMutablePointer<Entry>
    private let enabled: Bool

    init() {
        entries = .allocate(capacity: Self.size)
        // All-zero words are no small string (its flag bit is set): an empty slot.
        entries.initialize(repeating: Entry(a: 0, b: 0, value: 0), count: Self.size)
        enabled = Self.layoutHolds()
    }

    deinit {
        entries.deallocate()
    }

    /// Bit 61 of the second word marks a small string in the standard library's 64-bit
    /// layout; the first word holds its first eight bytes.
    static let smallFlag: UInt64 = 1 << 61

    /// Whether strings are laid out as this type (and ``JSONBytes/string(_:)``) expect.
    static func layoutHolds() -> Bool {
        guard MemoryLayout<String>.size == 16 else { return false }
        let small = String(decoding: [0x61, 0x62], as: UTF8.self)
        let large = String(repeating: "x", count: 40)
        let s = unsafeBitCast(small, to: (UInt64, UInt64).self)
        let l = unsafeBitCast(large, to: (UInt64, UInt64).self)
        return s.0 == 0x6261 && s.1 & smallFlag != 0 && l.1 & smallFlag == 0
    }

    @inline(__always)
    static func slot(_ a: UInt64, _ b: UInt64) -> Int {
        Int(truncatingIfNeeded: (((a &* 0x9E37_79B9_7F4A_7C15) ^ b) &* 0xFF51_AFD7_ED55_8CCD) >> 56)
    }

    /// The remembered answer for `s`, if any.
    @inline(__always)
    func value(for s: String) -> UInt64? {
        value(words: unsafeBitCast(s, to: (UInt64, UInt64).self))
    }

    /// The remembered answer for the string whose two words are `words`, if any.
    @inline(__always)
    func value(words: (UInt64, UInt64)) -> UInt64? {
        guard enabled else { return nil }
        let (a, b) = words
        guard b & Self.smallFlag != 0 else { return nil }
        let i = Self.slot(a, b)
        let e = entries[i]
        if e.a == a && e.b == b { return e.value }
        let pair = entries[i ^ 1]
        return pair.a == a && pair.b == b ? pair.value : nil
    }

    /// Remembers `value` for `s` (ignored for strings stored out of line).
    func store(_ value: UInt64, for s: String) {
        guard enabled else { return }
        let (a, b) = unsafeBitCast(s, to: (UInt64, UInt64).self)
        guard b & Self.smallFlag != 0 else { return }
        // Its own or an empty slot of the pair, else the first slot's older answer goes.
        let i = Self.slot(a, b)
        func free(_ j: Int) -> Bool { entries[j].b == 0 || entries[j].a == a && entries[j].b == b }
        entries[free(i) || !free(i ^ 1) ? i : i ^ 1] = Entry(a: a, b: b, value: value)
    }
}
