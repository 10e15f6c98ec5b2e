import SafeReplayModel

/// Drift alerts, each raised once per session per screen template.
struct DriftTracker {
    private var seen: Set<String> = []
    private var pending: [DriftAlert] = []
    /// Bounds what an app with endless distinct screen names can make us hold.
    static let maximumDistinct = 10_000

    /// Records the alert; returns it when it is new.
    mutating func raise(screen template: String, level: String) -> DriftAlert? {
        guard seen.count < Self.maximumDistinct, seen.insert(template).inserted else { return nil }
        let alert = DriftAlert(kind: .screen, subject: template, appliedLevel: level)
        pending.append(alert)
        return alert
    }

    mutating func take() -> [DriftAlert] {
        defer { pending.removeAll() }
        return pending
    }
}
