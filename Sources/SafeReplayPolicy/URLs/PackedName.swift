/// A name of up to 16 bytes as two words and a length.
struct PackedName: Equatable {
    var count: Int
    var low: UInt64 = 0
    var high: UInt64 = 0

    /// `bytes.count` must be at most 16.
    @inline(__always)
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        guard let base = bytes.baseAddress else { return }
        withUnsafeMutableBytes(of: &low) { $0.baseAddress!.copyMemory(from: base, byteCount: min(count, 8)) }
        if count > 8 {
            withUnsafeMutableBytes(of: &high) { $0.baseAddress!.copyMemory(from: base + 8, byteCount: count - 8) }
        }
    }
}
