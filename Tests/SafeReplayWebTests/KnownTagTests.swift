import Testing
@testable import SafeReplayWeb

@Suite("Known tags")
struct KnownTagTests {
    @Test("each known tag is named as HTML spells it: its case name, but SVG's image")
    func namesMatchCases() {
        for tag in KnownTag.allCases where tag != .svgImage {
            #expect(tag.name == String(describing: tag))
        }
        #expect(KnownTag.svgImage.name == "image")
        #expect(Set(KnownTag.allCases.map(\.name)).count == KnownTag.allCases.count)
    }

    @Test("an element named in any case finds its known tag, which classifies it")
    func internedNamesClassify() {
        var tags = TagTable()
        for tag in KnownTag.allCases {
            #expect(tags.intern(elementName: tag.name.uppercased()) == tag.rawValue)
        }
        #expect(KnownTag(rawValue: tags.intern(elementName: "IFRAME"))?.isMedia == true)
        #expect(KnownTag(rawValue: tags.intern(elementName: "Script"))?.isChildless == true)
        #expect(KnownTag(rawValue: tags.intern(elementName: "custom-element")) == nil)
    }
}
