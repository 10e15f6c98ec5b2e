import SafeReplayPolicy

/// The state behind the `events` and `heatmap` fidelities and frustration signals:
/// the route template, the viewport and the click bursts.
struct InteractionLog {
    var route = "(none)"
    var viewport: (width: Double?, height: Double?) = (nil, nil)
    var rage = RageClickDetector()
    /// The target of the last `input` entry: typing in one field logs one entry.
    var lastInputTarget: Int?
    /// Sampling of pointer positions (ms since the epoch of the last kept one).
    var lastPositionTime: Int64 = .min
    var positionIntervalMs: Int64 = 0

    init() {}

    init(policy: Policy) {
        rage = RageClickDetector(count: policy.mobile.rageTapCount, windowMs: Int64(policy.mobile.rageTapWindowMs), radius: policy.mobile.rageTapRadius)
        positionIntervalMs = Int64(policy.sampling.mousemoveIntervalMs)
    }

    mutating func navigated(to template: String) {
        route = template
        lastInputTarget = nil
    }

    /// Whether a pointer position at `time` is kept under the sampling interval.
    mutating func keepsPosition(at time: Int64) -> Bool {
        guard positionIntervalMs > 0 else { return true }
        if lastPositionTime != .min && time >= lastPositionTime && time - lastPositionTime < positionIntervalMs { return false }
        lastPositionTime = time
        return true
    }
}
