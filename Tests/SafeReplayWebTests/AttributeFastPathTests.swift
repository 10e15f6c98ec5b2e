import SafeReplayModel
@testable import SafeReplayWeb
import Testing

/// Small plain attributes that remembered answers keep are written from their words where
/// they lie (``EntryWords``, ``ContentSanitizer/keepsSmallPlain(name:text:)``); every other
/// attribute goes through `ContentSanitizer.attribute`. Both must write the same.
@Suite struct AttributeFastPathTests {
    @Test func entriesAreLaidOutAsRead() throws {
        #expect(EntryWords.layoutHolds())
        let tag = try #require(EntryWords.stringTag())
        var entry = Attributes.Entry(name: "class", value: .string("card"))
        let words = try #require(withUnsafePointer(to: entry) { EntryWords.read($0, stringTag: tag) })
        #expect(words.name == unsafeBitCast("class", to: (UInt64, UInt64).self))
        #expect(words.text == unsafeBitCast("card", to: (UInt64, UInt64).self))
        for value: AttributeValue in [.number(1), .number(0), .bool(true), .bool(false), .null, .styleDiff(JSONObject())] {
            entry.value = value
            #expect(withUnsafePointer(to: entry) { EntryWords.read($0, stringTag: tag) } == nil, "\(value)")
        }
    }

    /// Each attribute occurs once: the first snapshot asks `attribute` for every one (and
    /// remembers the answers), the second finds the small plain ones remembered. The two
    /// snapshots must be the same, whatever the value holds.
    @Test func rememberedAttributesAreWrittenAsTheFirstTime() throws {
        let page = Page.document(body: [
            .el("div", ["class": "card", "rel": "/a/b", "role": "http://x.io/a", "dir": "Hx", "lang": "ada@shop.io",
                        "width": " ", "height": "", "tabindex": "a\"b", "for": "a rather long class list", "datax": "a.jpg 1x"]),
            .el("select", [:], .el("option", ["selected": "yes", "class": "opt"], .text("France"))),
            .el("div", ["selected": "yes", "class": "ad", "rr_width": "40px"]),
            .el("div", ["selected": "yes", "name": "n\u{1}", "x\"y": "v", "a\u{1F}": "w"]),
            .el("img", ["xsrcset": "/a.jpg 1x", "class": "pic"]),
        ])
        let h = Harness(lowPolicy(#""elements":[{"name":"ads","selector":".ad","action":"block"}]"#))
        let first = try #require(h.feed(Raw.meta(), Raw.snapshot(page)).last?.snapshotRoot)
        let second = try #require(h.feed(Raw.snapshot(page)).last?.snapshotRoot)
        #expect(first == second)
        // What the answers are: a selection inside a field dropped, outside kept; a flagged
        // value dropped; escapes written; a blocked element keeps only its size. (The option
        // comes first: its "yes" is remembered at the div after it, so the second snapshot
        // finds the option's name and value both remembered.)
        let div = try #require(second.find(6))
        #expect(div.attribute("class") == .string("card"))
        #expect(div.attribute("lang") == nil)
        #expect(div.attribute("tabindex") == .string("a\"b"))
        #expect(div.attribute("dir") == .string("Hx"))
        #expect(second.find(8)?.attribute("selected") == nil)
        #expect(second.find(8)?.attribute("class") == .string("opt"))
        #expect(second.find(10)?.attribute("selected") == nil)
        #expect(second.find(10)?.attribute("rr_width") == .string("40px"))
        #expect(second.find(11)?.attribute("selected") == .string("yes"))
        #expect(second.find(11)?.attribute("name") == .string("n\u{1}"))
        // Names that need an escape, with values that do not: never written from their words.
        #expect(second.find(11)?.attribute("x\"y") == .string("v"))
        #expect(second.find(11)?.attribute("a\u{1F}") == .string("w"))
        #expect(h.audit.dropped["attribute:detected"] == 2)
        #expect(h.audit.dropped["attribute:selected"] == 2)
        h.expectValid()
    }

    @Test func integersAreWrittenAsTheWriterWritesThem() {
        let bytes = JSONBytes(capacity: 64)
        var values = [0, -1, -10, Int.max, Int.min, 99_999_999, 100_000_000]
        var p = 1
        for _ in 0..<10 {
            values += [p - 1, p, p + 1, 2 * p + 3, 7 * p + 5]
            p *= 10
        }
        for v in values {
            bytes.reset()
            bytes.int(v)
            let writer = JSONWriter()
            writer.int(v)
            #expect(bytes.withBytes { Array($0) } == writer.withBytes { Array($0) }, "\(v)")
        }
    }

    /// Entries read where they lie in the mirror (no retain of their array) are the array's
    /// own, for arrays made every way: empty, literal, grown by appends, changed in place.
    @Test func entriesAreReadWhereTheyLieInTheMirror() {
        #expect(Mirror.entriesLayoutHolds)
        let mirror = Mirror()
        var grown = Attributes()
        for i in 0..<9 { grown.entries.append(Attributes.Entry(name: "data-\(i)", value: .number(Double(i)))) }
        let samples: [Attributes] = [
            Attributes(), ["class": .string("card")], grown,
            ["href": .string(String(repeating: "x", count: 40)), "checked": .bool(true)],
        ]
        let slots = samples.enumerated().map { i, a in
            mirror.create(id: i + 1, kind: .element, tag: -1, facts: [], attributes: a, text: "")
        }
        mirror.attributes[Int(slots[1])]["title"] = .string("changed")
        mirror.attributes[Int(slots[0])]["class"] = .string("was empty")
        for (i, s) in slots.enumerated() {
            let read = mirror.entriesInPlace(of: s).map { Array($0) }
            #expect(read == mirror.attributes[Int(s)].entries, "sample \(i)")
        }
        #expect(mirror.entriesInPlace(of: slots[1])?.count == 2)
    }

    /// A node's end (`,"id":N}`) written with one reservation: the same bytes as its pieces,
    /// at every fill of the buffer (so some ends need it to grow) and every kind of id.
    @Test func idEndsAreWrittenAsThePiecesWriteThem() {
        var values = [0, -1, Int.max, Int.min, 99_999_999, 100_000_000]
        var p = 1
        for _ in 0..<10 {
            values += [p - 1, p, p + 1, 7 * p + 5]
            p *= 10
        }
        for v in values {
            for fill in 30..<64 {
                let bytes = JSONBytes(capacity: 64)
                let prefix = [UInt8](repeating: UInt8(ascii: "x"), count: fill)
                prefix.withUnsafeBufferPointer { bytes.append($0) }
                bytes.idMemberAndEnd(v)
                let writer = JSONWriter()
                writer.int(v)
                let expected = prefix + Array(#","id":"#.utf8) + writer.withBytes { Array($0) } + [UInt8(ascii: "}")]
                #expect(bytes.withBytes { Array($0) } == expected, "\(v) after \(fill) bytes")
            }
        }
    }

    @Test func stringsAreWrittenAsTheWriterWritesThemAtEveryLength() {
        let bytes = JSONBytes(capacity: 64)
        var mismatches: [String] = []
        for n in 0...40 {
            for special in ["\"", "\\", "\n", "\u{1}", "é", "a"] {
                for at in 0..<max(n, 1) {
                    var characters = Array(repeating: "x", count: n)
                    if n > 0 { characters[at] = special }
                    let s = characters.joined()
                    bytes.reset()
                    bytes.string(s)
                    let writer = JSONWriter()
                    writer.string(s)
                    if bytes.withBytes({ Array($0) }) != writer.withBytes({ Array($0) }) { mismatches.append(s) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
