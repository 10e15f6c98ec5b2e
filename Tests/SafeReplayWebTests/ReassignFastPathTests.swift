import SafeReplayModel
import SafeReplayWeb
import Testing

/// A change to an attribute no selector reads (a `class` when no rule names a class) decides
/// the element again but the nodes below it only where that can change them. The policy
/// plus a rule naming a class that never occurs makes every selector read `class`, which
/// decides the whole subtree again: both must emit the same bytes and count the same.
@Suite struct ReassignFastPathTests {
    static let rules = #""elements":[{"name":"f","selector":"footer","action":"mask"},{"name":"b","selector":"aside","action":"block"}],"modules":[{"name":"pay","root":"[data-mfe=pay]","level":"medium","elements":[{"name":"shown","selector":"b","action":"unmask"}]}]"#
    static let classRule = #"{"name":"never","selector":".never-on-this-page","action":"drop"}"#

    /// body(5) > div(6) > [div[contenteditable](7) > text(8), p(9) > text(10)], select(11) > option(12) > text(13),
    /// script(14) > text(15), div[data-sr-sensitive](16) > text(17), textarea(18) > text(19),
    /// footer(20) > text(21), aside(22) > text(23), div[data-mfe](24) > [text(25), b(26) > text(27)], p(28) > text(29)
    static let page = Page.document(body: [
        .el("div", ["class": "wrap"],
            .el("div", ["contenteditable": "true", "class": "editor"], .text("draft")),
            .el("p", [:], .text("Ada Lovelace"))),
        .el("select", [:], .el("option", [:], .text("Visa"))),
        .el("script", [:], .text("var x = 1")),
        .el("div", ["data-sr-sensitive": "true"], .text("secret")),
        .el("textarea", [:], .text("typed")),
        .el("footer", [:], .text("contact")),
        .el("aside", [:], .text("ad")),
        .el("div", ["data-mfe": "pay"], .text("Total"), .el("b", [:], .text("shown"))),
        .el("p", [:], .text("plain")),
    ])

    static func classChange(_ ids: [Int], to value: String, extra: [String: AttributeValue] = [:]) -> Event {
        Raw.mutation(MutationData(attributes: ids.map { id in
            var attributes: Attributes = ["class": .string(value)]
            for (k, v) in extra.sorted(by: { $0.key < $1.key }) { attributes.entries.append(.init(name: k, value: v)) }
            return AttributeMutation(id: id, attributes: attributes)
        }))
    }

    static let events: [Event] = [
        Raw.meta(), Raw.snapshot(page),
        // Fields first, on their own: deciding them again tightens them from their history.
        classChange([7, 11, 18, 9], to: "first"),
        // Then ancestors: everything below is decided again in the general path.
        classChange([6], to: "wrap a"),
        classChange([5], to: "page"),
        // Each special subtree's own root, twice (the second finds it settled).
        classChange([7, 11, 14, 16, 18, 20, 22, 24, 26], to: "x"),
        classChange([7, 11, 14, 16, 18, 20, 22, 24, 26], to: "y"),
        // A change the element's own state reads, with the class: its children follow.
        classChange([7], to: "z", extra: ["contenteditable": .null]),
        classChange([9], to: "z", extra: ["contenteditable": .string("true")]),
        classChange([28], to: "z", extra: ["data-sr-sensitive": .string("1")]),
        Raw.incremental(.mutation(MutationData(texts: [TextMutation(id: 10, value: "Grace Hopper"), TextMutation(id: 29, value: "after")]))),
        // A new document forgets the sticky history of ids, and the mirror re-tightens it.
        Event(timestamp: 3_000, body: .domContentLoaded(.object([:]))),
        classChange([6, 7, 9, 11, 28], to: "after-load"),
        Raw.mutation(MutationData(adds: [Raw.add(Raw.text(40, "new"), under: 9)])),
        classChange([9, 5], to: "last"),
        Raw.meta("https://shop.test/again"), Raw.snapshot(Page.document(body: [])),
    ]

    @Test func classChangesEmitWhatTheWholeSubtreePathEmits() throws {
        let fast = Harness(lowPolicy(Self.rules))
        let general = Harness(lowPolicy(Self.rules.replacingOccurrences(of: #""elements":["#, with: #""elements":["# + Self.classRule + ",")))
        for e in Self.events {
            let a = fast.feed(e)
            let b = general.feed(e)
            #expect(a.count == b.count)
        }
        #expect(fast.json == general.json)
        #expect(fast.audit == general.audit)
        // The stream took the paths that matter: fields whose class changed, then the fields
        // below the first changed ancestor, were re-emitted though no rule reads `class`
        // (deciding them again adds `ruleMasked` from their history), and the
        // contenteditable flip re-emitted the paragraph.
        let removedIds = fast.events.compactMap(\.mutation).flatMap { $0.removes.map(\.id) }
        #expect(removedIds.starts(with: [7, 11, 18, 16, 24]))
        #expect(removedIds.contains(9))
        fast.expectValid()
    }
}
