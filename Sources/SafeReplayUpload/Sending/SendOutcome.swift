/// What to do with a batch after one attempt: the sender's transition function, kept
/// pure so every status and failure maps to a tested decision.
public enum SendDecision: Sendable, Equatable {
    /// The server has it: delete it.
    case acknowledged
    /// Try the same batch again after `delay` seconds.
    case retry(delay: Double)
    /// The server will never take it: move it to dead-letter.
    case deadLetter(reason: String)

    /// Decides from a status (or `nil` when the transport threw) and the attempt number.
    /// 2xx acknowledges; 4xx other than 408 and 429 is permanent; everything else
    /// (network failures, 408, 429, 5xx, and the odd 1xx/3xx of a misconfigured proxy)
    /// retries, after `Retry-After` when the server gave one: a batch is never given up
    /// on unless the server said so.
    public static func decide(response: TransportResponse?, attempt: Int, backoff: Backoff, retryAfterCap: Double) -> SendDecision {
        guard let response else { return .retry(delay: backoff.delay(attempt: attempt)) }
        switch response.status {
        case 200..<300:
            return .acknowledged
        case 400..<500 where response.status != 408 && response.status != 429:
            return .deadLetter(reason: "HTTP \(response.status)")
        default:
            if let wait = response.retryAfter, wait.isFinite, wait >= 0 {
                return .retry(delay: min(wait, retryAfterCap))
            }
            return .retry(delay: backoff.delay(attempt: attempt))
        }
    }
}
