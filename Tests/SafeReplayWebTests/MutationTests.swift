import SafeReplayModel
import SafeReplayWeb
import Testing

@Suite struct MutationTests {
    /// A low page: body(5) > div.private(6) > text(7) "Ada", div#open(8) > text(9) "hello", input(10).
    func started(_ extra: String = "") -> Harness {
        let rules = #""elements":[{"name":"m","selector":".private","action":"mask"},{"name":"ads","selector":".ad","action":"block"}]"#
        let h = Harness(lowPolicy(extra.isEmpty ? rules : rules + "," + extra))
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [
            .el("div", ["class": "private"], .text("Ada")),
            .el("div", ["id": "open"], .text("hello")),
            .el("input", ["type": "text"]),
        ])))
        return h
    }

    @Test(arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]])
    func addsApplyInAnyOrder(order: [Int]) throws {
        let h = started()
        // ul(20) > li(21) > text(22), li(23) before li(21)? No: li(23) first, li(21) after it.
        let adds = [
            Raw.add(Raw.element(20, "ul"), under: 5),
            Raw.add(Raw.element(21, "li"), under: 20),
            Raw.add(Raw.element(23, "li"), under: 20, before: 21),
        ]
        let out = h.feed(Raw.mutation(MutationData(adds: order.map { adds[$0] })))
        let m = try #require(out.first?.mutation)
        #expect(Set(m.adds.map(\.node.id)) == [20, 21, 23])
        for reason in ["unknown-parent", "unknown-next", "add-cycle", "duplicate-add", "hidden-add"] { #expect(h.audit.dropped[reason] == nil) }
        h.expectValid()
        // The mirror keeps the order: a resumed snapshot shows li 23 before li 21.
        let resumed = h.feed(Raw.meta("/x"), Raw.snapshot(Page.document(body: [])))
        #expect(resumed.count >= 2)
    }

    @Test func addsInsideMaskedElementsAreMasked() throws {
        let h = started()
        let out = h.feed(Raw.mutation(MutationData(adds: [
            Raw.add(Raw.element(30, "b"), under: 6),
            Raw.add(Raw.text(31, "Lovelace"), under: 30),
        ])))
        let m = try #require(out.first?.mutation)
        #expect(m.adds.first { $0.node.id == 31 }?.node.text == "********")
        h.expectValid()
    }

    @Test func nodesAddedUnderBlockedSubtreesAreDropped() throws {
        let h = started()
        h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.element(40, "div", ["class": "ad"]), under: 5)])))
        let out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.text(41, "ad copy"), under: 40)])))
        #expect(out.isEmpty)
        #expect(h.audit.dropped["hidden-add"] == 1)
        // A text change under it is not emitted either.
        #expect(h.feed(Raw.mutation(MutationData(texts: [TextMutation(id: 41, value: "more")]))).isEmpty)
        h.expectValid()
    }

    @Test func textMutationsInsideMaskedElementsAreMasked() throws {
        let h = started()
        let out = h.feed(Raw.mutation(MutationData(texts: [TextMutation(id: 7, value: "Ada Lovelace")])))
        #expect(out.first?.mutation?.texts == [TextMutation(id: 7, value: "*** ********")])
    }

    @Test func movingIntoAMaskedSubtreeMasksFromThenOn() throws {
        let h = started()
        // Move text 9 ("hello") from #open into .private: remove + add, as rrweb records moves.
        let out = h.feed(Raw.mutation(MutationData(removes: [RemovedNode(parentId: 8, id: 9)], adds: [Raw.add(Raw.text(9, "hello"), under: 6)])))
        let m = try #require(out.first?.mutation)
        #expect(m.adds.first?.node.text == "*****")
        // Moving it back out keeps it masked: sensitivity is sticky per id.
        let back = h.feed(Raw.mutation(MutationData(removes: [RemovedNode(parentId: 6, id: 9)], adds: [Raw.add(Raw.text(9, "hello again"), under: 8)])))
        #expect(back.first?.mutation?.adds.first?.node.text == "***** *****")
        h.expectValid()
    }

    @Test func textMovedOutOfAMediumModuleStaysMasked() throws {
        let modules = #""modules":[{"name":"payments","root":"[data-mfe=payments]","level":"medium","elements":[{"name":"shown","selector":".shown","action":"unmask"}]}]"#
        let h = Harness(lowPolicy(modules))
        // body(5) > div[data-mfe](6) > text(7) "Ada", p.shown(8) > text(9) "Total"; div#open(10)
        h.feed(Raw.meta(), Raw.snapshot(Page.document(body: [
            .el("div", ["data-mfe": "payments"], .text("Ada"), .el("p", ["class": "shown"], .text("Total"))),
            .el("div", ["id": "open"]),
        ])))
        // The module's masked text moved to the open page keeps its mask.
        var out = h.feed(Raw.mutation(MutationData(removes: [RemovedNode(parentId: 6, id: 7)], adds: [Raw.add(Raw.text(7, "Ada Lovelace"), under: 10)])))
        #expect(out.first?.mutation?.adds.first?.node.text == "*** ********")
        // Text the module unmasked was shown inside it and is shown outside it too.
        out = h.feed(Raw.mutation(MutationData(removes: [RemovedNode(parentId: 8, id: 9)], adds: [Raw.add(Raw.text(9, "Total due"), under: 10)])))
        #expect(out.first?.mutation?.adds.first?.node.text == "Total due")
        h.expectValid()
    }

    @Test func passwordStaysMaskedAfterTypeFlip() throws {
        let h = started(#""inputs":{"allow":["input"]}"#)
        var out = h.feed(Raw.mutation(MutationData(attributes: [AttributeMutation(id: 10, attributes: ["type": .string("password")])])))
        // The verdict changed: the input is re-emitted under the hard floor.
        #expect(out.first?.mutation?.removes.map(\.id) == [10])
        out = h.feed(Raw.mutation(MutationData(attributes: [AttributeMutation(id: 10, attributes: ["type": .string("text")])])))
        out = h.feed(Raw.input(10, "hunter2"))
        if case .input(let d)? = out.first?.incremental { #expect(d.text == "****") } else { Issue.record("input missing") }
        // A recycled id keeps the strictest state too.
        h.feed(Raw.mutation(MutationData(removes: [RemovedNode(parentId: 5, id: 10)])))
        out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.element(10, "input", ["type": "text", "value": "shown?"]), under: 5)])))
        #expect(out.first?.mutation?.adds.first?.node.attribute("value") == .string("****"))
        h.expectValid()
    }

    @Test func classChangeReJudgesTheSubtree() throws {
        let h = started()
        let out = h.feed(Raw.mutation(MutationData(attributes: [AttributeMutation(id: 8, attributes: ["class": .string("ad")])])))
        let m = try #require(out.first?.mutation)
        #expect(m.removes.map(\.id) == [8])
        #expect(m.adds.map(\.node.id) == [8])
        #expect(m.adds.first?.node.element?.attributes.isEmpty == true)
        // Its old children are gone from the player; changes to them are not emitted.
        #expect(h.feed(Raw.mutation(MutationData(texts: [TextMutation(id: 9, value: "x")]))).isEmpty)
        h.expectValid()
    }

    @Test func badMutationsAreDroppedAndCounted() throws {
        let h = started()
        let out = h.feed(Raw.mutation(MutationData(
            texts: [TextMutation(id: 999, value: "x"), TextMutation(id: 6, value: "on an element")],
            attributes: [AttributeMutation(id: 998, attributes: ["a": .string("b")]), AttributeMutation(id: 9, attributes: ["a": .string("b")])],
            removes: [RemovedNode(parentId: 5, id: 997), RemovedNode(parentId: 0, id: 1)],
            adds: [
                Raw.add(Raw.element(8, "p"), under: 5),                 // id already present
                Raw.add(Raw.element(50, "p"), under: 996),              // unknown parent
                Raw.add(Raw.element(51, "p"), under: 5, before: 995),   // unknown next
                Raw.add(Raw.element(52, "p"), under: 53),               // 52 and 53 wait for each other
                Raw.add(Raw.element(53, "p"), under: 52),
                Raw.add(Raw.element(54, "p"), under: 54),               // its own parent
                Raw.add(Raw.element(60, "p"), under: 9),                // under a text node
                Raw.add(Raw.element(-3, "p"), under: 5),
                Raw.add(Raw.element(61, "p"), under: 5),
                Raw.add(Raw.element(61, "p"), under: 5),                // twice in one batch
            ])))
        let d = h.audit.dropped
        #expect(d["unknown-node-id"] == 3)
        #expect(d["text-on-element"] == 1)
        #expect(d["attribute-on-non-element"] == 1)
        #expect(d["remove-root"] == 1)
        #expect(d["duplicate-add"] == 2)
        #expect(d["unknown-parent"] == 1)
        #expect(d["unknown-next"] == 1)
        #expect(d["add-cycle"] == 3)
        #expect(d["parent-not-container"] == 1)
        #expect(d["invalid-node-id"] == 1)
        #expect(out.first?.mutation?.adds.map(\.node.id) == [61])
        h.expectValid()
        // The mirror is intact: a later valid mutation still applies.
        let later = h.feed(Raw.mutation(MutationData(texts: [TextMutation(id: 9, value: "bye")])))
        #expect(later.first?.mutation?.texts.first?.id == 9)
    }

    @Test func manyWaitingAddsAreCountedAsFewAre() throws {
        // Past 16 waiting adds they are kept by id in a table, not a list: the same counts,
        // and a chain sent backwards is still released link by link.
        let h = started()
        var adds: [AddedNode] = []
        for i in 0..<10 { adds.append(Raw.add(Raw.element(100 + i, "p"), under: 900 + i)) }
        for i in 0..<10 { adds.append(Raw.add(Raw.element(200 + i, "p"), under: 5, before: 800 + i)) }
        for i in 0..<5 {
            adds.append(Raw.add(Raw.element(300 + 2 * i, "p"), under: 301 + 2 * i))
            adds.append(Raw.add(Raw.element(301 + 2 * i, "p"), under: 300 + 2 * i))
        }
        for i in (0..<30).reversed() { adds.append(Raw.add(Raw.element(400 + i, "div"), under: i == 0 ? 5 : 399 + i)) }
        let out = h.feed(Raw.mutation(MutationData(adds: adds)))
        let d = h.audit.dropped
        #expect(d["unknown-parent"] == 10)
        #expect(d["unknown-next"] == 10)
        #expect(d["add-cycle"] == 10)
        #expect(out.first?.mutation?.adds.map(\.node.id) == Array(400..<430))
        h.expectValid()
    }

    @Test func mutationsBeforeAnySnapshotAreDropped() {
        let h = Harness()
        let out = h.feed(Raw.meta(), Raw.mutation(MutationData(adds: [Raw.add(Raw.element(6, "p"), under: 5)])))
        #expect(out.map(\.typeNumber) == [5, 4])
        #expect(h.audit.dropped["before-snapshot"] == 1)
        #expect(h.feed(Raw.click(5)).isEmpty)
        #expect(h.audit.dropped["before-snapshot"] == 2)
    }

    @Test func nestedChildrenInAnAddAreHandled() throws {
        let h = started()
        var div = Raw.element(70, "div", ["class": "private"])
        div.childNodes = [Raw.text(71, "Ada")]
        let out = h.feed(Raw.mutation(MutationData(adds: [Raw.add(div, under: 5)])))
        let m = try #require(out.first?.mutation)
        #expect(m.adds.map(\.node.id) == [70, 71])
        #expect(m.adds.last?.node.text == "***")
        h.expectValid()
    }

    @Test func deepChainsDoNotExhaustTheStack() {
        let h = started()
        let adds = (0..<20_000).map { i in Raw.add(Raw.element(1_000 + i, "div"), under: i == 0 ? 5 : 999 + i) }
        h.feed(Raw.mutation(MutationData(adds: adds.reversed())))
        h.feed(Raw.meta("/other"))
        h.expectValid()
    }
}
