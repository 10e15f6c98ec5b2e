/// What reads an element's attribute: what a change to it must decide again.
struct AttributeReading: OptionSet {
    let rawValue: UInt8

    /// A verdict or the element's state may read it (``RuleBook/isRelevant(_:)``): without
    /// this, a change decides nothing again.
    static let relevant = AttributeReading(rawValue: 1)
    /// Some selector reads it: a verdict of the element or of any node below it may change.
    static let selectors = AttributeReading(rawValue: 2)
    /// The element's own state reads it, whatever the rules (the hard floor's `type` and
    /// `autocomplete`, `contenteditable`, `data-sr-sensitive`).
    static let ownState = AttributeReading(rawValue: 4)
}
