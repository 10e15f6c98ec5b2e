import SafeReplayPolicy

/// What the sanitizer emits on the current screen.
enum CaptureMode: Equatable {
    /// No Meta yet: the screen is unknown, so nothing is emitted (the mirror and the
    /// keyboard are still followed, so the first screen can start with a snapshot).
    case waiting
    /// Wireframes (text-free), touches, gestures. `replay` and `masked-replay` are the
    /// same on mobile: wireframes never carry text either way.
    case wireframes
    /// Screens and gestures as Custom events; no wireframes, no raw touches.
    case events
    /// Touch positions per screen template as Custom events.
    case heatmap
    /// Nothing but one `recording-paused` on entering.
    case off

    init(_ fidelity: Fidelity) {
        switch fidelity {
        case .replay, .maskedReplay: self = .wireframes
        case .events: self = .events
        case .heatmap: self = .heatmap
        case .off: self = .off
        }
    }

    /// Why wireframes or touches are not emitted in this mode.
    var withholdingReason: DropReason {
        switch self {
        case .waiting: return .noScreen
        case .events: return .fidelityEvents
        case .heatmap: return .fidelityHeatmap
        case .off, .wireframes: return .paused
        }
    }
}
