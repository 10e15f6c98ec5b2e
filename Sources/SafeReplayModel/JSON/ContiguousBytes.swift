/// Runs `body` over the bytes of `bytes`, copying only when they are not contiguous.
/// (The standard library's `withUnsafeBytes` rethrows untyped errors; this keeps the
/// scanner's typed `JSONError`.)
public func withContiguousBytes<R>(
    _ bytes: some Sequence<UInt8>,
    _ body: (UnsafeRawBufferPointer) throws(JSONError) -> R
) throws(JSONError) -> R {
    let direct: Result<R, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
        Result { () throws(JSONError) -> R in try body(UnsafeRawBufferPointer(buffer)) }
    }
    if let direct { return try direct.get() }
    let copy = Array(bytes)
    let copied: Result<R, JSONError> = copy.withUnsafeBytes { raw in
        Result { () throws(JSONError) -> R in try body(raw) }
    }
    return try copied.get()
}
