import SafeReplayPolicy
import Testing

/// A toy DOM for selector tests: each element knows its parent.
final class ToyElement {
    let tag: String
    let attributes: [String: String]
    weak var parent: ToyElement?
    var children: [ToyElement] = []

    init(_ tag: String, _ attributes: [String: String] = [:], _ children: [ToyElement] = []) {
        self.tag = tag
        self.attributes = attributes
        self.children = children
        for c in children { c.parent = self }
    }

    func first(where predicate: (ToyElement) -> Bool) -> ToyElement? {
        if predicate(self) { return self }
        for c in children { if let hit = c.first(where: predicate) { return hit } }
        return nil
    }
}

struct ToyDOM: SelectorSubject {
    func tagName(of element: ToyElement) -> String { element.tag }
    func parentElement(of element: ToyElement) -> ToyElement? { element.parent }
    func attribute(_ name: String, of element: ToyElement) -> String? { element.attributes[name] }
}

@Suite struct SelectorTests {
    let root = ToyElement("html", [:], [
        ToyElement("body", ["class": "page  checkout"], [
            ToyElement("form", ["id": "pay", "data-mfe": "payments"], [
                ToyElement("div", ["class": "row"], [
                    ToyElement("input", ["name": "card-number", "type": "text", "autocomplete": "cc-number"]),
                    ToyElement("input", ["name": "q", "type": "search", "class": "search box"]),
                ]),
            ]),
            ToyElement("a", ["href": "https://x.test/file.pdf", "lang": "en-GB", "title": "Hello"]),
        ]),
    ])

    func element(_ predicate: (ToyElement) -> Bool) -> ToyElement { root.first(where: predicate)! }
    var card: ToyElement { element { $0.attributes["name"] == "card-number" } }
    var search: ToyElement { element { $0.attributes["name"] == "q" } }
    var link: ToyElement { element { $0.tag == "a" } }

    func matches(_ selector: String, _ e: ToyElement) throws -> Bool {
        try SelectorList(parsing: selector).matches(e, in: ToyDOM())
    }

    @Test func simpleSelectors() throws {
        #expect(try matches("input", card))
        #expect(try matches("*", card))
        #expect(try matches("#pay input", card))
        #expect(try matches(".search", search))
        #expect(try matches(".search.box", search))
        #expect(try !matches(".search.missing", search))
        #expect(try matches("[autocomplete]", card))
        #expect(try matches("[autocomplete^=cc-]", card))
        #expect(try matches("[name$=number]", card))
        #expect(try matches("[href*='.pdf']", link))
        #expect(try matches("[class~=box]", search))
        #expect(try !matches("[class~=bo]", search))
        #expect(try matches("[lang|=en]", link))
        #expect(try matches("[title=hello i]", link))
        #expect(try !matches("[title=hello]", link))
        #expect(try !matches("[href^='']", link))
    }

    @Test func combinatorsAndNegation() throws {
        #expect(try matches("form > div > input", card))
        #expect(try !matches("form > input", card))
        #expect(try matches("body form input", card))
        #expect(try matches(".checkout [data-mfe=payments] .row input", card))
        #expect(try matches("input:not([type=search])", card))
        #expect(try !matches("input:not([type=search])", search))
        #expect(try matches("input:not(.a, .b)", card))
        #expect(try matches("p, input", card))
        #expect(try !matches("div > form input", card))
    }

    @Test(arguments: ["", "div[", "a + b", "a ~ b", "p:hover", "[x=]", "#", ".", "a >", "> a", ":not(", "a,,b", "[a!=b]", "div'"])
    func invalidSelectorsAreRejected(_ selector: String) {
        #expect(throws: SafeReplayErrorMessage.self) { try SelectorList(parsing: selector) }
    }

    @Test func subjectKeyPrefersTheMostSelectivePart() throws {
        #expect(try SelectorList(parsing: "div.a#b").selectors[0].subjectKey == .id("b"))
        #expect(try SelectorList(parsing: "form input.x").selectors[0].subjectKey == .className("x"))
        #expect(try SelectorList(parsing: "form input").selectors[0].subjectKey == .tag("input"))
        #expect(try SelectorList(parsing: "[data-x]").selectors[0].subjectKey == .any)
    }
}

@Suite struct RoutePatternTests {
    @Test(arguments: [
        ("/account/:id/**", "/account/42", true),
        ("/account/:id/**", "/account/42/orders/7", true),
        ("/account/:id/**", "/account", false),
        ("/account/:id", "/account/42/", true),
        ("/", "/", true),
        ("/", "/x", false),
        ("/**", "/anything/at/all", true),
        ("/docs/*.pdf", "/docs/report.pdf", true),
        ("/docs/*.pdf", "/docs/report.txt", false),
        ("/a/**/edit", "/a/b/c/edit", true),
        ("/a/**/edit", "/a/edit", true),
        ("/a/**/edit", "/a/b/c/view", false),
        ("/user-*-x/*", "/user-7-x/p", true),
    ])
    func matching(_ pattern: String, _ path: String, _ expected: Bool) throws {
        #expect(try RoutePattern(parsing: pattern).matches(path: path) == expected)
    }

    @Test(arguments: ["a/b", "/x/:", "/x/:1a", "/a**b", ""])
    func invalidPatterns(_ pattern: String) {
        #expect(throws: SafeReplayErrorMessage.self) { try RoutePattern(parsing: pattern) }
    }
}
