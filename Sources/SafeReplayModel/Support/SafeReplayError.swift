/// The one error type of SafeReplay: a stable code, a human message and context.
///
/// Codes are stable strings so hosts (and the C ABI's status codes) can branch on them;
/// messages are for people. Context never carries captured values, only locations such
/// as a JSON path or a line number.
public struct SafeReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A caller passed an invalid argument.
        public static let argument = Code(rawValue: "argument")
        /// Input was not valid JSON, or not the expected shape.
        public static let json = Code(rawValue: "json")
        /// A policy document failed to load or validate.
        public static let policy = Code(rawValue: "policy")
        /// An operation is not valid in the object's current state (closed session, …).
        public static let state = Code(rawValue: "state")
        /// A file-system or network operation failed.
        public static let io = Code(rawValue: "io")
        /// A configured or built-in limit was exceeded.
        public static let limit = Code(rawValue: "limit")
        /// Something that should not happen did; always a bug in SafeReplay.
        public static let `internal` = Code(rawValue: "internal")
    }

    public var code: Code
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String {
        if context.isEmpty { return "\(code): \(message)" }
        let ctx = context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(code): \(message) (\(ctx))"
    }
}
