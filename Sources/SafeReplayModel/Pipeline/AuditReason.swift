/// The drop reasons the web stage gives on its per-event path (interactions, inputs,
/// events it does not record) and the fixed ones of its mutation path, counted in fixed
/// slots of ``AuditCounters`` rather than its dictionary: a count there costs no string
/// hashing, and neither does handing it on to the session and the open batch. Every other
/// reason is counted by name. Counts appear under `key` in `AuditCounters.dropped` either way.
package enum AuditReason: Int, CaseIterable, Sendable {
    case position
    case unknownNodeID
    case paused
    case beforeSnapshot
    case selection
    case mediaBlocked
    case customElement
    case inputHidden
    case inputIgnored
    case inputNotAField
    case plugin
    case asset
    case unknownEventType
    case wireframes
    case canvas
    case log
    case unknownSource
    case fidelityEvents
    case fidelityHeatmap
    case comment
    case url
    case textOnElement
    case attributeOnNonElement
    case hiddenAdd
    case removeRoot
    case invalidNodeID
    case duplicateAdd
    case nextNotSibling
    case parentNotContainer
    case addCycle
    case unknownParent
    case unknownNext

    /// The name in envelopes (docs/envelope.md).
    package var key: String {
        switch self {
        case .position: "position"
        case .unknownNodeID: "unknown-node-id"
        case .paused: "paused"
        case .beforeSnapshot: "before-snapshot"
        case .selection: "selection"
        case .mediaBlocked: "media-blocked"
        case .customElement: "custom-element"
        case .inputHidden: "input:hidden"
        case .inputIgnored: "input:ignored"
        case .inputNotAField: "input:not-a-field"
        case .plugin: "plugin"
        case .asset: "asset"
        case .unknownEventType: "unknown-event-type"
        case .wireframes: "wireframes"
        case .canvas: "canvas"
        case .log: "log"
        case .unknownSource: "unknown-source"
        case .fidelityEvents: "fidelity:events"
        case .fidelityHeatmap: "fidelity:heatmap"
        case .comment: "comment"
        case .url: "url"
        case .textOnElement: "text-on-element"
        case .attributeOnNonElement: "attribute-on-non-element"
        case .hiddenAdd: "hidden-add"
        case .removeRoot: "remove-root"
        case .invalidNodeID: "invalid-node-id"
        case .duplicateAdd: "duplicate-add"
        case .nextNotSibling: "next-not-sibling"
        case .parentNotContainer: "parent-not-container"
        case .addCycle: "add-cycle"
        case .unknownParent: "unknown-parent"
        case .unknownNext: "unknown-next"
        }
    }
}
