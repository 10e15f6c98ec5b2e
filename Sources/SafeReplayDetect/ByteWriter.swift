/// Appends bytes to memory sized beforehand (a new string's storage): a struct passed
/// `inout` rather than a closure over a captured counter, which paid a dynamic
/// exclusivity check on every write.
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var written = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
    }

    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + written).update(from: source, count: bytes.count)
        written += bytes.count
    }

    @inline(__always) mutating func put(_ text: StaticString) {
        (base + written).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        written += text.utf8CodeUnitCount
    }
}
