import Testing
import SafeReplayModel
@testable import SafeReplayMobile

@Suite struct ScreenTests {
    static let policy = #"""
    {"version":1,"mobile":{"screens":[
      {"name":"home","match":"Home*","level":"low"},
      {"name":"checkout","match":"Checkout*","level":"high"},
      {"name":"payment","match":"*Payment*","level":"medium","fidelity":"events"},
      {"name":"map","match":"Map","level":"medium","fidelity":"heatmap"}
    ]}}
    """#

    static let tree = #"[{"id":1,"x":0,"y":0,"width":390,"height":844,"type":"div","childWireframes":[{"id":2,"x":0,"y":0,"width":10,"height":10,"type":"text","text":"hi"}]}]"#

    @Test(arguments: [
        ("OrderDetail/12345", "OrderDetail/:id"),
        ("orders/550e8400-e29b-41d4-a716-446655440000/items", "orders/:uuid/items"),
        ("Profile(userId=42)", "Profile(userId=:id)"),
        ("/u/jane.doe@example.com/settings", "/u/:email/settings"),
        ("Search?q=jane+doe#top", "Search"),
        ("Order12345Screen", "Order:idScreen"),
        ("Step2ViewController", "Step2ViewController"),
        ("commit/9f86d081884c7d65", "commit/:id"),
        ("reset/aB3dE5fG7hJ9kL1mN0pQ", "reset/:token"),
        ("com.shop.CheckoutActivity", "com.shop.CheckoutActivity"),
        ("", "(unnamed)"),
        ("Главная/42", "Главная/:id"),
    ])
    func templatesStripValues(name: String, template: String) {
        #expect(ScreenTemplate.of(name) == template)
    }

    @Test func theDetectorsReadWhatTheStructuralRulesLeave() {
        let r = Recorder()
        let out = r.meta("reset/sk_live_abcdefghijklmnopqrstuvwx")
        #expect(out.first?.data?["href"] == .string("reset/:api_key"))
        #expect(r.sanitizer.audit.detected["API_KEY"] == 1)
        #expect(!r.text.contains("abcdefghij"))
    }

    @Test func metaCarriesTheTemplateNotTheName() {
        let r = Recorder()
        let out = r.meta("OrderDetail/12345")
        #expect(out.first?.type == 4)
        #expect(out.first?.data?["href"]?.stringValue == "OrderDetail/:id")
        #expect(!r.text.contains("12345"))
    }

    @Test func unknownScreensDriftOncePerTemplate() {
        let r = Recorder(Self.policy)
        r.meta("Order/1")
        r.meta("Order/2", at: t0 + 1)
        r.meta("HomeScreen", at: t0 + 2)
        r.meta("Order/3", at: t0 + 3)
        let alerts = r.sanitizer.takeDriftAlerts()
        #expect(alerts.map(\.subject) == ["Order/:id"])
        #expect(alerts.first?.kind == .screen)
        #expect(alerts.first?.appliedLevel == "medium")
        #expect(r.all.filter { $0.tag == "drift" }.count == 1)
        #expect(r.sanitizer.takeDriftAlerts().isEmpty)
    }

    @Test func theMostRestrictiveMatchingRuleWins() {
        // "CheckoutPayment" matches checkout (high → off) and payment (events).
        let r = Recorder(Self.policy)
        let out = r.meta("CheckoutPayment")
        #expect(out.map(\.tag) == ["recording-paused"])
        #expect(out.first?.payload == .object(["level": .string("high"), "rule": .string("checkout")]))
    }

    @Test func pausedScreensEmitNothingButThePauseThenResumeWithASnapshot() {
        let r = Recorder(Self.policy)
        r.meta("HomeScreen")
        r.snapshot(Self.tree, at: t0 + 1)
        _ = r.fresh()
        r.meta("CheckoutScreen", at: t0 + 10)
        r.snapshot(Self.tree, at: t0 + 11)
        r.mutation(#""adds":[{"parentId":1,"wireframe":{"id":3,"type":"text","text":"card"}}]"#, at: t0 + 12)
        r.keyboard(open: true, at: t0 + 13)
        r.tap(100, 100, at: t0 + 20)
        r.location(1, 1, at: t0 + 30)
        r.meta("CheckoutScreen2", at: t0 + 40)
        let paused = r.fresh()
        #expect(paused.map(\.tag) == ["recording-paused"])

        // Leaving: Meta now, the snapshot with the next output, built from the mirror.
        let back = r.meta("HomeScreen", at: t0 + 50)
        #expect(back.map(\.type) == [4])
        let next = r.tap(20, 20, at: t0 + 60)
        #expect(next.map(\.type) == [2, 3, 3, 5])
        #expect(next[0]["timestamp"]?.int64Value == t0 + 60)
        // The mirror followed the host while paused: it holds the added wireframe.
        #expect(next[0].snapshotWireframes.count == 3)
    }

    @Test func aHostSnapshotRightAfterResumingIsTheOnlyCheckout() {
        let r = Recorder(Self.policy)
        r.meta("CheckoutScreen")
        r.snapshot(Self.tree, at: t0 + 1)
        r.meta("HomeScreen", at: t0 + 10)
        let out = r.snapshot(Self.tree, at: t0 + 11)
        #expect(r.all.map(\.type) == [5, 4, 2])
        #expect(out.last?.type == 2)
    }

    @Test func everyFullSnapshotFollowsAMetaAndIsACheckout() {
        let r = Recorder(Self.policy)
        r.meta("HomeScreen")
        r.snapshot(Self.tree, at: t0 + 1)
        r.tap(5, 5, at: t0 + 10)
        r.snapshot(Self.tree, at: t0 + 20)
        let types = r.all.map(\.type)
        for (i, type) in types.enumerated() where type == 2 {
            #expect(types[i - 1] == 4)
        }
        #expect(r.output.filter(\.isCheckout).count == 2)
        #expect(r.output.allSatisfy { $0.isCheckout == ($0.type == 2) })
    }

    @Test func nothingLeavesBeforeTheFirstScreenIsNamed() {
        let r = Recorder()
        r.snapshot(Self.tree)
        r.tap(5, 5, at: t0 + 10)
        #expect(r.all.isEmpty)
        #expect(r.sanitizer.audit.dropped["no-screen"] == 3)
        // The mirror was followed, so the first screen still starts with a snapshot.
        r.meta("Home", at: t0 + 20)
        let out = r.flush(at: t0 + 21)
        #expect(out.map(\.type) == [4, 2])
    }
}

@Suite struct FidelityTests {
    @Test func eventsFidelityLogsScreensAndGesturesOnly() {
        let r = Recorder(ScreenTests.policy)
        r.meta("MyPayment")
        r.snapshot(ScreenTests.tree, at: t0 + 1)
        r.mutation(#""adds":[{"parentId":1,"wireframe":{"id":3,"type":"div"}}]"#, at: t0 + 2)
        r.keyboard(open: true, at: t0 + 3)
        r.keyboard(open: false, at: t0 + 4)
        r.tap(100, 100, at: t0 + 10)
        r.flush(at: t0 + 100)
        #expect(r.all.map(\.tag) == ["navigation", "gesture"])
        #expect(r.all.first?.payload == .object(["screen": .string("MyPayment")]))
        #expect(r.gestures.first?["screen"]?.stringValue == "MyPayment")
    }

    @Test func heatmapFidelityKeepsPositionsOnly() {
        let r = Recorder(ScreenTests.policy)
        r.meta("Map")
        r.snapshot(ScreenTests.tree, at: t0 + 1)
        r.touch(.down, 100, 100, at: t0 + 10)
        r.touch(.move, 120, 100, at: t0 + 20)
        r.touch(.up, 140, 100, at: t0 + 30)
        #expect(r.all.allSatisfy { $0.tag == "heatmap" })
        let payloads = r.all.compactMap(\.payload)
        #expect(payloads.map { $0["kind"]?.stringValue } == ["touch", "move"])
        #expect(payloads[1]["points"] == .array([.array([.int(120), .int(100)])]))
        #expect(payloads[0]["width"]?.doubleValue == 390)
    }

    @Test func lowAndMediumAreTheSameOnMobile() {
        let low = Recorder(ScreenTests.policy)
        low.meta("HomeScreen")
        let a = low.snapshot(ScreenTests.tree, at: t0 + 1)
        let medium = Recorder(ScreenTests.policy)
        medium.meta("HomeScreen")
        let b = medium.snapshot(ScreenTests.tree, at: t0 + 1)
        #expect(a == b)
    }
}
