import SafeReplayModel

extension Mirror {
    /// The attribute entries of `s` where they lie in the mirror's array, read without a
    /// retain and release of that array around their use (each an atomic write to the
    /// array's header, a line of the recorder's input on a large page). Valid while the
    /// attributes of `s` do not change: the mirror's reference is all that keeps them.
    /// `nil` when the layout check failed (``entriesLayoutHolds``, kept in
    /// ``readsEntriesInPlace``): callers then take the array's own path.
    @inline(__always)
    func entriesInPlace(of s: Int32) -> UnsafeBufferPointer<Attributes.Entry>? {
        guard readsEntriesInPlace else { return nil }
        // `attributes.address` checks `s`; the slot holds one reference, to the storage
        // object, whose count and elements are at the offsets the check found.
        let object = UnsafeRawPointer(attributes.address(Int(s))).load(as: UnsafeRawPointer.self)
        let count = object.load(fromByteOffset: Self.entriesCountOffset, as: Int.self)
        let entries = (object + Self.entriesElementsOffset).assumingMemoryBound(to: Attributes.Entry.self)
        return UnsafeBufferPointer(start: entries, count: count)
    }

    static let entriesCountOffset = 16
    static let entriesElementsOffset = 32

    /// Whether an `Attributes` is one reference to an array storage object holding its count
    /// at `entriesCountOffset` and its elements from `entriesElementsOffset`, for arrays made
    /// every way the mirror gets them (literal, appended, empty).
    static let entriesLayoutHolds: Bool = {
        guard MemoryLayout<Attributes>.size == MemoryLayout<UnsafeRawPointer>.size else { return false }
        var grown = Attributes()
        for i in 0..<5 { grown.entries.append(Attributes.Entry(name: "n\(i)", value: .string("v"))) }
        let samples: [Attributes] = [Attributes(), ["class": .string("card"), "id": .number(1)], grown]
        return samples.allSatisfy { sample in
            withUnsafePointer(to: sample) { p in
                let object = UnsafeRawPointer(p).load(as: UnsafeRawPointer.self)
                return sample.entries.withUnsafeBufferPointer { buffer in
                    object.load(fromByteOffset: entriesCountOffset, as: Int.self) == buffer.count
                        && (buffer.isEmpty || UnsafeRawPointer(buffer.baseAddress!) == object + entriesElementsOffset)
                }
            }
        }
    }()
}
