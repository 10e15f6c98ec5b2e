/// A JSON syntax or shape error, with the byte offset where it was found.
///
/// Kept separate from ``SafeReplayError`` because the scanner throws it on the hot path
/// (typed throws, no existential boxing); callers convert it at their boundary.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) at byte \(offset)" }

    public var asSafeReplayError: SafeReplayError {
        SafeReplayError(.json, message, context: ["offset": String(offset)])
    }
}
