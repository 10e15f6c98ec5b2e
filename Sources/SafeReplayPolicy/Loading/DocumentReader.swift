import SafeReplayModel

/// Walks a parsed policy document, checking types, ranges and allowed keys, and collects
/// every problem with its path instead of stopping at the first.
struct DocumentReader {
    var issues: [PolicyIssue] = []

    mutating func fail(_ path: String, _ message: String) {
        issues.append(PolicyIssue(path: path, message: message))
    }

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    static func element(_ path: String, _ index: Int) -> String {
        path + "[\(index)]"
    }

    /// The value as an object whose keys are all in `allowed`; unknown and duplicate keys
    /// are reported (a typo must not silently fall back to a default).
    mutating func object(_ value: JSONValue, at path: String, allowed: [String]) -> JSONObject? {
        guard case .object(let object) = value else {
            fail(path, "expected an object, found \(value.typeName)")
            return nil
        }
        var seen = Set<String>()
        for member in object.members {
            if !seen.insert(member.key).inserted {
                fail(Self.child(path, member.key), "duplicate key")
            } else if !allowed.contains(member.key) {
                fail(Self.child(path, member.key), "unknown key (allowed: \(allowed.joined(separator: ", ")))")
            }
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: String, required: Bool = false, nonEmpty: Bool = true) -> String? {
        let p = Self.child(path, key)
        guard let value = object[key] else {
            if required { fail(p, "required") }
            return nil
        }
        guard case .string(let s) = value else {
            fail(p, "expected a string, found \(value.typeName)")
            return nil
        }
        if nonEmpty && s.isEmpty {
            fail(p, "must not be empty")
            return nil
        }
        return s
    }

    mutating func bool(_ object: JSONObject, _ key: String, at path: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let b) = value else {
            fail(Self.child(path, key), "expected a boolean, found \(value.typeName)")
            return nil
        }
        return b
    }

    mutating func int(_ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        let p = Self.child(path, key)
        guard let value = object[key] else {
            if required { fail(p, "required") }
            return nil
        }
        guard let d = value.doubleValue else {
            fail(p, "expected an integer, found \(value.typeName)")
            return nil
        }
        guard let i = value.int64Value, let n = Int(exactly: i) else {
            fail(p, "expected an integer, found \(d)")
            return nil
        }
        guard range.contains(n) else {
            fail(p, "\(n) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func double(_ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Double>) -> Double? {
        let p = Self.child(path, key)
        guard let value = object[key] else { return nil }
        guard let d = value.doubleValue else {
            fail(p, "expected a number, found \(value.typeName)")
            return nil
        }
        guard range.contains(d) else {
            fail(p, "\(d) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return d
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ object: JSONObject, _ key: String, at path: String, required: Bool = false) -> E?
    where E.RawValue == String {
        guard let raw = string(object, key, at: path, required: required) else { return nil }
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            fail(Self.child(path, key), "unknown value '\(raw)' (allowed: \(allowed))")
            return nil
        }
        return value
    }

    /// The elements of an array member with their paths.
    mutating func array(_ object: JSONObject, _ key: String, at path: String, maxCount: Int = 10_000) -> [(JSONValue, String)]? {
        let p = Self.child(path, key)
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else {
            fail(p, "expected an array, found \(value.typeName)")
            return nil
        }
        guard elements.count <= maxCount else {
            fail(p, "more than \(maxCount) entries")
            return nil
        }
        return elements.enumerated().map { ($0.element, Self.element(p, $0.offset)) }
    }

    /// An array of non-empty strings.
    mutating func strings(_ object: JSONObject, _ key: String, at path: String) -> [String]? {
        guard let elements = array(object, key, at: path) else { return nil }
        var out: [String] = []
        for (value, p) in elements {
            guard case .string(let s) = value, !s.isEmpty else {
                fail(p, "expected a non-empty string, found \(value.typeName)")
                continue
            }
            out.append(s)
        }
        return out
    }

    mutating func selector(_ object: JSONObject, _ key: String, at path: String, required: Bool = true) -> SelectorList? {
        guard let source = string(object, key, at: path, required: required) else { return nil }
        do {
            return try SelectorList(parsing: source)
        } catch {
            fail(Self.child(path, key), "invalid selector: \(error.message)")
            return nil
        }
    }

    mutating func routePattern(_ value: String, at path: String) -> RoutePattern? {
        do {
            return try RoutePattern(parsing: value)
        } catch {
            fail(path, error.message)
            return nil
        }
    }
}
