/// Bytes stored inline in `Storage`, a tuple of `UInt64`s (``Bytes32``, ``Bytes16``). Indices
/// are masked to the storage's size, never trapping: callers stay within ``DigitRun``'s
/// limits, and a bug would read a wrong digit rather than crash.
///
/// Plain words addressed as bytes, not a `SIMD32`: writing one lane of a vector type spills
/// the whole vector to the stack and reloads it, a store-forwarding stall per digit lexed.
struct InlineBytes<Storage> {
    private var storage: Storage

    init(zeros: Storage) {
        storage = zeros
    }

    /// The storage's size less one: its byte count is a power of two.
    @inline(__always) static var indexMask: Int { MemoryLayout<Storage>.size &- 1 }

    subscript(index: Int) -> UInt8 {
        // Unprotected: `withUnsafeBytes(of:)` made each function that reads a byte store and
        // check a stack-protector canary for the copy it reads from.
        @inline(__always) get {
            _withUnprotectedUnsafeBytes(of: storage) { $0[index & Self.indexMask] }
        }
        @inline(__always) set {
            withUnsafeMutableBytes(of: &storage) { $0[index & Self.indexMask] = newValue }
        }
    }

    /// The bytes, for loops that read many: each read through the subscript copies the
    /// storage out to the stack first.
    @inline(__always) func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        _withUnprotectedUnsafeBytes(of: storage, body)
    }
}

/// A run's digits (at most 24).
typealias Bytes32 = InlineBytes<(UInt64, UInt64, UInt64, UInt64)>

/// A run's per-group bytes (at most twelve groups). Half the size of ``Bytes32``: it keeps a
/// whole ``DigitRun`` within the 128 bytes the compiler copies with inline moves, where a
/// larger one was copied by a `memcpy` call at every run lexed.
typealias Bytes16 = InlineBytes<(UInt64, UInt64)>

extension InlineBytes where Storage == (UInt64, UInt64, UInt64, UInt64) {
    init() {
        self.init(zeros: (0, 0, 0, 0))
    }

    /// Bytes `offset ..< offset + 8` (`offset` at most 24) become `value`'s, lane 0 at `offset`.
    @inline(__always) mutating func store(_ value: UInt64, at offset: Int) {
        withUnsafeMutableBytes(of: &storage) { raw in
            let at = offset & 31 < 24 ? offset & 31 : 24
            raw.storeBytes(of: value.littleEndian, toByteOffset: at, as: UInt64.self)
        }
    }
}

extension InlineBytes where Storage == (UInt64, UInt64) {
    init() {
        self.init(zeros: (0, 0))
    }
}
