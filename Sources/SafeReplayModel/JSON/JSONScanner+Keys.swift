#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keys a decoder expects, matched in place: the fast path for the canonical key order.
extension JSONScanner {
    /// Consumes `"name":` (or `,"name":` after a member) when it comes next, written
    /// compactly: the key a decoder expects in the canonical order. Anything else (another
    /// key, whitespace, escapes, the end of the object) leaves the scanner untouched, for
    /// ``nextKey()`` to read.
    ///
    /// `name` is a literal, so the bytes to expect fold into constants: a key of up to 12
    /// bytes costs one or two 8-byte compares.
    @inline(__always)
    public mutating func matchKey(_ name: StaticString) -> Bool {
        key(name)
    }

    /// ``matchKey(_:)``, inlined at every call site even in large decoders (where the
    /// optimizer would otherwise stop inlining and the key's bytes would not fold into
    /// constants).
    @_transparent
    mutating func key(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        if n <= 12, count &- position >= 16 {
            // `,"name":` or `"name":`, as two little-endian words and the bytes that count.
            let total = afterOpen ? n &+ 3 : n &+ 4
            let (low, high) = afterOpen ? Self.keyPattern(name, comma: false) : Self.keyPattern(name, comma: true)
            guard matchWords(low, high, total: total) else { return false }
            afterOpen = false
            return true
        }
        return matchKeyBytewise(name)
    }

    /// ``key(_:)`` for a key that follows a member's value, where `afterOpen` is always
    /// false (every value reader leaves it so): only `,"name":` is tried, so the bytes and
    /// the length fold into constants without ``key(_:)``'s select between the two forms
    /// (about fifteen instructions a key). Right after `{` it matches nothing, which sends
    /// the caller to its general reading, as for any other unexpected key.
    @_transparent
    mutating func keyAfterValue(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        if afterOpen { return false }
        if n <= 12, count &- position >= 16 {
            let total = n &+ 4
            let (low, high) = Self.keyPattern(name, comma: true)
            return matchWords(low, high, total: total)
        }
        return matchKeyBytewise(name)
    }

    /// ``key(_:)`` for an object's first key, right after `beginObject()` (which always
    /// leaves `afterOpen` set): only `"name":` is tried, without the select. After a member
    /// it matches nothing, which sends the caller to its general reading.
    @_transparent
    mutating func keyAfterOpen(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        if !afterOpen { return false }
        if n <= 12, count &- position >= 16 {
            let (low, high) = Self.keyPattern(name, comma: false)
            guard matchWords(low, high, total: n &+ 3) else { return false }
            afterOpen = false
            return true
        }
        return matchKeyBytewise(name)
    }

    /// Consumes the `total` (at most 16) bytes at `position` when they are `low` then `high`
    /// (little-endian words, zero past `total`); 16 bytes must be readable there.
    @_transparent
    mutating func matchWords(_ low: UInt64, _ high: UInt64, total: Int) -> Bool {
        let first = Self.load64(base + position)
        if total <= 8 {
            let mask: UInt64 = total == 8 ? ~0 : (1 &<< UInt64(total &* 8)) &- 1
            guard first & mask == low else { return false }
        } else {
            let second = Self.load64(base + (position &+ 8))
            let mask: UInt64 = total == 16 ? ~0 : (1 &<< UInt64((total &- 8) &* 8)) &- 1
            guard first == low, second & mask == high else { return false }
        }
        position &+= total
        return true
    }

    /// The bytes of `,"name":` (without the comma when `comma` is false), the first eight
    /// in `low`, the next eight in `high`, as little-endian words.
    @_transparent
    static func keyPattern(_ name: StaticString, comma: Bool) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var j = 0
        @inline(__always) func put(_ byte: UInt8) {
            if j < 8 {
                low |= UInt64(byte) &<< UInt64(j &* 8)
            } else if j < 16 {
                high |= UInt64(byte) &<< UInt64((j &- 8) &* 8)
            }
            j &+= 1
        }
        if comma { put(UInt8(ascii: ",")) }
        put(UInt8(ascii: "\""))
        for i in 0..<name.utf8CodeUnitCount { put(name.utf8Start[i]) }
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        return (low, high)
    }

    /// ``matchKey(_:)`` near the end of the input or for long keys.
    @inline(__always)
    mutating func matchKeyBytewise(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        var p = position
        if !afterOpen {
            guard p < count, base[p] == UInt8(ascii: ",") else { return false }
            p += 1
        }
        guard count - p >= n + 3, base[p] == UInt8(ascii: "\""), base[p + n + 1] == UInt8(ascii: "\""),
              base[p + n + 2] == UInt8(ascii: ":"), memcmp(base + p + 1, name.utf8Start, n) == 0
        else { return false }
        position = p + n + 3
        afterOpen = false
        return true
    }

    /// Consumes the `}` that closes the current object when it comes next, right after
    /// the last member (compact JSON); `false` leaves the scanner untouched.
    @inline(__always)
    public mutating func matchObjectEnd() -> Bool {
        guard position < count, base[position] == UInt8(ascii: "}") else { return false }
        position &+= 1
        depth &-= 1
        afterOpen = false
        return true
    }
}
