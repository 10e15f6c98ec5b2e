/// How sensitive a page, screen or module is. Ordered: the stricter level wins.
public enum SensitivityLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Text shown (still through the detectors), inputs masked.
    case low
    /// All text masked except allowlisted elements; inputs masked.
    case medium
    /// Nothing recorded.
    case high

    var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        }
    }

    public static func < (a: SensitivityLevel, b: SensitivityLevel) -> Bool { a.rank < b.rank }
}

/// How much of a page is captured: the minimum that still answers the question.
public enum Fidelity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The DOM under the rules.
    case replay
    /// The DOM with every text and input masked.
    case maskedReplay = "masked-replay"
    /// An interaction log only: route templates, clicks and inputs by selector path, no values, no DOM.
    case events
    /// Pointer, click and scroll positions per route template; no DOM.
    case heatmap
    /// Nothing.
    case off

    var rank: Int {
        switch self {
        case .replay: return 0
        case .maskedReplay: return 1
        case .events: return 2
        case .heatmap: return 3
        case .off: return 4
        }
    }

    /// Ordered by how little is captured: `replay` < … < `off`.
    public static func < (a: Fidelity, b: Fidelity) -> Bool { a.rank < b.rank }
}

/// What an element rule does. `allow < mask < block < drop`: the strictest wins;
/// `ignore` is orthogonal (it drops input events only) and `unmask` is an explicit allow.
public enum ElementAction: String, Sendable, Hashable, CaseIterable {
    case unmask
    case mask
    case block
    case drop
    case ignore
}

/// How masked text is written.
public enum MaskStyleName: String, Sendable, Hashable, CaseIterable {
    /// Every non-whitespace character becomes the mask character (what rrweb does; leaks length).
    case preserveLength
    /// A fixed `****` that hides length.
    case fixed
    /// A placeholder naming the type (`[EMAIL]`); for whole fields, `[REDACTED]`.
    case typed
}
