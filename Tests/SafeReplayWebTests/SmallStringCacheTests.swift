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

    @Test func tagsInternedTwiceAgree() {
        var tags = TagTable()
        let first = tags.intern(elementName: "X-WIDGET")
        #expect(tags.intern(elementName: "X-WIDGET") == first)
        #expect(tags.intern(elementName: "x-widget") == first)
        #expect(tags.intern(elementName: "INPUT") == KnownTag.input.rawValue)
        #expect(tags.intern(elementName: "INPUT") == KnownTag.input.rawValue)
    }
}
