/// The masking reasons the web stage gives as it writes text, values and attributes,
/// counted in fixed slots of ``AuditCounters`` rather than its `masked` dictionary: a count
/// there costs no string hashing, and neither does handing it on to the session's running
/// total and the open batch (a mutation adding text nodes counts one per node). Every other
/// reason is counted by name. Counts appear under `key` in `AuditCounters.masked` either way.
package enum AuditMaskReason: Int, CaseIterable, Sendable {
    case textRule
    case textLevel
    case hardFloor
    case input
    case attribute
    case cssContent
    case cssString

    /// The name in envelopes (docs/envelope.md).
    package var key: String {
        switch self {
        case .textRule: "text:rule"
        case .textLevel: "text:level"
        case .hardFloor: "hard-floor"
        case .input: "input"
        case .attribute: "attribute"
        case .cssContent: "css-content"
        case .cssString: "css-string"
        }
    }
}
