/// A small set of names (class names, ids, attribute names the rules mention), each with
/// a dense index, looked up by the bytes of a token without hashing a `String`.
///
/// Lookups answer exactly what `String ==` would (canonical equivalence): byte equality
/// decides only when both sides are ASCII, where the two agree; anything else is compared
/// as Strings, one name at a time (rare: rules and pages are ASCII in practice).
///
/// A class, so that a lookup through the object holding it does not copy (and retain)
/// its arrays; it is filled once, then only read.
final class NameTable {
    @exclusivity(unchecked) private(set) var names: [String] = []
    /// The names' bytes, back to back; name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var starts: [Int32] = [0]
    /// Open addressing over name indices (-1: empty); a power of two, at most half full.
    @exclusivity(unchecked) private var slots: [Int32] = []
    /// Some name is not ASCII: every lookup compares Strings.
    @exclusivity(unchecked) private(set) var hasNonASCIIName = false
    /// Some name has an ASCII upper-case letter: folded lookups compare Strings.
    @exclusivity(unchecked) private(set) var hasUpperCaseName = false

    var count: Int { names.count }

    /// Whether ``foldedIndex(ofASCII:)`` answers for every ASCII token.
    var foldsExactly: Bool { !hasNonASCIIName && !hasUpperCaseName }

    /// The index of `name`, added when absent.
    @discardableResult
    func insert(_ name: String) -> Int32 {
        if let i = index(ofString: name) { return i }
        let i = Int32(names.count)
        names.append(name)
        bytes.append(contentsOf: name.utf8)
        starts.append(Int32(bytes.count))
        if name.utf8.contains(where: { $0 >= 0x80 }) { hasNonASCIIName = true }
        if name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { hasUpperCaseName = true }
        if names.count * 2 > slots.count {
            var size = Swift.max(8, slots.count)
            while size < names.count * 2 { size *= 2 }
            slots = [Int32](repeating: -1, count: size)
            for k in names.indices { place(Int32(k)) }
        } else {
            place(i)
        }
        return i
    }

    private func place(_ i: Int32) {
        let mask = slots.count - 1
        let h = bytes.withUnsafeBufferPointer { b in
            Self.hash(UnsafeBufferPointer(rebasing: b[Int(starts[Int(i)])..<Int(starts[Int(i) + 1])]), folded: false)
        }
        var k = h & mask
        while slots[k] >= 0 { k = (k + 1) & mask }
        slots[k] = i
    }

    @inline(__always)
    private static func hash(_ token: UnsafeBufferPointer<UInt8>, folded: Bool) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in token {
            let c = folded && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            h = (h ^ UInt32(c)) &* 16_777_619
        }
        return Int(h ^ (h >> 15))
    }

    /// The index of the name equal (as Strings) to `name`.
    func index(ofString name: String) -> Int32? {
        if names.isEmpty { return nil }
        if let found = name.utf8.withContiguousStorageIfAvailable({ index(ofBytes: $0, text: name) }) { return found }
        return slowIndex(of: name)
    }

    /// The index of the name equal (as Strings) to the token `utf8`, whose String is built
    /// by `text` only when the bytes cannot decide.
    @inline(__always)
    func index(ofBytes utf8: UnsafeBufferPointer<UInt8>, text: @autoclosure () -> String) -> Int32? {
        if names.isEmpty { return nil }
        if hasNonASCIIName || !Self.isASCII(utf8) { return slowIndex(of: text()) }
        return probe(utf8, folded: false)
    }

    /// The index of the name with exactly the bytes of `utf8`, for an ASCII token and a table
    /// without non-ASCII names (where bytes decide `==`).
    @inline(__always)
    func index(ofASCII utf8: UnsafeBufferPointer<UInt8>) -> Int32? {
        names.isEmpty ? nil : probe(utf8, folded: false)
    }

    /// The index of the name that `utf8` equals once its ASCII upper-case letters are folded.
    /// Only for an ASCII token when `foldsExactly`: the caller compares Strings otherwise.
    @inline(__always)
    func foldedIndex(ofASCII utf8: UnsafeBufferPointer<UInt8>) -> Int32? {
        names.isEmpty ? nil : probe(utf8, folded: true)
    }

    @inline(__always)
    private func probe(_ utf8: UnsafeBufferPointer<UInt8>, folded: Bool) -> Int32? {
        let mask = slots.count - 1
        var k = Self.hash(utf8, folded: folded) & mask
        while true {
            let i = slots[k]
            if i < 0 { return nil }
            if equal(Int(i), utf8, folded: folded) { return i }
            k = (k + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ i: Int, _ utf8: UnsafeBufferPointer<UInt8>, folded: Bool) -> Bool {
        let start = Int(starts[i]), end = Int(starts[i + 1])
        guard end - start == utf8.count else { return false }
        var j = 0
        while j < utf8.count {
            let b = utf8[j]
            let c = folded && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if c != bytes[start + j] { return false }
            j += 1
        }
        return true
    }

    private func slowIndex(of name: String) -> Int32? {
        for (i, n) in names.enumerated() where n == name { return Int32(i) }
        return nil
    }

    @inline(__always)
    static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in utf8 where b >= 0x80 { return false }
        return true
    }
}
