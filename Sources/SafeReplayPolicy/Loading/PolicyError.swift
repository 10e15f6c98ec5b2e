public import SafeReplayModel

/// One problem in a policy document, located by its JSON path (`routes[3].match`).
public struct PolicyIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "(root)" : path): \(message)" }
}

/// A policy that did not load, with every problem found (not just the first).
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [PolicyIssue]

    public init(issues: [PolicyIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }

    public var asSafeReplayError: SafeReplayError {
        SafeReplayError(.policy, description, context: ["issues": String(issues.count)])
    }
}
