/// What a session received and what became of it: counts only.
public struct SessionStatistics: Sendable, Equatable {
    /// Raw observations offered (events, touches, locations), valid or not.
    public var received = 0
    /// Observations refused before sanitizing (malformed JSON, oversize, closed session…).
    public var rejected = 0
    /// Sanitized events handed to the upload stage.
    public var emitted = 0
    /// Everything the capture stages masked, blocked, dropped and detected.
    public var audit = AuditCounters()

    public init() {}
}
