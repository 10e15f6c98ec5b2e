/// A URL path pattern of a route rule: `/account/:id/**`, `/docs/*.pdf`, `/`.
///
/// Segments are matched one by one: a literal matches itself, `:name` any one non-empty
/// segment, `*` inside a segment any run of characters within it, and a whole `**`
/// segment any number of segments (zero included).
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
        /// A segment with `*` wildcards: the literal pieces between them.
        case glob([String])
        case anySegments
    }

    let segments: [Segment]
    public let source: String

    public var description: String { source }

    public init(parsing source: String) throws(SafeReplayErrorMessage) {
        guard source.hasPrefix("/") else { throw SafeReplayErrorMessage("must start with '/'") }
        var segments: [Segment] = []
        for raw in Self.split(source) {
            if raw == "**" {
                segments.append(.anySegments)
            } else if raw.hasPrefix(":") {
                let name = raw.dropFirst()
                guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
                      name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
                else {
                    throw SafeReplayErrorMessage("unknown placeholder '\(raw)'")
                }
                segments.append(.placeholder(String(name)))
            } else if raw.contains("**") {
                throw SafeReplayErrorMessage("'**' must be a whole segment in '\(raw)'")
            } else if raw.contains("*") {
                segments.append(.glob(raw.split(separator: "*", omittingEmptySubsequences: false).map(String.init)))
            } else {
                segments.append(.literal(String(raw)))
            }
        }
        self.segments = segments
        self.source = source
    }

    /// Path segments without empty ones (`//a/` is `a`), so trailing slashes do not matter.
    static func split(_ path: some StringProtocol) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { Substring($0) }
    }

    public func matches(path: String) -> Bool {
        let parts = Self.split(path)
        return match(segmentIndex: 0, parts: parts[...])
    }

    private func match(segmentIndex: Int, parts: ArraySlice<Substring>) -> Bool {
        guard segmentIndex < segments.count else { return parts.isEmpty }
        switch segments[segmentIndex] {
        case .anySegments:
            // Try every split point; patterns are short, so this stays cheap.
            var rest = parts
            while true {
                if match(segmentIndex: segmentIndex + 1, parts: rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .literal(let literal):
            guard let first = parts.first, first == literal else { return false }
        case .placeholder:
            guard parts.first != nil else { return false }
        case .glob(let pieces):
            guard let first = parts.first, Self.glob(pieces, matches: first) else { return false }
        }
        return match(segmentIndex: segmentIndex + 1, parts: parts.dropFirst())
    }

    static func glob(_ pieces: [String], matches text: Substring) -> Bool {
        guard let head = pieces.first, let tail = pieces.last, pieces.count >= 2 else { return false }
        guard text.hasPrefix(head) else { return false }
        var rest = text.dropFirst(head.count)
        for middle in pieces.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.firstRange(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= tail.count && rest.hasSuffix(tail)
    }

    /// Placeholders and wildcards make a pattern less specific; literals more.
    public var literalCount: Int {
        segments.reduce(0) { n, s in if case .literal = s { return n + 1 } else { return n } }
    }
}
