/// The policy's `urls.allowParameters`, compared byte for byte: in raw memory owned by the
/// `URLRules` that built it, so a scan copies it without reference counting, and bucketed
/// by length so most names are turned away by one test.
struct AllowedNames {
    /// The names' bytes back to back; name `k` is `bytes[bounds[k]..<bounds[k + 1]]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let bounds: UnsafeMutablePointer<Int>
    private let count: Int
    /// Bit `k` is set when a name is `k` bytes long (bit 63: 63 bytes or more).
    private let lengths: UInt64

    init(_ names: [String]) {
        let utf8 = names.map { Array($0.utf8) }
        bytes = .allocate(capacity: max(utf8.reduce(0) { $0 + $1.count }, 1))
        bounds = .allocate(capacity: utf8.count + 1)
        count = utf8.count
        var lengths: UInt64 = 0
        var offset = 0
        bounds[0] = 0
        for (k, name) in utf8.enumerated() {
            (bytes + offset).initialize(from: name, count: name.count)
            offset += name.count
            bounds[k + 1] = offset
            lengths |= Self.lengthBit(name.count)
        }
        self.lengths = lengths
    }

    /// Frees the storage; called once by the owner.
    func deallocate() {
        bytes.deallocate()
        bounds.deallocate()
    }

    @inline(__always) private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

    /// Whether `name` is one of the names, exactly.
    func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = name.count
        guard lengths & Self.lengthBit(m) != 0, let source = name.baseAddress else { return false }
        for k in 0..<count where bounds[k + 1] - bounds[k] == m {
            let candidate = bytes + bounds[k]
            var i = 0
            while i < m, candidate[i] == source[i] { i += 1 }
            if i == m { return true }
        }
        return false
    }
}
