/// The Custom event tags the mobile sanitizer emits; docs/mobile-capture.md gives their
/// payloads. Host Custom events are never passed through: only `keyboard` is read, and
/// re-emitted from its numbers alone.
enum MobileCustomTag: String {
    /// The soft keyboard opened `{open:true, height, …}` or closed `{open:false}`.
    case keyboard
    /// Capture stopped on a screen whose fidelity is `off`: `{level, rule}`.
    case recordingPaused = "recording-paused"
    /// A screen no rule classifies: `{kind:"screen", subject, level}`.
    case drift
    /// `events` fidelity: the screen changed to `{screen}`.
    case navigation
    /// A recognized gesture: `{kind, x, y, screen, …}`.
    case gesture
    /// `heatmap` fidelity: `{kind, screen, points, width, height}`.
    case heatmap
    /// A device location as a geohash cell: `{geohash, precision}`.
    case location
}
