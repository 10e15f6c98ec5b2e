/// What the rules decided for one node, kept in the mirror so that every later mutation
/// is judged against the same state the snapshot was. One 32-bit word per node.
struct NodeState: OptionSet, Hashable {
    let rawValue: UInt32

    // MARK: inherited by descendants

    /// Inside a blocked, dropped or childless element: never emitted.
    static let hidden = NodeState(rawValue: 1 << 0)
    /// A `mask` rule (or a sticky mask) on the node or an ancestor: text masked, no rule lifts it.
    static let ruleMasked = NodeState(rawValue: 1 << 1)
    /// The hard floor (`data-sr-sensitive`, a password field, …) on the node or an ancestor.
    static let hardMasked = NodeState(rawValue: 1 << 2)
    /// An `unmask` rule on the node or an ancestor: lifts the level's text masking only.
    static let unmasked = NodeState(rawValue: 1 << 3)
    /// Inside a module whose level is medium: text masked unless unmasked.
    static let levelMasked = NodeState(rawValue: 1 << 4)
    /// Inside a form field (textarea, select, contenteditable): text is a value.
    static let inField = NodeState(rawValue: 1 << 5)
    /// Inside an allowlisted form field.
    static let inAllowedField = NodeState(rawValue: 1 << 6)

    // MARK: the node itself

    /// Emitted as a same-size placeholder without children.
    static let placeholder = NodeState(rawValue: 1 << 8)
    /// Emitted without children (`script`, `noscript`, `template`).
    static let childless = NodeState(rawValue: 1 << 9)
    /// Not emitted at all.
    static let dropped = NodeState(rawValue: 1 << 10)
    /// Input events dropped.
    static let ignored = NodeState(rawValue: 1 << 11)
    /// A form field (input, textarea, select, contenteditable root).
    static let field = NodeState(rawValue: 1 << 12)
    /// A form field that `inputs.allow` names.
    static let allowedField = NodeState(rawValue: 1 << 13)
    /// A field on the hard floor: its value is always masked with the fixed style.
    static let hardFloor = NodeState(rawValue: 1 << 14)
    /// A hidden or file input: its value is never emitted, not even masked.
    static let valueDropped = NodeState(rawValue: 1 << 15)
    /// Some rule's selector matched this element (fields no rule names raise drift).
    static let named = NodeState(rawValue: 1 << 16)
    /// A checkbox or radio: input events keep `isChecked`.
    static let checkable = NodeState(rawValue: 1 << 17)

    // MARK: emission bookkeeping

    /// The player knows this node (it was emitted and not removed since).
    static let emitted = NodeState(rawValue: 1 << 24)
    /// Inserted by the mutation being processed: its add carries its current state.
    static let newInBatch = NodeState(rawValue: 1 << 25)

    /// The bits a child inherits from its parent.
    static let inherited: NodeState = [.hidden, .ruleMasked, .hardMasked, .unmasked, .levelMasked, .inField, .inAllowedField]

    /// The bits whose change alters what is emitted for a node (re-emit when they change).
    static let emissionRelevant: NodeState = [
        .hidden, .ruleMasked, .hardMasked, .unmasked, .levelMasked, .inField, .inAllowedField,
        .placeholder, .childless, .dropped, .field, .allowedField, .hardFloor, .valueDropped, .checkable,
    ]

    /// Whether the node's text content is protected whatever the fidelity.
    var masksText: Bool { !isDisjoint(with: [.ruleMasked, .hardMasked]) }

    /// Whether children of this element are emitted.
    var emitsChildren: Bool { isDisjoint(with: [.hidden, .placeholder, .childless, .dropped]) }
}

/// The strictest state a node id ever had. It outlives the node: a removed id that comes
/// back (a move, a recycled id) starts from here, so protection only ever tightens.
struct StickyState: OptionSet, Hashable {
    let rawValue: UInt8

    static let masked = StickyState(rawValue: 1 << 0)
    static let placeholder = StickyState(rawValue: 1 << 1)
    static let dropped = StickyState(rawValue: 1 << 2)
    static let hardFloor = StickyState(rawValue: 1 << 3)
    static let valueDropped = StickyState(rawValue: 1 << 4)
}
