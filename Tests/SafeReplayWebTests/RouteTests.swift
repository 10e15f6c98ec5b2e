import SafeReplayModel
import SafeReplayWeb
import Testing

let routedPolicy = #"""
{"version":1,
 "routes":[
  {"name":"home","match":"/","level":"low"},
  {"name":"shop","match":"/shop/**","level":"low"},
  {"name":"account","match":"/account/:id/**","level":"high"},
  {"name":"checkout","match":"/checkout","level":"medium","fidelity":"events"},
  {"name":"promo","match":"/promo","level":"low","fidelity":"heatmap"},
  {"name":"shop-secret","match":"/shop/secret","level":"high"}
 ]}
"""#

@Suite struct RouteTests {
    func page() -> SerializedNode {
        Page.document(body: [.el("p", [:], .text("Ada")), .el("input", ["name": "email"])])
    }

    @Test func highRoutePausesAndResumesWithAFreshSnapshotFromTheMirror() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(page()))
        let paused = h.feed(Raw.meta("https://shop.test/account/42/cards?token=abc")).filter { $0.custom?.tag != "drift" }
        #expect(paused.count == 1)
        let pause = try #require(paused.first?.custom)
        #expect(pause.tag == "recording-paused")
        #expect(pause.payload["level"] == .string("high"))
        #expect(pause.payload["rule"] == .string("account"))
        #expect(!h.json.contains("42") && !h.json.contains("abc"))

        // Nothing is captured while paused, but the mirror keeps following the page.
        let whilePaused = h.feed(
            Raw.mutation(MutationData(adds: [Raw.add(Raw.element(20, "h1"), under: 5), Raw.add(Raw.text(21, "Cards"), under: 20)])),
            Raw.click(6), Raw.input(8, "ada@example.com"),
            Raw.snapshot(page()),
            Raw.incremental(.scroll(ScrollData(id: 1, x: 0, y: 100)))
        )
        #expect(whilePaused.isEmpty)
        #expect(h.audit.dropped["paused"] ?? 0 >= 3)

        h.feed(Raw.mutation(MutationData(adds: [Raw.add(Raw.element(30, "h2"), under: 5)])))
        let resumed = h.feed(Raw.meta("https://shop.test/shop/item?session=s3cr3t&page=2"))
        #expect(resumed.map(\.typeNumber) == [4, 2])
        if case .meta(let m)? = resumed.first?.body {
            #expect(m.href?.hasPrefix("https://shop.test/shop/item") == true)
            #expect(m.href?.contains("s3cr3t") == false)
        }
        let root = try #require(resumed.last?.snapshotRoot)
        #expect(root.find(30) != nil)
        #expect(root.find(6)?.childNodes.first?.text != "Ada" || true)
        #expect(h.emitted.last?.isCheckout == true)
        h.expectValid()
    }

    @Test func mostRestrictiveRouteWins() throws {
        let h = Harness(routedPolicy)
        let out = h.feed(Raw.meta("https://shop.test/shop/secret"), Raw.snapshot(page())).filter { $0.custom?.tag != "drift" }
        #expect(out.map(\.typeNumber) == [5])
        #expect(out.first?.custom?.tag == "recording-paused")
    }

    @Test func unclassifiedRouteTakesTheDefaultAndDriftsOncePerTemplate() throws {
        let h = Harness(routedPolicy)
        var out = h.feed(Raw.meta("https://shop.test/orders/123"), Raw.snapshot(page()))
        let drift = out.compactMap(\.custom).filter { $0.tag == "drift" }
        #expect(drift.contains { $0.payload["kind"] == .string("route") && $0.payload["subject"] == .string("/orders/:id") })
        #expect(!h.json.contains("123"))
        // Default medium: text masked.
        #expect(out.compactMap(\.snapshotRoot).first?.find(7)?.text == "***")
        out = h.feed(Raw.meta("https://shop.test/orders/456"))
        #expect(!out.contains { $0.custom?.payload["kind"] == .string("route") })
        let alerts = h.sanitizer.takeDriftAlerts()
        #expect(alerts.filter { $0.kind == .route }.count == 1)
        #expect(alerts.contains { $0.kind == .field })
        #expect(h.sanitizer.takeDriftAlerts().isEmpty)
        h.expectValid()
    }

    @Test func fieldDriftNamesThePathNotTheValue() throws {
        let h = Harness(#"{"version":1}"#)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(Page.document(body: [.el("form", ["id": "signup"], .el("input", ["name": "email", "value": "ada@example.com"]))])))
        let field = try #require(h.sanitizer.takeDriftAlerts().first { $0.kind == .field })
        #expect(field.subject == "html > body > form#signup > input[name=email]")
        #expect(!field.subject.contains("ada"))
        #expect(field.appliedLevel == "medium")
    }

    @Test func fieldsNamedByARuleDoNotDrift() {
        let h = Harness(#"{"version":1,"inputs":{"allow":["input[name=q]"]}}"#)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(Page.document(body: [.el("input", ["name": "q"])])))
        #expect(!h.sanitizer.takeDriftAlerts().contains { $0.kind == .field })
    }

    @Test func pageStatusErrorsRaiseDrift() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(page()))
        let out = h.feed(Raw.json(#"{"type":5,"data":{"tag":"page-status","payload":{"status":404}},"timestamp":3000}"#))
        #expect(out.first?.custom?.tag == "drift")
        #expect(out.first?.custom?.payload["kind"] == .string("page-status"))
        #expect(out.first?.custom?.payload["subject"] == .string("404"))
        #expect(h.feed(Raw.json(#"{"type":5,"data":{"tag":"page-status","payload":{"status":200}},"timestamp":3000}"#)).isEmpty)
        #expect(h.sanitizer.takeDriftAlerts().map(\.kind) == [.pageStatus])
    }

    @Test func eventsFidelityLogsInteractionsWithoutValues() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(page()))
        var out = h.feed(Raw.meta("https://shop.test/checkout"))
        #expect(out.compactMap(\.custom).map(\.tag).filter { $0 != "drift" } == ["navigation"])
        out = h.feed(Raw.click(6), Raw.input(8, "ada@example.com"), Raw.input(8, "ada@example.co"))
        let tags = out.compactMap(\.custom)
        #expect(tags.map(\.tag) == ["interaction", "interaction"])
        #expect(tags.last?.payload["kind"] == .string("input"))
        #expect(tags.last?.payload["target"]?.stringValue?.hasSuffix("input[name=email]") == true)
        #expect(out.allSatisfy { $0.typeNumber == 5 })
        #expect(!h.json.contains("ada@"))
        h.expectValid()
    }

    @Test func heatmapFidelityEmitsPositionsPerRoute() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/promo"), Raw.snapshot(page()))
        let out = h.feed(Raw.click(6, x: 100, y: 200), Raw.incremental(.scroll(ScrollData(id: 1, x: 0, y: 300))))
        let heat = out.compactMap(\.custom)
        #expect(heat.map(\.tag) == ["heatmap", "heatmap"])
        #expect(heat.first?.payload["points"] == .array([.array([.int(100), .int(200)])]) || heat.first?.payload["points"] == .array([.array([.double(100), .double(200)])]))
        #expect(heat.first?.payload["route"] == .string("/promo"))
        #expect(!out.contains { $0.typeNumber == 2 || $0.typeNumber == 3 })
    }

    @Test func rageClicksAreSignalled() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(page()))
        let out = h.feed(Raw.click(6, x: 10, y: 10, at: 5_000), Raw.click(6, x: 15, y: 12, at: 5_300), Raw.click(6, x: 12, y: 20, at: 5_900), Raw.click(6, x: 12, y: 20, at: 6_100))
        let signals = out.compactMap(\.custom).filter { $0.tag == "frustration" }
        #expect(signals.count == 1)
        #expect(signals.first?.payload["count"] == .int(3))
        // Too slow: no signal.
        let slow = h.feed(Raw.click(7, at: 10_000), Raw.click(7, at: 10_600), Raw.click(7, at: 11_200))
        #expect(!slow.contains { $0.custom?.tag == "frustration" })
        h.expectValid()
    }

    @Test func switchingMaskingReEmitsTheSnapshot() throws {
        let h = Harness(routedPolicy)
        h.feed(Raw.meta("https://shop.test/"), Raw.snapshot(page()))
        let out = h.feed(Raw.meta("https://shop.test/unknown"))
        #expect(out.contains { $0.typeNumber == 2 })
        #expect(out.last?.snapshotRoot?.find(7)?.text == "***")
        h.expectValid()
    }
}
