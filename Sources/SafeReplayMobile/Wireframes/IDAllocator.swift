import SafeReplayModel

/// Output wireframe ids: every host id is mapped to a fresh one in 10,000,000…2^53−1.
///
/// Remapping all of them, not only those out of range, makes collisions impossible by
/// construction (Android's `identityHashCode` can fall below 10M, where the player keeps
/// its own ids, or repeat), keeps iOS object addresses (`view.hash`) off the wire, and
/// makes output deterministic, so every platform produces the same bytes.
struct IDAllocator {
    private var next = Wireframe.minimumID

    /// A never-used id; nil once the space is exhausted (2^53 ids in one session).
    mutating func allocate() -> Int64? {
        guard next <= Wireframe.maximumID else { return nil }
        defer { next += 1 }
        return next
    }
}
