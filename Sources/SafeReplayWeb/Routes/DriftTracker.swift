import SafeReplayModel

/// Drift alerts, each raised once per session per (kind, subject).
struct DriftTracker {
    private var seen: Set<DriftAlert> = []
    private var pending: [DriftAlert] = []
    /// Bounds the memory a page with endless distinct templates can take.
    static let maximumDistinct = 10_000

    /// Records the alert; returns it when it is new (the caller emits the Custom event).
    mutating func raise(_ kind: DriftAlert.Kind, subject: String, level: String) -> DriftAlert? {
        let alert = DriftAlert(kind: kind, subject: subject, appliedLevel: level)
        guard seen.count < Self.maximumDistinct, seen.insert(alert).inserted else { return nil }
        pending.append(alert)
        return alert
    }

    mutating func take() -> [DriftAlert] {
        // Taken after every event, and almost always empty.
        guard !pending.isEmpty else { return [] }
        defer { pending.removeAll() }
        return pending
    }
}
