/// Parses the selector subset of ``SelectorList``; errors name the offending character.
struct SelectorParser {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    struct Failure: Error, Equatable {
        var message: String
    }

    static func parse(_ source: String) throws(Failure) -> SelectorList {
        var parser = SelectorParser(source)
        let list = try parser.parseList(until: nil)
        return SelectorList(selectors: list, source: source)
    }

    private var atEnd: Bool { i >= scalars.count }
    private var current: Unicode.Scalar? { atEnd ? nil : scalars[i] }

    private mutating func skipSpaces() -> Bool {
        let start = i
        while let c = current, c.properties.isWhitespace { i += 1 }
        return i > start
    }

    private func fail(_ message: String) -> Failure {
        Failure(message: message)
    }

    private mutating func parseList(until terminator: Unicode.Scalar?) throws(Failure) -> [ComplexSelector] {
        var list: [ComplexSelector] = []
        while true {
            _ = skipSpaces()
            list.append(try parseComplex(until: terminator))
            _ = skipSpaces()
            if let c = current, c == "," {
                i += 1
                continue
            }
            if let terminator {
                guard current == terminator else { throw fail(atEnd ? "missing '\(terminator)'" : "unexpected '\(current!)'") }
                i += 1
            } else if !atEnd {
                throw fail("unexpected '\(current!)'")
            }
            return list
        }
    }

    private mutating func parseComplex(until terminator: Unicode.Scalar?) throws(Failure) -> ComplexSelector {
        var compounds = [try parseCompound()]
        var combinators: [ComplexSelector.Combinator] = []
        while true {
            let hadSpace = skipSpaces()
            guard let c = current, c != ",", c != terminator else { break }
            switch c {
            case ">":
                i += 1
                _ = skipSpaces()
                combinators.append(.child)
            case "+", "~":
                throw fail("unsupported combinator '\(c)'")
            default:
                guard hadSpace else { throw fail("unexpected '\(c)'") }
                combinators.append(.descendant)
            }
            compounds.append(try parseCompound())
        }
        return ComplexSelector(compounds: compounds.reversed(), combinators: combinators.reversed())
    }

    private mutating func parseCompound() throws(Failure) -> CompoundSelector {
        var compound = CompoundSelector()
        var sawAny = false
        if let c = current, c == "*" {
            i += 1
            sawAny = true
        } else if let c = current, Self.isNameStart(c) {
            compound.tagName = try parseIdentifier().lowercased()
            sawAny = true
        }
        loop: while let c = current {
            switch c {
            case "#":
                i += 1
                compound.ids.append(try parseIdentifier())
            case ".":
                i += 1
                compound.classes.append(try parseIdentifier())
            case "[":
                i += 1
                compound.attributes.append(try parseAttribute())
            case ":":
                i += 1
                let name = try parseIdentifier().lowercased()
                guard name == "not" else { throw fail("unsupported pseudo-class ':\(name)'") }
                guard current == "(" else { throw fail("expected '(' after ':not'") }
                i += 1
                depth += 1
                guard depth <= 16 else { throw fail(":not nested too deeply") }
                let inner = try parseList(until: ")")
                depth -= 1
                compound.negations.append(SelectorList(selectors: inner, source: ""))
            default:
                break loop
            }
            sawAny = true
        }
        guard sawAny else {
            throw fail(atEnd ? "expected a selector" : "unexpected '\(current!)'")
        }
        return compound
    }

    private mutating func parseAttribute() throws(Failure) -> AttributeSelector {
        _ = skipSpaces()
        let name = try parseIdentifier().lowercased()
        _ = skipSpaces()
        guard let c = current else { throw fail("missing ']'") }
        if c == "]" {
            i += 1
            return AttributeSelector(name: name, op: .exists, value: "", caseInsensitive: false)
        }
        let op: AttributeSelector.Operator
        if c == "=" {
            op = .equals
            i += 1
        } else {
            guard i + 1 < scalars.count, scalars[i + 1] == "=" else { throw fail("unexpected '\(c)' in attribute selector") }
            switch c {
            case "^": op = .prefix
            case "$": op = .suffix
            case "*": op = .contains
            case "~": op = .includesWord
            case "|": op = .dashMatch
            default: throw fail("unknown attribute operator '\(c)='")
            }
            i += 2
        }
        _ = skipSpaces()
        let value: String
        if let q = current, q == "\"" || q == "'" {
            value = try parseQuoted(q)
        } else {
            value = try parseIdentifier()
        }
        _ = skipSpaces()
        var caseInsensitive = false
        if let f = current, f == "i" || f == "I" {
            caseInsensitive = true
            i += 1
            _ = skipSpaces()
        } else if let f = current, f == "s" || f == "S" {
            i += 1
            _ = skipSpaces()
        }
        guard current == "]" else { throw fail(atEnd ? "missing ']'" : "unexpected '\(current!)' in attribute selector") }
        i += 1
        return AttributeSelector(name: name, op: op, value: value, caseInsensitive: caseInsensitive)
    }

    private mutating func parseQuoted(_ quote: Unicode.Scalar) throws(Failure) -> String {
        i += 1
        var out = String.UnicodeScalarView()
        while let c = current {
            i += 1
            if c == quote { return String(out) }
            if c == "\\" {
                guard let next = current else { break }
                out.append(next)
                i += 1
            } else {
                out.append(c)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseIdentifier() throws(Failure) -> String {
        var out = String.UnicodeScalarView()
        if let c = current, c == "-" {
            out.append(c)
            i += 1
        }
        while let c = current {
            if Self.isNameCharacter(c) {
                out.append(c)
                i += 1
            } else if c == "\\" {
                i += 1
                guard let next = current else { throw fail("dangling escape") }
                out.append(next)
                i += 1
            } else {
                break
            }
        }
        guard !out.isEmpty, String(out) != "-" else {
            throw fail(atEnd ? "expected a name" : "unexpected '\(current!)'")
        }
        return String(out)
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "-" || c.value >= 0x80
    }

    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || (c >= "0" && c <= "9")
    }
}

extension SelectorList {
    /// Parses a selector list; the error message says what is wrong and where.
    public init(parsing source: String) throws(SafeReplayErrorMessage) {
        do {
            self = try SelectorParser.parse(source)
        } catch {
            throw SafeReplayErrorMessage(error.message)
        }
    }
}

/// A plain message error for parsers whose callers attach the location (a JSON path).
public struct SafeReplayErrorMessage: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
