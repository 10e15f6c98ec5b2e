/// Reasons for dropping an observation, counted in `audit.dropped` under `key`.
///
/// They are counted in a fixed array rather than the dictionary because some fire per
/// touch move (a finger dragging over the keyboard) and must cost no hashing.
enum DropReason: Int, CaseIterable {
    /// The screen's fidelity is `off`.
    case paused
    /// No Meta has named a screen yet.
    case noScreen
    /// Wireframes on an `events` or `heatmap` screen.
    case fidelityEvents
    case fidelityHeatmap
    /// `captureGestures` is false.
    case gesturesOff
    /// NaN, infinite or out-of-range coordinates or timestamps.
    case touchInvalid
    case touchOutOfOrder
    case touchWithoutDown
    case touchTooManyPointers
    /// A down for a pointer already down: the stale sequence is forgotten.
    case touchDuplicateDown
    /// Inside the soft keyboard: key positions reveal what is typed.
    case touchKeyboard
    /// On a view whose rule is `ignore`, `block` or `drop`.
    case touchView
    case locationOff
    case locationInvalid
    case locationOutOfOrder
    case locationRateLimit
    case keyboardInvalid
    case customTag
    case plugin
    case eventType
    case incrementalSource
    case domSnapshot
    case mouseInteraction

    var key: String {
        switch self {
        case .paused: return "paused"
        case .noScreen: return "no-screen"
        case .fidelityEvents: return "fidelity:events"
        case .fidelityHeatmap: return "fidelity:heatmap"
        case .gesturesOff: return "touch:gestures-off"
        case .touchInvalid: return "touch:invalid"
        case .touchOutOfOrder: return "touch:out-of-order"
        case .touchWithoutDown: return "touch:without-down"
        case .touchTooManyPointers: return "touch:too-many-pointers"
        case .touchDuplicateDown: return "touch:duplicate-down"
        case .touchKeyboard: return "touch:keyboard"
        case .touchView: return "touch:view-rule"
        case .locationOff: return "location:off"
        case .locationInvalid: return "location:invalid"
        case .locationOutOfOrder: return "location:out-of-order"
        case .locationRateLimit: return "location:rate-limit"
        case .keyboardInvalid: return "keyboard:invalid"
        case .customTag: return "custom-tag"
        case .plugin: return "plugin"
        case .eventType: return "unknown-event-type"
        case .incrementalSource: return "incremental-source"
        case .domSnapshot: return "dom-on-mobile"
        case .mouseInteraction: return "mouse-interaction"
        }
    }
}
