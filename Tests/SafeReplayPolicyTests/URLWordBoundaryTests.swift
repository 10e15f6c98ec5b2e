@testable import SafeReplayPolicy
import Testing

/// Schemes, parameter names and allowlisted names are compared a word (8 bytes) at a time,
/// and runs are copied in words: these sit on the edges of those words (7, 8, 9, 16, 17
/// bytes; inputs shorter than a word; literals at the very end of a name).
@Suite struct URLWordBoundaryTests {
    private func canonicalizer(allow: [String] = []) -> URLCanonicalizer {
        var settings = Policy.defaults.urls
        settings.allowParameters = allow
        return URLCanonicalizer(settings: settings, flag: nil)
    }

    @Test func schemesAcrossWordEdges() {
        let c = canonicalizer()
        // 10 and 14 bytes: the second word decides.
        #expect(c.canonicalize("JavaScript:alert(1)") == nil)
        #expect(c.canonicalize("FileSystem:https://a.test/x") == nil)
        #expect(c.canonicalize("FACETIME-AUDIO:+12025550143") == "facetime-audio::phone")
        #expect(c.canonicalize("facetime-audiox:a") == "facetime-audiox:a")
        // 8 bytes exactly, and shorter inputs than a word.
        #expect(c.canonicalize("VBScript:msgbox") == nil)
        #expect(c.canonicalize("TEL:1") == "tel::phone")
        #expect(c.canonicalize("Ab:c") == "ab:c")
        // Over 16 bytes: no kind, lower-cased byte by byte.
        #expect(c.canonicalize("X-Very-Long-Scheme-Name:Path") == "x-very-long-scheme-name:Path")
        #expect(c.canonicalize("web+Custom-Scheme.v2:a") == "web+custom-scheme.v2:a")
    }

    @Test func credentialNamesAcrossWordEdges() {
        let c = canonicalizer(allow: ["page"])
        for name in [
            // Exact names of 8, 9, 13 and 14 bytes; a trailing substring at the last position.
            "PASSWORD", "SessionId", "code_verifier", "GoogleAccessId", "my_csrf", "oldtoken", "x.xsrf",
            // Suffixes, prefixes, brackets and surrounding `_`, once folded.
            "user_key", "Session-SID", "__token__", "token[0]", "-Token-", "X-Goog-Date", "SAML.x",
        ] {
            #expect(c.canonicalize("/r?\(name)=v&page=1") == "/r?page=1", "\(name)")
        }
        for name in ["keys", "author_id", "xsr", "pagesize", "a_keyx", "ke"] {
            #expect(c.canonicalize("/r?\(name)=v") == "/r?\(name)=_", "\(name)")
        }
    }

    @Test func allowlistLengthsAcrossWordEdges() {
        let long = String(repeating: "ab_", count: 24)
        let c = canonicalizer(allow: ["q", "per_page", "sort_order", "a_sixteen_byte_n", "a_seventeen_bytes", long])
        #expect(c.canonicalize("/s?q=x&per_page=20&sort_order=asc") == "/s?q=x&per_page=20&sort_order=asc")
        #expect(c.canonicalize("/s?a_sixteen_byte_n=1&a_seventeen_bytes=2") == "/s?a_sixteen_byte_n=1&a_seventeen_bytes=2")
        #expect(c.canonicalize("/s?a_sixteen_byte_m=1&a_seventeen_bytez=2") == "/s?a_sixteen_byte_m=_&a_seventeen_bytez=_")
        #expect(c.canonicalize("/s?\(long)=v&\(long)x=v") == "/s?\(long)=v&\(long)x=_")
    }

    @Test func shortAndNonASCIIOutputsAreWholeStrings() {
        let c = canonicalizer()
        // Up to 15 bytes (stored inline) and past that, with a non-ASCII host.
        #expect(c.canonicalize("#a") == "#a")
        #expect(c.canonicalize("/a/b/c/d/e/f/g") == "/a/b/c/d/e/f/g")
        let idn = c.canonicalize("https://BÜCHER.example/Straße?x=1")
        #expect(idn == "https://bÜcher.example/Stra%C3%9Fe?x=_")
        #expect(idn?.count == 38)
        #expect(idn?.unicodeScalars.contains("Ü") == true)
    }
}
