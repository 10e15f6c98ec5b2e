import SafeReplayModel
import SafeReplayPolicy
@testable import SafeReplayWeb
import Testing

/// The compiled matcher must answer exactly what the generic selector matcher answers over
/// the mirror, including duplicate and case-folded attribute names, non-string values,
/// canonically equivalent names and more names than key bits.
@Suite struct SelectorMatcherTests {
    static let selectors: [String] = [
        ".ad", "[data-ad]", "#promo", "div > span.price", "p span", "[class~=card]", "[href^=mailto]",
        "[href$=\".pdf\"]", "[src*=cdn]", "[lang|=en]", "body div:not(.safe):not([data-ok]) > a", "[id]", "[title]",
        "H1", "h2.Title", "#Main .item", "ul li > a[href]", "*[data-private]", "form input[type=password i]",
        "section p", "div div div span", "table td", ".user-name", ".email", "[type=email]", ":not(div):not(span) > .muted",
        "[data-x=\"1\" s]", ".caf\u{E9}", ".cafe\u{301}", "[data-kind]", "#x1", "k", "[class]", "[CLASS=ad]", ".a.b#x1[title]",
        "div:not(div > .ad, [data-kind])",
    ] + (0..<70).map { ".c\($0)" } + (0..<10).map { "[data-n\($0)]" }

    static let tags = ["div", "span", "p", "a", "DIV", "Span", "section", "ul", "li", "input", "form", "table", "td", "h1", "H2", "k", "\u{212A}"]
    static let names = ["class", "CLASS", "id", "Id", "data-private", "DATA-Private", "href", "type", "name", "lang", "title", "data-x",
                        "data-ok", "data-\u{212A}ind", "data-kind", "data-n3", "src", "data-ad"]
    static let tokens = ["card", "ad", "safe", "muted", "price", "Title", "title", "caf\u{E9}", "cafe\u{301}", "item", "x1", "promo",
                         "mailto:a@b", "doc.pdf", "//cdn.test/a", "en", "en-GB", "password", "PASSWORD", "email", "1", "Main", "c5", "c66", "c69", "a", "b"]

    struct Random {
        var seed: UInt64
        mutating func next(_ n: Int) -> Int {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return Int(seed % UInt64(n))
        }
    }

    static func attributes(_ r: inout Random) -> Attributes {
        var a = Attributes()
        for _ in 0..<r.next(5) {
            let name = names[r.next(names.count)]
            let value: AttributeValue
            switch r.next(8) {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2: value = .number(1)
            case 3: value = .null
            default: value = .string((0..<r.next(4)).map { _ in tokens[r.next(tokens.count)] }.joined(separator: r.next(2) == 0 ? " " : "\t"))
            }
            a.entries.append(.init(name: name, value: value))
        }
        return a
    }

    static func tree(_ r: inout Random, depth: Int, next: inout Int) -> SerializedNode {
        let id = next
        next += 1
        let children = depth == 0 ? [] : (0..<r.next(4)).map { _ in tree(&r, depth: depth - 1, next: &next) }
        return SerializedNode(id: id, kind: .element(ElementData(tagName: tags[r.next(tags.count)], attributes: attributes(&r))), childNodes: children)
    }

    static func expectSameAnswers(_ sanitizer: WebSanitizer, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let book = sanitizer.protection.book
        let mirror = sanitizer.mirror
        var matched = 0
        mirror.forEachInSubtree(mirror.root) { s in
            guard mirror.isElement(s) else { return }
            for (i, rule) in book.rules.enumerated() {
                let generic = rule.selector.matches(s, in: mirror)
                #expect(book.matcher.matches(book.entries[i].selector, s, in: mirror) == generic, "rule \(i) on node \(mirror.id(s))", sourceLocation: sourceLocation)
                if generic { matched += 1 }
            }
            // The rule loop's path: a bucket's candidate test, then the matcher unless the
            // rule is decided by that test alone or its ancestors want what no element has.
            for b in book.bucketed.indices {
                let c = book.candidates[b]
                let entry = book.entries[Int(c.rule)]
                let passes = (c.tag < 0 || c.tag == mirror.tag(s)) && c.required & ~mirror.keys(s) == 0
                let loop = passes && (entry.decidedByKeys || entry.ancestorsMayBeIn(mirror) && book.matcher.matches(entry.selector, s, in: mirror))
                #expect(loop == book.rules[Int(c.rule)].selector.matches(s, in: mirror), "rule \(c.rule) on node \(mirror.id(s))", sourceLocation: sourceLocation)
            }
        }
        return matched
    }

    @Test func compiledMatchingEqualsGenericMatching() throws {
        // The pages are varied enough that many rules match somewhere.
        #expect(Self.matchOnRandomPages(Self.selectors) > 1_000)
    }

    /// Few names, so attribute names get key bits too: rules whose ancestors want key bits
    /// match often, and the mirror-wide summary of keys and tags is what lets them be tried.
    @Test func rulesWantingAncestorKeysMatchAsGenerically() throws {
        let selectors = ["[class] span", "[title] p", "[data-kind] a", ".card span", "[id] > k", "section p", "div [data-x] *", ".ad > [href]"]
        #expect(Self.matchOnRandomPages(selectors) > 100)
    }

    /// Random pages under rules `selectors`, changed by attribute mutations, removes and
    /// adds; every rule's compiled answer on every element is compared with the generic
    /// one after each change. Returns how many (rule, element) pairs matched.
    static func matchOnRandomPages(_ selectors: [String]) -> Int {
        let elements = selectors.enumerated().map { #"{"name":"r\#($0.offset)","selector":"\#($0.element.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\""))","action":"mask"}"# }
        let p = policy(#"{"version":1,"routes":[{"name":"all","match":"/**","level":"low"}],"elements":[\#(elements.joined(separator: ","))]}"#)
        var r = Random(seed: 0x9E37_79B9_7F4A_7C15)
        var total = 0
        for round in 0..<20 {
            let sanitizer = WebSanitizer(policy: p, now: { 0 })
            var next = 10
            let root = Self.tree(&r, depth: 5, next: &next)
            let body = SerializedNode(id: 3, kind: .element(ElementData(tagName: "body")), childNodes: [root])
            let html = SerializedNode(id: 2, kind: .element(ElementData(tagName: "html")), childNodes: [body])
            _ = sanitizer.sanitize(Raw.meta())
            _ = sanitizer.sanitize(Raw.snapshot(SerializedNode(id: 1, kind: .document(compatMode: nil), childNodes: [html])))
            total += expectSameAnswers(sanitizer)
            // Attribute changes re-key the elements they touch.
            let changes = (0..<30).map { _ in AttributeMutation(id: 10 + r.next(next - 10), attributes: Self.attributes(&r)) }
            _ = sanitizer.sanitize(Raw.mutation(MutationData(attributes: changes)))
            total += expectSameAnswers(sanitizer)
            // Moves: subtrees removed, new ones added under other elements, then keys changed
            // again (the mirror-wide key and tag summary must stay a superset throughout).
            for _ in 0..<3 {
                let mirror = sanitizer.mirror
                var removes: [RemovedNode] = []
                for _ in 0..<4 {
                    let id = 10 + r.next(next - 10)
                    if let s = mirror.slot(of: id), mirror.parent(s) != Mirror.none { removes.append(RemovedNode(parentId: mirror.id(mirror.parent(s)), id: id)) }
                }
                _ = sanitizer.sanitize(Raw.mutation(MutationData(removes: removes)))
                let adds = (0..<4).map { _ in AddedNode(parentId: 10 + r.next(next - 10), nextId: nil, node: Self.tree(&r, depth: 2, next: &next)) }
                _ = sanitizer.sanitize(Raw.mutation(MutationData(adds: adds)))
                let more = (0..<10).map { _ in AttributeMutation(id: 10 + r.next(next - 10), attributes: Self.attributes(&r)) }
                _ = sanitizer.sanitize(Raw.mutation(MutationData(attributes: more)))
                total += expectSameAnswers(sanitizer)
            }
            #expect(round >= 0)
        }
        return total
    }

    @Test func namesFoundByBytesAsStringsCompare() {
        let t = NameTable()
        let a = t.insert("card")
        let e = t.insert("caf\u{E9}")
        #expect(t.insert("cafe\u{301}") == e)
        #expect(t.index(ofString: "card") == a)
        #expect(t.index(ofString: "Card") == nil)
        #expect(t.index(ofString: "cafe\u{301}") == e)
        for i in 0..<100 { t.insert("n\(i)") }
        for i in 0..<100 { #expect(t.index(ofString: "n\(i)") != nil) }
        #expect(t.index(ofString: "n100") == nil)
    }

    @Test func tagsInternAsTheDictionaryDoes() {
        var tags = TagTable()
        // The Kelvin sign is canonically equivalent to "K", which an element's name never
        // keeps (upper case is folded to "k").
        let kelvin = tags.intern(elementName: "\u{212A}")
        #expect(tags.intern("K") == kelvin)
        #expect(tags.intern(elementName: "\u{212A}") == kelvin)
        #expect(tags.intern(elementName: "K") == tags.intern("k"))
        #expect(tags.intern(elementName: "k") != kelvin)
        #expect(tags.intern(elementName: "DIV") == tags.intern(elementName: "div"))
        #expect(tags.intern(elementName: "INPUT") == KnownTag.input.rawValue)
        #expect(tags.intern(elementName: "my-widget") == tags.intern("my-widget"))
    }

    @Test func attributeKindsByBytesAsByName() {
        #expect(AttributeKind(name: "href") == .url)
        #expect(AttributeKind(name: "HREF") == .url)
        #expect(AttributeKind(name: "rr_dataURL") == .drop)
        #expect(AttributeKind(name: "RR_DATAURL") == .drop)
        #expect(AttributeKind(name: "_cssText") == .css)
        #expect(AttributeKind(name: "Data-Email") == .text)
        #expect(AttributeKind(name: "data") == .url)
        #expect(AttributeKind(name: "datax") == .plain)
        #expect(AttributeKind(name: "OnClick") == .drop)
        #expect(AttributeKind(name: "o") == .plain)
        #expect(AttributeKind(name: "class") == .plain)
        #expect(AttributeKind(name: "d\u{E9}ta-x") == .plain)
    }
}
