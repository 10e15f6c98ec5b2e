import CSafeReplay
import SafeReplay

/// Why an ABI call failed: the status it returns and what `sr_last_error` says.
struct Failure: Error {
    var status: sr_status
    var code: String
    var message: String
    var context: [String: String] = [:]
    /// Policy issues (path, message), for `sr_last_error_json`.
    var issues: [PolicyIssue] = []

    init(_ status: sr_status, _ message: String, context: [String: String] = [:]) {
        self.status = status
        self.code = Failure.codeName(status)
        self.message = message
        self.context = context
    }

    init(_ error: SafeReplayError) {
        self.init(Failure.status(of: error.code), error.message, context: error.context)
        code = error.code.rawValue
    }

    init(_ error: PolicyError) {
        let first = error.issues.first.map(\.description) ?? "invalid policy"
        let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more issue\(error.issues.count > 2 ? "s" : ""))" : ""
        self.init(SR_E_POLICY, first + more, context: ["issues": String(error.issues.count)])
        issues = error.issues
    }

    static func argument(_ message: String) -> Failure { Failure(SR_E_ARG, message) }

    static func status(of code: SafeReplayError.Code) -> sr_status {
        switch code {
        case .argument: SR_E_ARG
        case .json: SR_E_JSON
        case .policy: SR_E_POLICY
        case .state: SR_E_STATE
        case .io: SR_E_IO
        case .limit: SR_E_LIMIT
        default: SR_E_INTERNAL
        }
    }

    /// The `code` string of the error JSON: SafeReplayError's code names.
    static func codeName(_ status: sr_status) -> String {
        switch status {
        case SR_E_ARG: "argument"
        case SR_E_JSON: "json"
        case SR_E_POLICY: "policy"
        case SR_E_STATE: "state"
        case SR_E_IO: "io"
        case SR_E_LIMIT: "limit"
        default: "internal"
        }
    }

    /// `SR_E_ARG` and friends, as static C strings.
    static func statusName(_ status: sr_status) -> StaticString {
        switch status {
        case SR_OK: "SR_OK"
        case SR_E_ARG: "SR_E_ARG"
        case SR_E_JSON: "SR_E_JSON"
        case SR_E_POLICY: "SR_E_POLICY"
        case SR_E_STATE: "SR_E_STATE"
        case SR_E_IO: "SR_E_IO"
        case SR_E_LIMIT: "SR_E_LIMIT"
        case SR_E_INTERNAL: "SR_E_INTERNAL"
        default: "SR_E_UNKNOWN"
        }
    }
}

extension StaticString {
    /// The literal as a C string: static storage, NUL-terminated, valid forever.
    var cString: UnsafePointer<CChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
