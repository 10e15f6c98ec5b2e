import SafeReplayPolicy

/// What the sanitizer emits for the current route.
enum CaptureMode: Equatable {
    /// The DOM under the rules; `masksAllText` for `masked-replay`.
    case dom(masksAllText: Bool)
    /// An interaction log of Custom events; no DOM.
    case events
    /// Pointer, click and scroll positions per route template; no DOM.
    case heatmap
    /// Nothing but one `recording-paused` event on entering.
    case off

    init(_ fidelity: Fidelity) {
        switch fidelity {
        case .replay: self = .dom(masksAllText: false)
        case .maskedReplay: self = .dom(masksAllText: true)
        case .events: self = .events
        case .heatmap: self = .heatmap
        case .off: self = .off
        }
    }

    var isDOM: Bool {
        if case .dom = self { return true }
        return false
    }

    var contentMode: ContentSanitizer.Mode {
        if case .dom(let masksAll) = self { return ContentSanitizer.Mode(masksAllText: masksAll) }
        return ContentSanitizer.Mode(masksAllText: true)
    }
}
