import Testing
import SafeReplayModel
@testable import SafeReplayMobile

@Suite struct ViewRuleTests {
    static let policy = #"""
    {"version":1,"mobile":{"views":[
      {"name":"balance","identifier":"balance","action":"block"},
      {"name":"chat","className":"ChatView","action":"drop"},
      {"name":"search","identifier":"search","action":"ignore"},
      {"name":"labels","className":"UILabel","action":"mask"},
      {"name":"prices","className":"PriceLabel","action":"unmask"},
      {"name":"both","className":"UIButton","identifier":"pay","action":"block"}
    ]}}
    """#

    static let tree = #"""
    [{"id":1,"x":0,"y":0,"width":390,"height":844,"type":"div","childWireframes":[
      {"id":2,"x":10,"y":100,"width":200,"height":40,"type":"div","viewId":"balance","style":{"backgroundColor":"#FF0000"},"childWireframes":[
        {"id":3,"x":12,"y":102,"width":100,"height":20,"type":"text","text":"$12,345.67"}]},
      {"id":4,"x":10,"y":200,"width":300,"height":300,"type":"div","viewClass":"ChatView","childWireframes":[
        {"id":5,"x":10,"y":210,"width":100,"height":20,"type":"text","text":"hi Jane"}]},
      {"id":6,"x":10,"y":600,"width":300,"height":40,"type":"input","inputType":"search","viewId":"search"},
      {"id":7,"x":10,"y":700,"width":100,"height":20,"type":"text","text":"Total","viewClass":"UILabel"},
      {"id":8,"x":10,"y":730,"width":100,"height":20,"type":"text","text":"$9.99","viewClass":"PriceLabel"},
      {"id":9,"x":10,"y":760,"width":100,"height":40,"type":"input","inputType":"button","value":"Pay","viewClass":"UIButton"},
      {"id":10,"x":200,"y":760,"width":100,"height":40,"type":"input","inputType":"button","value":"Pay","viewClass":"UIButton","viewId":"pay"}]}]
    """#

    func run() -> (Recorder, [JSONValue]) {
        let r = Recorder(Self.policy)
        r.meta("Wallet")
        let out = r.snapshot(Self.tree, at: t0 + 1)
        return (r, out.last?.snapshotWireframes ?? [])
    }

    @Test func blockLeavesAnEmptyPlaceholderOfTheSameFrame() {
        let (_, ws) = run()
        let blocked = ws.filter { $0["type"]?.stringValue == "placeholder" }
        #expect(blocked.count == 2)
        let balance = blocked[0]
        #expect(balance.objectValue?.keys.sorted() == ["height", "id", "type", "width", "x", "y"])
        #expect(balance["x"]?.doubleValue == 10 && balance["y"]?.doubleValue == 100)
        #expect(balance["width"]?.doubleValue == 200 && balance["height"]?.doubleValue == 40)
        #expect(balance["childWireframes"] == nil)
    }

    @Test func dropRemovesTheSubtree() {
        let (r, ws) = run()
        // 10 host wireframes: the chat view and its child are gone, the balance child too.
        #expect(ws.count == 7)
        #expect(!ws.contains { $0["x"]?.doubleValue == 10 && $0["y"]?.doubleValue == 200 })
        #expect(r.sanitizer.audit.blocked["rule:chat"] == 1)
        #expect(r.sanitizer.audit.blocked["rule:balance"] == 1)
    }

    @Test func unmaskCannotRevealTextAndMaskCounts() {
        let (r, ws) = run()
        let texts = ws.filter { $0["type"]?.stringValue == "text" }
        #expect(texts.allSatisfy { $0["text"]?.stringValue == "****" })
        #expect(r.sanitizer.audit.masked["rule:labels"] == 1)
    }

    @Test func ruleWithClassAndIdentifierNeedsBoth() {
        let (r, ws) = run()
        let buttons = ws.filter { $0["inputType"]?.stringValue == "button" }
        #expect(buttons.count == 1)
        #expect(r.sanitizer.audit.blocked["rule:both"] == 1)
    }

    @Test func ignoreBlockAndDropDropTouchesOnTheirFrames() {
        let (r, _) = run()
        let start = r.all.count
        r.tap(50, 610, at: t0 + 100)   // search: ignore
        r.tap(50, 110, at: t0 + 300)   // balance: block
        r.tap(50, 250, at: t0 + 500)   // chat: drop
        #expect(r.all.count == start)
        #expect(r.sanitizer.audit.dropped["touch:view-rule"] == 6)
        r.tap(50, 820, at: t0 + 700)   // nothing there
        #expect(r.all[start...].filter { $0.interaction != nil }.count == 2)
    }

    @Test func aMutationCanTurnAViewIntoABlockedOne() {
        let (r, _) = run()
        let out = r.mutation(#""updates":[{"parentId":1,"wireframe":{"id":7,"x":10,"y":700,"width":100,"height":20,"type":"text","text":"Total","viewId":"balance"}}]"#, at: t0 + 50)
        let w = out.last?.data?["updates"]?.arrayValue?.first?["wireframe"]
        #expect(w?["type"]?.stringValue == "placeholder")
        // Adds under a blocked view are withheld.
        let hidden = r.mutation(#""adds":[{"parentId":2,"wireframe":{"id":30,"type":"text","text":"secret"}}]"#, at: t0 + 60)
        #expect(hidden.isEmpty)
        // And then removing one is not news to the player either.
        #expect(r.mutation(#""removes":[{"parentId":2,"id":30}]"#, at: t0 + 70).isEmpty)
    }
}
