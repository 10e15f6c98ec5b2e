/// How a masked value is written, chosen by policy.
public enum MaskStyle: Sendable, Equatable {
    /// Each non-whitespace character becomes `maskCharacter`, whitespace stays (what rrweb
    /// does). Keeps layout; leaks the length.
    case preserveLength(maskCharacter: Character = "*")
    /// A fixed `****`, whatever was there: hides the length. The default for inputs.
    case fixed
    /// A placeholder naming the type (`[EMAIL]`, `[CARD]`). With `revealCardLastFour`, a card
    /// keeps its last four digits (`[CARD ****1111]`); nothing else is ever revealed.
    case typed(revealCardLastFour: Bool = false)

    /// The mask `MaskStyle.fixed` writes.
    static let fixedMask = fixedMaskBytes.description
    static let fixedMaskBytes: StaticString = "****"
}

extension PIIType {
    /// The placeholder `MaskStyle.typed` writes.
    public var placeholder: String { placeholderBytes.description }

    /// The placeholder as static bytes, for writing masks without making a `String` each time.
    var placeholderBytes: StaticString {
        switch self {
        case .email: "[EMAIL]"
        case .creditCard: "[CARD]"
        case .phone: "[PHONE]"
        case .usSSN: "[SSN]"
        case .iban: "[IBAN]"
        case .ipAddress: "[IP]"
        case .jwt: "[JWT]"
        case .bearerToken: "[TOKEN]"
        case .apiKey: "[API_KEY]"
        }
    }
}
