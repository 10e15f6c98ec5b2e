import SafeReplayModel

/// The Custom event tags the sanitizer emits; docs/web-capture.md gives their payloads.
/// Host Custom events are never passed through: only `page-status` is read (and consumed).
enum CustomTag: String {
    /// Capture stopped on a route whose fidelity is `off`: `{level, rule}`.
    case recordingPaused = "recording-paused"
    /// Something the policy does not classify: `{kind, subject, level}`.
    case drift
    /// `events` fidelity: the page changed to `{route}`.
    case navigation
    /// `events` fidelity: `{kind, target, route}`, no values.
    case interaction
    /// A frustration signal (rage click): `{kind, target, count, route}`.
    case frustration
    /// `heatmap` fidelity: `{kind, route, points, width, height}`.
    case heatmap
    /// Read from the host: `{status}` of the page (404s raise drift alerts).
    case pageStatus = "page-status"
}

extension Event {
    static func custom(_ tag: CustomTag, _ payload: JSONObject, timestamp: Int64) -> Event {
        Event(timestamp: timestamp, body: .custom(CustomData(tag: tag.rawValue, payload: .object(payload))))
    }
}
