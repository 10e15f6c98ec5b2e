import SafeReplayModel
import SafeReplayWeb
import Testing

/// The fate of every event kind on a low page with one shown paragraph (6 > 7), an
/// input (8), a video (9, blocked) and a style element (10 > 11).
@Suite struct EventKindTests {
    func started(_ extra: String = "") -> Harness {
        let h = Harness(lowPolicy(extra))
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [
            .el("p", [:], .text("Ada")),
            .el("input", ["type": "checkbox", "value": "newsletter"]),
            .el("video", ["src": "https://cdn.test/v.mp4"]),
            .el("style", [:], .text("p{color:red}")),
        ])))
        return h
    }

    func incremental(_ json: String) -> Event { Raw.json(#"{"type":3,"timestamp":2000,"data":"# + json + "}") }

    @Test func loadEventsKeepNoData() {
        let h = Harness()
        let out = h.feed(Raw.json(#"{"type":0,"data":{"x":"ada@example.com"},"timestamp":1}"#), Raw.json(#"{"type":1,"data":{"y":1},"timestamp":2}"#))
        #expect(out.map(\.typeNumber) == [0, 1])
        #expect(!h.json.contains("ada@"))
        #expect(h.json.contains(#""data":{}"#))
    }

    @Test func pointerEventsKeepPositionsOnKnownTargets() throws {
        let h = started()
        let out = h.feed(incremental(#"{"source":1,"positions":[{"x":1,"y":2,"id":7,"timeOffset":-100},{"x":3,"y":4,"id":12345,"timeOffset":0}]}"#))
        guard case .pointerPositions(_, let d)? = out.first?.incremental else { Issue.record("no positions"); return }
        #expect(d.positions.map(\.id) == [7])
        #expect(h.audit.dropped["position"] == 1)
        h.expectValid()
    }

    /// Kept positions are renamed to the node the replay shows (a span inside the blocked
    /// video is the video), the others counted; when none is kept, no event at all.
    @Test func pointerPositionsAreRenamedOrCountedAndNoneKeptEmitsNothing() throws {
        let h = started()
        h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.element(30, "span"), under: 9)])))
        let out = h.feed(incremental(#"{"source":1,"positions":[{"x":1,"y":2,"id":404,"timeOffset":-200},{"x":3,"y":4,"id":30,"timeOffset":-100},{"x":5,"y":6,"id":7,"timeOffset":0}]}"#))
        guard case .pointerPositions(let source, let d)? = out.first?.incremental else { Issue.record("no positions"); return }
        #expect(source == .mouseMove)
        #expect(d.positions == [PointerPosition(x: 3, y: 4, id: 9, timeOffset: -100), PointerPosition(x: 5, y: 6, id: 7, timeOffset: 0)])
        #expect(h.audit.dropped["position"] == 1)
        #expect(h.feed(incremental(#"{"source":6,"positions":[{"x":1,"y":2,"id":404,"timeOffset":0},{"x":1,"y":2,"id":405,"timeOffset":0}]}"#)).isEmpty)
        #expect(h.audit.dropped["position"] == 3)
        h.expectValid()
    }

    @Test func interactionsInsideBlockedElementsNameThePlaceholder() throws {
        let h = started()
        h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.element(30, "span"), under: 9)])))
        let out = h.feed(Raw.click(30))
        guard case .mouseInteraction(let d)? = out.first?.incremental else { Issue.record("no click"); return }
        #expect(d.id == 9)
        h.expectValid()
    }

    @Test func checkboxKeepsCheckedButNotValue() throws {
        let h = started()
        let out = h.feed(Raw.input(8, "newsletter", checked: true))
        guard case .input(let d)? = out.first?.incremental else { Issue.record("no input"); return }
        #expect(d.isChecked)
        #expect(d.text == "****")
    }

    @Test func ignoreRulesDropInputEvents() throws {
        let h = started(#""elements":[{"name":"cb","selector":"input","action":"ignore"}]"#)
        #expect(h.feed(Raw.input(8, "x")).isEmpty)
        #expect(h.audit.dropped["input:ignored"] == 1)
    }

    @Test func allowlistedFieldsAreShownThroughTheDetectors() throws {
        let h = Harness(lowPolicy(#""inputs":{"allow":["input[type=search]"]}"#))
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("input", ["type": "search"])])))
        let out = h.feed(Raw.input(6, "mail ada@example.com"))
        guard case .input(let d)? = out.first?.incremental else { Issue.record("no input"); return }
        #expect(!d.text.contains("ada@example.com"))
        #expect(d.text != "****")
    }

    @Test func mediaInteractionOnBlockedMediaIsDropped() {
        let h = started()
        #expect(h.feed(incremental(#"{"source":7,"type":0,"id":9}"#)).isEmpty)
        #expect(h.audit.dropped["media-blocked"] == 1)
    }

    @Test func selectionOfShownTextIsKeptOfMaskedTextDropped() {
        let h = started(#""elements":[{"name":"u","selector":"p","action":"unmask"}]"#)
        #expect(h.feed(incremental(#"{"source":14,"ranges":[{"start":7,"startOffset":0,"end":7,"endOffset":2}]}"#)).count == 1)
        let masked = Harness()
        masked.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("p", [:], .text("Ada"))])))
        #expect(masked.feed(incremental(#"{"source":14,"ranges":[{"start":7,"startOffset":0,"end":7,"endOffset":2}]}"#)).isEmpty)
    }

    @Test func stylesheetEventsAreCleaned() throws {
        let h = started()
        var out = h.feed(incremental(#"{"source":8,"id":10,"adds":[{"rule":".n::after{content:\"Ada Lovelace\"}","index":0}]}"#))
        guard case .styleSheetRule(let d)? = out.first?.incremental else { Issue.record("no rule"); return }
        #expect(d.adds?.first?.rule.contains("Ada") == false)
        out = h.feed(incremental(#"{"source":13,"id":10,"index":[0],"set":{"property":"background","value":"url(https://x.test/?token=1)"}}"#))
        guard case .styleDeclaration(let s)? = out.first?.incremental else { Issue.record("no declaration"); return }
        #expect(s.set?.value?.contains("token") == false)
        out = h.feed(incremental(#"{"source":15,"id":1,"styleIds":[1],"styles":[{"styleId":1,"rules":[{"rule":"b::before{content:'Ada'}"}]}]}"#))
        guard case .adoptedStyleSheet(let a)? = out.first?.incremental else { Issue.record("no adopted sheet"); return }
        #expect(a.styles?.first?.rules.first?.rule.contains("Ada") == false)
        #expect(h.feed(incremental(#"{"source":8,"id":4242,"adds":[]}"#)).isEmpty)
        h.expectValid()
    }

    @Test func droppedKindsAreCounted() {
        let h = started()
        let out = h.feed(
            incremental(#"{"source":9,"id":1,"type":0,"commands":[{"property":"fillText","args":["Ada",0,0]}]}"#),
            incremental(#"{"source":11,"level":"log","payload":["ada@example.com"]}"#),
            incremental(#"{"source":99,"x":1}"#),
            incremental(#"{"source":10,"family":"F","fontSource":"data","buffer":true}"#),
            Raw.json(#"{"type":6,"data":{"plugin":"rrweb/console@1","payload":{"level":"log","payload":["ada@example.com"]}},"timestamp":3}"#),
            Raw.json(#"{"type":7,"data":{"url":"https://x.test/a.png","payload":{}},"timestamp":3}"#),
            Raw.json(#"{"type":42,"data":{},"timestamp":3}"#),
            Raw.json(#"{"type":5,"data":{"tag":"checkout","payload":{"email":"ada@example.com"}},"timestamp":3}"#),
            Raw.json(#"{"type":5,"data":{"tag":"drift","payload":{"kind":"route","subject":"ada@example.com"}},"timestamp":3}"#)
        )
        #expect(out.isEmpty)
        let d = h.audit.dropped
        #expect(d["canvas"] == 1 && d["log"] == 1 && d["unknown-source"] == 1 && d["font:buffer"] == 1)
        #expect(d["plugin"] == 1 && d["asset"] == 1 && d["unknown-event-type"] == 1 && d["custom-tag"] == 2)
        #expect(!h.json.contains("ada@"))
    }

    @Test func keptKindsPassWithoutUnknownKeys() throws {
        let h = started()
        let out = h.feed(
            incremental(#"{"source":3,"id":1,"x":0,"y":50,"extra":"ada@example.com"}"#),
            incremental(#"{"source":4,"width":800,"height":600}"#),
            incremental(#"{"source":16,"define":{"name":"my-widget"}}"#),
            incremental(#"{"source":2,"type":1,"id":7,"x":3,"y":4,"pointerType":0}"#)
        )
        #expect(out.count == 4)
        #expect(!h.json.contains("ada@"))
        h.expectValid()
    }
}

@Suite struct FrameAndShadowTests {
    @Test func iframeContentIsDroppedWhileMediaIsBlocked() {
        let h = Harness(lowPolicy())
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("iframe", ["src": "https://x.test/frame"])])))
        var doc = SerializedNode(id: 50, kind: .document(compatMode: nil), rootId: 50)
        doc.childNodes = [SerializedNode(id: 51, kind: .element(ElementData(tagName: "html")), rootId: 50)]
        let out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(doc, under: 6)], isAttachIframe: true)))
        #expect(out.isEmpty)
        h.expectValid()
    }

    @Test func iframeContentFollowsTheRulesWhenMediaIsShown() throws {
        let h = Harness(lowPolicy(#""media":{"block":false}"#))
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("iframe")])))
        var doc = SerializedNode(id: 50, kind: .document(compatMode: nil), rootId: 50)
        var body = Raw.element(51, "input", ["value": "Ada"])
        body.rootId = 50
        doc.childNodes = [body]
        let out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(doc, under: 6)], isAttachIframe: true)))
        let m = try #require(out.first?.mutation)
        #expect(m.isAttachIframe == true)
        #expect(m.adds.last?.node.attribute("value") == .string("****"))
        #expect(m.adds.last?.node.rootId == 50)
        h.expectValid()
    }

    @Test func shadowChildrenInheritTheHostsProtection() throws {
        let h = Harness(lowPolicy(#""elements":[{"name":"m","selector":".private","action":"mask"}]"#))
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("div", ["class": "private"])])))
        var span = Raw.text(60, "Ada")
        span.isShadow = true
        let out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(span, under: 6)])))
        #expect(out.first?.mutation?.adds.first?.node.text == "***")
        #expect(out.first?.mutation?.adds.first?.node.isShadow == true)
        h.expectValid()
    }

    @Test func touchAndDragPositionsAreKept() {
        let h = Harness(lowPolicy())
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [.el("p")])))
        let touch = Raw.incremental(.pointerPositions(.touchMove, PointerPositionsData(positions: [PointerPosition(x: 1, y: 1, id: 6, timeOffset: 0)])), at: 3_000)
        let drag = Raw.incremental(.pointerPositions(.drag, PointerPositionsData(positions: [PointerPosition(x: 2, y: 2, id: 6, timeOffset: 0)])), at: 4_000)
        #expect(h.feed(touch, drag).count == 2)
        h.expectValid()
    }
}
