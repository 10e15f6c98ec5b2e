/// The pieces of an `href` that route rules look at: path, query pairs and fragment.
/// Only for classification: nothing here is emitted.
struct URLParts: Equatable {
    var path: String
    var query: [(String, String)]
    var fragment: String?

    static func == (a: URLParts, b: URLParts) -> Bool {
        a.path == b.path && a.fragment == b.fragment && a.query.elementsEqual(b.query, by: { $0 == $1 })
    }

    init(path: String, query: [(String, String)] = [], fragment: String? = nil) {
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Splits an absolute (`https://host/p?q#f`), scheme-relative or relative href.
    /// URLs without a hierarchical path (`about:blank`, `data:…`) have the path `/`.
    init(href: String) {
        var rest = Substring(href)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var queryText: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        if let scheme = rest.firstRange(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            rest = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? "/"
        } else if rest.hasPrefix("//") {
            let afterAuthority = rest.dropFirst(2)
            rest = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? "/"
        } else if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            rest = "/"
        }
        // Path parameters (`;jsessionid=…`) are not part of the route.
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false).map { segment -> Substring in
            segment.firstIndex(of: ";").map { segment[..<$0] } ?? segment
        }
        var path = segments.joined(separator: "/")
        if !path.hasPrefix("/") { path = "/" + path }
        self.path = path
        self.fragment = fragment
        self.query = queryText.split(separator: "&").map { pair in
            if let eq = pair.firstIndex(of: "=") {
                return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
            }
            return (String(pair), "")
        }
    }
}
