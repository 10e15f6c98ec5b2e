import SafeReplayModel
import SafeReplayWeb
import Testing

let lowEverywhere = #"{"version":1,"routes":[{"name":"all","match":"/**","level":"low"}]"#

/// A low-level policy with extra members spliced in.
func lowPolicy(_ extra: String = "") -> String {
    lowEverywhere + (extra.isEmpty ? "" : "," + extra) + "}"
}

@Suite struct SnapshotTests {
    func snapshot(_ policyJSON: String, head: [Node] = [], body: [Node]) throws -> (SerializedNode, Harness) {
        let h = Harness(policyJSON)
        let out = h.feed(Raw.meta(), Raw.snapshot(Page.document(head: head, body: body)))
        h.expectValid()
        return (try #require(out.last?.snapshotRoot), h)
    }

    @Test func metaPrecedesEveryCheckoutSnapshot() throws {
        let h = Harness()
        let out = h.feed(Raw.snapshot(Page.document(body: [])))
        // No Meta: the unknown route raises drift, then a Meta is synthesized.
        #expect(out.map(\.typeNumber) == [5, 4, 2])
        #expect(out.first?.custom?.tag == "drift")
        #expect(h.emitted.last?.isCheckout == true)
        h.expectValid()
    }

    @Test func inputsAreMaskedByDefaultAtLowLevel() throws {
        let (root, _) = try snapshot(lowPolicy(), body: [
            .el("p", [:], .text("   ")),
            .el("input", ["type": "text", "value": "Ada Lovelace"]),
            .el("textarea", [:], .text("my secret diary")),
            .el("select", [:], .el("option", ["value": "fr", "selected": ""], .text("France"))),
            .el("div", ["contenteditable": "true"], .text("draft text")),
        ])
        #expect(root.find(7)?.text == "   ")
        #expect(root.find(8)?.attribute("value") == .string("****"))
        #expect(root.find(10)?.text == "****")
        #expect(root.find(12)?.attribute("value") == .string("****"))
        #expect(root.find(12)?.attribute("selected") == nil)
        #expect(root.find(13)?.text == "****")
        #expect(root.find(15)?.text == "****")
    }

    @Test func mediumLevelMasksAllTextExceptUnmasked() throws {
        let (root, _) = try snapshot(#"{"version":1,"elements":[{"name":"prices","selector":".price","action":"unmask"}]}"#, body: [
            .el("p", [:], .text("Ada Lovelace")),
            .el("span", ["class": "price"], .text("   ")),
        ])
        #expect(root.find(7)?.text == "*** ********")
        #expect(root.find(9)?.text == "   ")
    }

    @Test func elementRulesMaskBlockDrop() throws {
        let rules = ##""elements":[{"name":"m","selector":".private","action":"mask"},{"name":"ads","selector":"#ad","action":"block"},{"name":"chat","selector":"aside.chat","action":"drop"}]"##
        let (root, h) = try snapshot(lowPolicy(rules), body: [
            .el("div", ["class": "private", "title": "Ada"], .el("b", [:], .text("Ada Lovelace"))),
            .el("div", ["id": "ad", "class": "x", "rr_width": "300px", "rr_height": "250px", "data-user": "ada"], .text("ad text")),
            .el("aside", ["class": "chat"], .text("chat log")),
        ])
        #expect(root.find(6)?.attribute("title") == .string("***"))
        #expect(root.find(8)?.text == "*** ********")
        let blocked = try #require(root.find(9))
        #expect(blocked.childNodes.isEmpty)
        #expect(blocked.element?.attributes == ["rr_height": .string("250px"), "rr_width": .string("300px")])
        #expect(root.find(11) == nil)
        #expect(root.find(12) == nil)
        #expect(h.audit.blocked["rule:ads"] == 1)
    }

    @Test func strictestRuleWinsAndUnmaskNeverLiftsAMask() throws {
        let rules = #""elements":[{"name":"m","selector":".a","action":"mask"},{"name":"u","selector":".a .b, .b","action":"unmask"},{"name":"blk","selector":".b","action":"block"}]"#
        let (root, _) = try snapshot(lowPolicy(rules), body: [
            .el("div", ["class": "a"], .el("span", ["class": "c"], .text("Ada"))),
            .el("div", ["class": "b"], .text("Bob")),
        ])
        #expect(root.find(8)?.text == "***")
        #expect(root.find(9)?.childNodes.isEmpty == true)
    }

    @Test func hardFloorBeatsUnmaskAndAllow() throws {
        let rules = #""elements":[{"name":"all","selector":"*","action":"unmask"}],"inputs":{"allow":["input","textarea"]}"#
        let (root, _) = try snapshot(lowPolicy(rules), body: [
            .el("input", ["type": "password", "value": "hunter2"]),
            .el("input", ["type": "hidden", "name": "csrf", "value": "tok123"]),
            .el("input", ["type": "file", "value": "C:\\fakepath\\passport.pdf"]),
            .el("input", ["autocomplete": "cc-number", "value": "4111111111111111"]),
            .el("input", ["autocomplete": "one-time-code", "value": "123456"]),
            .el("div", ["data-sr-sensitive": ""], .el("input", ["value": "secret"]), .text("Ada")),
            .el("input", ["autocomplete": "current-password", "value": "pw"]),
            .el("input", ["autocomplete": "new-password", "value": "pw2"]),
        ])
        #expect(root.find(6)?.attribute("value") == .string("****"))
        #expect(root.find(7)?.attribute("value") == nil)
        #expect(root.find(8)?.attribute("value") == nil)
        #expect(root.find(9)?.attribute("value") == .string("****"))
        #expect(root.find(10)?.attribute("value") == .string("****"))
        #expect(root.find(12)?.attribute("value") == .string("****"))
        #expect(root.find(13)?.text == "***")
        #expect(root.find(14)?.attribute("value") == .string("****"))
        #expect(root.find(15)?.attribute("value") == .string("****"))
    }

    @Test func mediaIsBlockedByDefault() throws {
        let (root, h) = try snapshot(lowPolicy(), body: [
            .el("img", ["src": "https://cdn.test/u/ada.jpg", "alt": "Ada", "width": "64", "height": "64"]),
            .el("video", [:], .el("source", ["src": "v.mp4"])),
            .el("canvas"), .el("iframe", ["src": "https://x.test"]), .el("object"), .el("embed"), .el("audio"),
            .el("picture", [:], .el("source", ["srcset": "a.jpg 1x"])),
        ])
        #expect(root.find(6)?.element?.attributes == ["height": .string("64"), "width": .string("64")])
        #expect(root.find(7)?.childNodes.isEmpty == true)
        for id in 9...14 { #expect(root.find(id)?.element?.attributes.isEmpty == true) }
        #expect(root.find(14)?.childNodes.isEmpty == true)
        #expect(h.audit.blocked["media"] == 8)
    }

    @Test func mediaShownWhenPolicySaysSo() throws {
        let (root, _) = try snapshot(lowPolicy(#""media":{"block":false}"#), body: [.el("video", [:], .el("source", ["type": "video/mp4"]))])
        #expect(root.find(6)?.childNodes.count == 1)
    }

    @Test func serverRenderedPagesLoseScriptsTemplatesAndTokens() throws {
        let (root, h) = try snapshot(lowPolicy(), head: [
            .el("meta", ["name": "csrf-token", "content": "abc123"]),
            .el("meta", ["name": "csrf-param", "content": "authenticity_token"]),
            .el("meta", ["name": "viewport", "content": "width=device-width"]),
            .el("script", ["id": "__NEXT_DATA__", "type": "application/json"], .text(#"{"user":{"email":"ada@example.com"}}"#)),
        ], body: [
            .el("noscript", [:], .text("Ada, enable JS")),
            .el("template", [:], .el("p", [:], .text("Ada Lovelace"))),
            .comment("user 4711 ada@example.com"),
            .el("button", ["onclick": "track('ada@example.com')"], .text("  ")),
        ])
        #expect(root.find(6)?.attribute("content") == nil)
        #expect(root.find(7)?.attribute("content") == nil)
        #expect(root.find(8)?.attribute("content") != nil)
        #expect(root.find(9)?.childNodes.isEmpty == true)
        #expect(root.find(11)?.childNodes.isEmpty == true)
        #expect(root.find(13)?.childNodes.isEmpty == true)
        if case .comment(let c)? = root.find(16)?.kind { #expect(c.isEmpty) } else { Issue.record("comment missing") }
        #expect(root.find(17)?.attribute("onclick") == nil)
        #expect(!h.json.contains("ada@example.com"))
        #expect(!h.json.contains("abc123"))
        #expect(!h.json.contains("SCRIPT_PLACEHOLDER"))
    }

    @Test func moduleRulesApplyInsideTheirRootOnly() throws {
        let modules = ##""modules":[{"name":"payments","root":"[data-mfe=payments]","level":"medium","elements":[{"name":"amount","selector":".amount","action":"block"}]},{"name":"vault","root":"#vault","level":"high"}]"##
        let (root, _) = try snapshot(lowPolicy(modules), body: [
            .el("div", ["data-mfe": "payments"], .el("p", [:], .text("Pay Ada")), .el("span", ["class": "amount"], .text("12"))),
            .el("span", ["class": "amount"], .text("34")),
            .el("section", ["id": "vault"], .text("vault")),
        ])
        #expect(root.find(8)?.text == "*** ***")
        #expect(root.find(9)?.childNodes.isEmpty == true)
        #expect(root.find(12)?.text == "34")
        #expect(root.find(13)?.childNodes.isEmpty == true)
    }

    @Test func textAttributesFollowTheElementsText() throws {
        let (root, _) = try snapshot(#"{"version":1}"#, body: [
            .el("a", ["href": "https://shop.test/u/ada?token=x", "title": "Ada", "aria-label": "Ada", "data-user": "ada", "class": "link"]),
        ])
        let a = try #require(root.find(6)?.element?.attributes)
        #expect(a["title"] == .string("***"))
        #expect(a["aria-label"] == .string("***"))
        #expect(a["data-user"] == .string("***"))
        guard case .string(let href)? = a["href"] else { Issue.record("href dropped"); return }
        #expect(href.hasPrefix("https://shop.test/u/"))
        #expect(!href.contains("token=x"))
        #expect(a["class"] == .string("link"))
    }

    @Test func cssKeepsStructureButNotData() throws {
        let (root, _) = try snapshot(lowPolicy(), head: [
            .el("style", [:], .text(#"a{color:red} .u::after{content:"Ada Lovelace"} .i::before{content:"\f007"} /* ada */"#)),
        ], body: [.el("div", ["style": "background:url(https://x.test/a.png?token=1)"])])
        let css = try #require(root.find(7)?.text)
        #expect(css.contains("a{color:red}"))
        #expect(!css.contains("Ada Lovelace"))
        #expect(css.contains(#""\f007""#))
        #expect(!css.contains("ada"))
        guard case .string(let style)? = root.find(8)?.attribute("style") else { Issue.record("style dropped"); return }
        #expect(style.contains("url(\"https://x.test/a.png"))
        #expect(!style.contains("token=1"))
    }
}
