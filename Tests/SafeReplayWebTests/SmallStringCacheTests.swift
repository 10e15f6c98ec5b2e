@testable import SafeReplayWeb
import Testing

/// The caches behind the snapshot's name lookups must only ever answer for the exact short
/// string they were given, and never for strings stored out of line.
@Suite struct SmallStringCacheTests {
    @Test func remembersShortStringsExactly() {
        let cache = SmallStringCache()
        cache.store(7, for: "class")
        #expect(cache.value(for: "class") == 7)
        // Built at run time, not a literal: equal bytes are found all the same.
        #expect(cache.value(for: String(decoding: Array("class".utf8), as: UTF8.self)) == 7)
        #expect(cache.value(for: "Class") == nil)
        #expect(cache.value(for: "clas") == nil)
        #expect(cache.value(for: "class\u{0}") == nil)
        cache.store(0, for: "")
        #expect(cache.value(for: "") == 0)
        #expect(cache.value(for: "a") == nil)
    }

    @Test func neverRemembersLongStrings() {
        let cache = SmallStringCache()
        let long = String(repeating: "card ", count: 8)
        cache.store(3, for: long)
        #expect(cache.value(for: long) == nil)
        let fifteen = "abcdefghijklmno"
        cache.store(5, for: fifteen)
        #expect(cache.value(for: fifteen) == 5)
    }

    @Test func manyNamesKeepTheirOwnAnswers() {
        let cache = SmallStringCache()
        let names = (0..<2000).map { "n\($0)" }
        for (i, name) in names.enumerated() {
            cache.store(UInt64(i), for: name)
            #expect(cache.value(for: name) == UInt64(i))
        }
        // Collisions replace older answers; whatever is still there is the right one.
        for (i, name) in names.enumerated() {
            if let v = cache.value(for: name) { #expect(v == UInt64(i)) }
        }
    }

    @Test func twoStringsOfOneSlotAreBothRemembered() throws {
        func slot(_ s: String) -> Int {
            let (a, b) = unsafeBitCast(s, to: (UInt64, UInt64).self)
            return SmallStringCache.slot(a, b)
        }
        // `h2` and `p` share a slot: on a page of both, each evicted the other.
        #expect(slot("h2") == slot("p"))
        // And two more, of another pair of slots.
        let names = (0..<4000).map { "n\($0)" }.filter { slot($0) / 2 != slot("h2") / 2 }
        let first = try #require(names.first { slot($0) == slot(names[0]) && $0 != names[0] })
        let cache = SmallStringCache()
        cache.store(1, for: "h2")
        cache.store(2, for: "p")
        cache.store(3, for: names[0])
        cache.store(4, for: first)
        for _ in 0..<2 {
            #expect(cache.value(for: "h2") == 1)
            #expect(cache.value(for: "p") == 2)
            #expect(cache.value(for: names[0]) == 3)
            #expect(cache.value(for: first) == 4)
        }
        // Stored again, an answer is replaced where it is, not kept twice.
        cache.store(5, for: "p")
        #expect(cache.value(for: "p") == 5)
        #expect(cache.value(for: "h2") == 1)
    }

    @Test func plainTagNameWordsAreTheNamesWordsOrZeros() {
        var tags = TagTable()
        let custom = tags.intern(elementName: "x-widget")
        let long = tags.intern(elementName: "a-very-long-custom-element")
        let quoted = tags.intern(elementName: "x\"w")
        let control = tags.intern(elementName: "x\u{1}w")
        for tag in [KnownTag.input.rawValue, KnownTag.textarea.rawValue, custom] {
            #expect(tags.plainNameWords(tag) == unsafeBitCast(tags.name(tag), to: (UInt64, UInt64).self))
        }
        // Names the writer must escape, and names not held in their words, take the general path.
        for tag in [long, quoted, control] { #expect(tags.plainNameWords(tag) == (0, 0)) }
        let bytes = JSONBytes(capacity: 64)
        bytes.smallPlainString(words: tags.plainNameWords(custom))
        #expect(bytes.withBytes { String(decoding: $0, as: UTF8.self) } == #""x-widget""#)
    }

    @Test func tagsInternedTwiceAgree() {
        var tags = TagTable()
        let first = tags.intern(elementName: "X-WIDGET")
        #expect(tags.intern(elementName: "X-WIDGET") == first)
        #expect(tags.intern(elementName: "x-widget") == first)
        #expect(tags.intern(elementName: "INPUT") == KnownTag.input.rawValue)
        #expect(tags.intern(elementName: "INPUT") == KnownTag.input.rawValue)
    }
}
