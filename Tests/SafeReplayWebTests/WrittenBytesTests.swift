import SafeReplayModel
@testable import SafeReplayWeb
import Testing

/// Snapshots and mutations are written as bytes by the web sanitizer itself; they must be
/// exactly what `Event.encode` writes for the same event.
@Suite struct WrittenBytesTests {
    func expectCanonical(_ h: Harness, sourceLocation: SourceLocation = #_sourceLocation) {
        for e in h.emitted {
            let decoded = try? Event(json: e.json)
            #expect(decoded?.jsonBytes == e.json, "\(String(decoding: e.json, as: UTF8.self))", sourceLocation: sourceLocation)
        }
    }

    @Test func snapshotsAreWrittenAsTheModelEncodesThem() {
        let h = Harness(lowPolicy())
        let text = "quote \" backslash \\ tab \t newline \n bell \u{07} del \u{7F} é 🚀 \u{0}"
        var root = Page.document(body: [
            .el("div", ["class": "a \"b\"", "data-x": "\u{1F}\\"], .text(text)),
            .el("p", [:], .text(""), .comment("c")),
        ])
        // Values that are not strings, and flags the writer must place.
        if case .element(var html) = root.childNodes[1].kind {
            html.attributes.entries.append(.init(name: "rr_width", value: .number(12.5)))
            html.attributes.entries.append(.init(name: "rr_height", value: .number(40)))
            html.attributes.entries.append(.init(name: "hidden", value: .bool(true)))
            html.isSVG = true
            root.childNodes[1].kind = .element(html)
        }
        root.childNodes[1].rootId = 77
        root.childNodes[1].isShadowHost = true
        h.feed(Raw.meta(), Raw.snapshot(root))
        #expect(h.emitted.count >= 2)
        expectCanonical(h)
    }

    @Test func mutationsAreWrittenAsTheModelEncodesThem() {
        let h = Harness(lowPolicy())
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [
            .el("div", ["id": "a"], .text("hello")),
            .el("iframe"),
            .el("span"),
        ])))
        var frame = SerializedNode(id: 40, kind: .document(compatMode: "BackCompat"), childNodes: [
            SerializedNode(id: 41, kind: .element(ElementData(tagName: "body", attributes: ["title": .string("t \"q\"")])), childNodes: [
                SerializedNode(id: 42, kind: .text("in \u{1} frame", isStyle: nil)),
            ]),
        ])
        frame.rootId = 40
        h.feed(Raw.mutation(MutationData(
            texts: [TextMutation(id: 7, value: nil), TextMutation(id: 7, value: "x\ny")],
            attributes: [AttributeMutation(id: 6, attributes: ["title": .string("new"), "id": .null, "rr_width": .number(3.25)])],
            removes: [RemovedNode(parentId: 5, id: 9, isShadow: false)],
            adds: [Raw.add(frame, under: 8), Raw.add(Raw.element(50, "span", ["class": "s"]), under: 5)],
            isAttachIframe: true)))
        #expect(h.emitted.count >= 3)
        expectCanonical(h)
    }
}
