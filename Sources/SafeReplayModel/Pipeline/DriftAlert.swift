/// Something the policy did not classify: a route, an input field, a not-found page.
/// Carries a template or selector path, never the values that matched it.
public struct DriftAlert: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A route no rule classifies; `subject` is its template (`/orders/:id`).
        case route
        /// An input no rule names on a medium or high page; `subject` is its selector path.
        case field
        /// The host reported an error page (`subject` is the HTTP status).
        case pageStatus = "page-status"
        /// A mobile screen no rule classifies; `subject` is the screen name template.
        case screen
    }

    public var kind: Kind
    public var subject: String
    /// The sensitivity level applied meanwhile (the policy's default for unknowns).
    public var appliedLevel: String

    public init(kind: Kind, subject: String, appliedLevel: String) {
        self.kind = kind
        self.subject = subject
        self.appliedLevel = appliedLevel
    }

    public func encode(into w: inout JSONWriter) {
        w.beginObject()
        w.key("kind")
        w.string(kind.rawValue)
        w.key("subject")
        w.string(subject)
        w.key("appliedLevel")
        w.string(appliedLevel)
        w.endObject()
    }
}
