extension Array {
    /// `count` copies of `filler`. Up to four as an array literal is written: the compiler
    /// allocates a literal's storage with the storage class's metadata cached in place,
    /// where every other way of sizing an array (`reserveCapacity`, `init(repeating:count:)`,
    /// `init(unsafeUninitializedCapacity:initializingWith:)`) looks it up in the runtime's
    /// generic-metadata cache on each call, which costs as much as scanning a short string.
    @inline(__always)
    static func filled(_ count: Int, with filler: Element) -> [Element] {
        switch count {
        case 1: [filler]
        case 2: [filler, filler]
        case 3: [filler, filler, filler]
        case 4: [filler, filler, filler, filler]
        default: Array(repeating: filler, count: count)
        }
    }
}
