extension Array {
    /// Removes every element and keeps the memory, for the short lists a mutation batch
    /// fills and empties again: one `removeLast` per element cost less than
    /// `removeAll(keepingCapacity:)`, which replaced the range generically (~150
    /// instructions for a list of one).
    @inline(__always)
    mutating func empty() {
        while !isEmpty { removeLast() }
    }
}
