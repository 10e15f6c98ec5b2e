// SafeReplayDetect: validated PII detectors and masking styles.
// Pure functions over text; imports nothing of ours (and nothing of Foundation).

/// The kinds of personal or secret data the detectors find.
///
/// Raw values are the stable names used on the wire (the `scrub` CLI, reports and policies).
public enum PIIType: String, Sendable, CaseIterable, Hashable {
    case email = "EMAIL"
    case creditCard = "CREDIT_CARD"
    case phone = "PHONE"
    case usSSN = "US_SSN"
    case iban = "IBAN"
    case ipAddress = "IP_ADDRESS"
    case jwt = "JWT"
    case bearerToken = "BEARER_TOKEN"
    case apiKey = "API_KEY"
}

extension PIIType {
    /// A bit per type, so the scanner can test "is this detector on?" without hashing.
    var bit: UInt16 {
        switch self {
        case .email: 1 << 0
        case .creditCard: 1 << 1
        case .phone: 1 << 2
        case .usSSN: 1 << 3
        case .iban: 1 << 4
        case .ipAddress: 1 << 5
        case .jwt: 1 << 6
        case .bearerToken: 1 << 7
        case .apiKey: 1 << 8
        }
    }
}
