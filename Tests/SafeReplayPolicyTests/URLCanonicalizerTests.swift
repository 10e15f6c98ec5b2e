import SafeReplayDetect
@testable import SafeReplayPolicy
import Testing

/// A canonicalizer with the given allowlist and keep-path templates.
private func canonicalizer(allow: [String] = [], keep: [String] = [], flag: URLCanonicalizer.Flagger? = nil) -> URLCanonicalizer {
    var settings = Policy.defaults.urls
    settings.allowParameters = allow
    settings.keepPaths = keep.map { try! RoutePattern(parsing: $0) }
    return URLCanonicalizer(settings: settings, flag: flag)
}

/// A stand-in detector for the seam: flags `555-0100`-style phone numbers and `123-45-6789` SSNs.
private let fakeDetector: URLCanonicalizer.Flagger = { text in
    if text.contains("555-01") { return ":phone" }
    if text.contains("123-45-6789") { return ":us_ssn" }
    return nil
}

@Suite struct URLCanonicalizerTests {
    let plain = canonicalizer()

    // MARK: scheme, user-info, host, port

    @Test func dropsUserInfoAndLowercasesSchemeAndHost() {
        #expect(plain.canonicalize("HTTPS://jane:hunter2@Shop.Example.COM:8443/Cart") == "https://shop.example.com:8443/Cart")
        #expect(plain.canonicalize("https://jane@example.com/") == "https://example.com/")
        #expect(plain.canonicalize("https://a:b@c:d@example.com/x") == "https://example.com/x")
        #expect(plain.canonicalize("ftp://anonymous:me%40x.test@files.test/pub") == "ftp://files.test/pub")
        #expect(plain.canonicalize("//jane:pw@cdn.test/lib.js") == "//cdn.test/lib.js")
    }

    @Test func refusesURLsThatMustNotBeEmitted() {
        for url in [
            "data:text/html,<script>alert(1)</script>", "DATA:image/png;base64,iVBORw0KGgo=",
            "blob:https://app.test/6f1c0a4e-1d2b-4c3a-9e8f-0a1b2c3d4e5f", "javascript:alert(document.cookie)",
            "  JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "\tjava\tscript:void(0)", "\u{1}javascript:x",
            "vbscript:msgbox(1)", "filesystem:https://app.test/temporary/x.png", "jAvAsCrIpT\r:alert(1)",
        ] {
            #expect(plain.canonicalize(url) == nil, "\(url)")
        }
    }

    @Test func refusesUnparseableAuthorities() {
        for url in [
            "http://", "https:///", "http://[::1", "http://[::g]/", "http://[::1]x/", "https://x.test:99999/",
            "https://x.test:abc/", "https://x.test:123456/", "http://exa mple.test/", "http://ex<a>.test/",
            "http://%65xample.test/", "http://a|b.test/", "//",
        ] {
            #expect(plain.canonicalize(url) == nil, "\(url)")
        }
    }

    @Test func keepsPortsIPv6AndIDNHosts() {
        #expect(plain.canonicalize("http://[2001:DB8::1]:8080/p") == "http://[2001:db8::1]:8080/p")
        #expect(plain.canonicalize("http://user:pw@[::1]/") == "http://[::1]/")
        #expect(plain.canonicalize("http://[::ffff:192.0.2.1]/") == "http://[::ffff:192.0.2.1]/")
        #expect(plain.canonicalize("https://x.test:/a") == "https://x.test/a")
        #expect(plain.canonicalize("https://x.test:443/a") == "https://x.test:443/a")
        #expect(plain.canonicalize("https://xn--mnchen-3ya.example/") == "https://xn--mnchen-3ya.example/")
        // Non-ASCII hosts are kept as written (ASCII lower-cased); paths are percent-encoded.
        #expect(plain.canonicalize("https://MÜNCHEN.example/straße") == "https://mÜnchen.example/stra%C3%9Fe")
    }

    @Test func specialSchemesReadBackslashesAsSlashes() {
        #expect(plain.canonicalize(#"https:\\evil.test\a\b"#) == "https://evil.test/a/b")
        #expect(plain.canonicalize(#"/\evil.test/x"#) == "//evil.test/x")
        #expect(plain.canonicalize("http:example.test/x") == "http://example.test/x")
        #expect(plain.canonicalize("https:////example.test") == "https://example.test")
        #expect(plain.canonicalize("https:///path") == "https://path")
    }

    @Test func contactSchemesKeepOnlyTheScheme() {
        #expect(plain.canonicalize("mailto:jane.doe@example.com?subject=Order%2012") == "mailto::email")
        #expect(plain.canonicalize("MAILTO:jane@example.com") == "mailto::email")
        #expect(plain.canonicalize("tel:+1-202-555-0143") == "tel::phone")
        #expect(plain.canonicalize("sms:+12025550143?body=hi") == "sms::phone")
        #expect(plain.canonicalize("mailto:") == "mailto:")
        #expect(plain.canonicalize("about:blank") == "about:blank")
    }

    // MARK: parameters

    @Test func valuesKeptOnlyForAllowlistedNames() {
        let c = canonicalizer(allow: ["page", "sort"])
        #expect(c.canonicalize("https://shop.test/search?q=red+shoes&page=2&sort=price") == "https://shop.test/search?q=_&page=2&sort=price")
        #expect(plain.canonicalize("/search?q=jane&page=2") == "/search?q=_&page=_")
        #expect(URLCanonicalizer.marker == "_")
    }

    @Test func allowlistIsExactAndFailClosed() {
        let c = canonicalizer(allow: ["page"])
        #expect(c.canonicalize("/s?Page=3&PAGE=4&page=5&pages=6") == "/s?Page=_&PAGE=_&page=5&pages=_")
        // The allowlist compares decoded names.
        #expect(c.canonicalize("/s?p%61ge=7") == "/s?p%61ge=7")
    }

    @Test func credentialNamesAreRemovedWhateverTheAllowlistSays() {
        let names = [
            "token", "access_token", "id_token", "refresh_token", "code", "state", "session", "sessionid",
            "session_id", "sid", "jsessionid", "phpsessid", "auth", "key", "api_key", "apikey", "password", "pwd",
            "secret", "signature", "sig", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token",
            "X-Goog-Signature", "X-Goog-Credential", "Signature", "Policy", "Key-Pair-Id", "se", "sv", "sig",
            "client_secret", "csrf_token", "_token", "authenticity_token", "oauth_token", "oauth_signature",
            "authorization", "ASPSESSIONIDQSCTQDBA", "x-api-key", "private_key", "SAMLResponse", "otp",
            "GoogleAccessId", "AWSAccessKeyId", "token[]", "user.password", "Access.Token",
        ]
        let c = canonicalizer(allow: names + ["page"])
        for name in names {
            #expect(c.canonicalize("https://x.test/cb?\(name)=s3cr3tV4lue&page=1") == "https://x.test/cb?page=1", "\(name)")
            #expect(c.canonicalize("https://x.test/cb?\(name)=s3cr3tV4lue") == "https://x.test/cb", "\(name)")
        }
    }

    @Test func credentialNameMatchingIsCaseInsensitiveAndSeesThroughEncoding() {
        let c = canonicalizer(allow: ["page"])
        for query in [
            "ToKeN=a", "ACCESS_TOKEN=a", "Access-Token=a", "x-amz-signature=a", "%74oken=a", "%2574oken=a",
            "to%6Ben=a", "%54%4F%4B%45%4E=a", "acc%65ss_token=a", "access%5Ftoken=a", "access+token=a",
            "JSESSIONID=a", "PhpSessId=a",
        ] {
            #expect(c.canonicalize("/r?\(query)&page=1") == "/r?page=1", "\(query)")
        }
        // Not credentials: `author`, `keyword`, `monkey`, `states`.
        #expect(canonicalizer(allow: ["author", "keyword"]).canonicalize("/b?author=jane&keyword=tea&monkey=1&states=2")
            == "/b?author=jane&keyword=tea&monkey=_&states=_")
    }

    @Test func duplicateEmptyAndNamelessParameters() {
        let c = canonicalizer(allow: ["page"])
        #expect(c.canonicalize("/s?page=1&page=2&q=a&q=b") == "/s?page=1&page=2&q=_&q=_")
        #expect(c.canonicalize("/s?q=&page=") == "/s?q=&page=")
        #expect(c.canonicalize("/s?debug&page=1") == "/s?debug&page=1")
        #expect(c.canonicalize("/s?=orphan&&;page=1&") == "/s?page=1")
        #expect(c.canonicalize("/s?") == "/s?")
        #expect(c.canonicalize("/s?token=1") == "/s")
        #expect(c.canonicalize("/s?token=1&token=2&TOKEN=3") == "/s")
        // `;` separates too, so an allowlisted value cannot smuggle a credential.
        #expect(c.canonicalize("/s?page=1;token=abc") == "/s?page=1")
    }

    @Test func parameterNamesThatAreIdentifiersAreRemoved() {
        #expect(plain.canonicalize("/confirm?jane.doe@example.com") == "/confirm")
        #expect(plain.canonicalize("/c?8f14e45fceea167a5a36dedd4bea2543&x=1") == "/c?x=_")
        #expect(plain.canonicalize("/c?12345=1") == "/c")
        #expect(canonicalizer(flag: fakeDetector).canonicalize("/c?202-555-0143=1&v=2") == "/c?v=_")
    }

    @Test func allowlistedValuesStillPassTheDetectors() {
        let c = canonicalizer(allow: ["q", "ref"], flag: fakeDetector)
        #expect(c.canonicalize("/search?q=jane%40example.com") == "/search?q=:email")
        #expect(c.canonicalize("/search?q=jane@example.com") == "/search?q=:email")
        #expect(c.canonicalize("/search?q=call+202-555-0143") == "/search?q=:phone")
        #expect(c.canonicalize("/search?q=blue+shoes&ref=12345") == "/search?q=blue+shoes&ref=12345")
        // Percent-encoding is kept as written: decoded only to inspect.
        #expect(c.canonicalize("/search?q=%E2%9C%93%20ok") == "/search?q=%E2%9C%93%20ok")
    }

    @Test func jsessionidPathParameter() {
        let c = canonicalizer(allow: ["item", "v"])
        #expect(c.canonicalize("https://shop.test/cart;jsessionid=A1B2C3D4E5F6?item=7") == "https://shop.test/cart?item=7")
        #expect(c.canonicalize("/cart;JSESSIONID=0123ABCD;v=2/next") == "/cart;v=2/next")
        #expect(c.canonicalize("/a;jsessionid=x") == "/a")
        #expect(plain.canonicalize("/a;v=1/b;ref=x") == "/a;v=_/b;ref=_")
        #expect(plain.canonicalize("/a;%6Asessionid=1") == "/a")
        #expect(plain.canonicalize("/a;jsessionid=x#f") == "/a#f")
    }

    // MARK: fragments

    @Test func fragmentsThatLookLikeParameterListsAreParameterLists() {
        let c = canonicalizer(allow: ["tab"])
        #expect(c.canonicalize("https://app.test/callback#access_token=eyJhbGciOiJIUzI1NiJ9.e30.abc&token_type=bearer&expires_in=3600&state=af0ifjsldkj")
            == "https://app.test/callback#expires_in=_")
        #expect(c.canonicalize("https://app.test/cb#id_token=x&state=y") == "https://app.test/cb")
        #expect(c.canonicalize("/p#tab=reviews&user=jane") == "/p#tab=reviews&user=_")
        #expect(c.canonicalize("/p#ACCESS_TOKEN=x") == "/p")
        #expect(c.canonicalize("/p#%61ccess_token=x&tab=a") == "/p#tab=a")
        #expect(c.canonicalize("/p#:~:text=Jane%20Doe") == "/p#:~:text=_")
    }

    @Test func hashRoutesArePathsAndQueries() {
        let c = canonicalizer(allow: ["tab"])
        #expect(c.canonicalize("https://app.test/#/orders/12345?tab=items&token=x") == "https://app.test/#/orders/:id?tab=items")
        #expect(c.canonicalize("/#!/users/jane@example.com/edit") == "/#!/users/:email/edit")
        #expect(c.canonicalize("/#/") == "/#/")
    }

    @Test func plainFragmentsAreOneSegment() {
        #expect(plain.canonicalize("/docs#install") == "/docs#install")
        #expect(plain.canonicalize("/orders#12345") == "/orders#:id")
        #expect(plain.canonicalize("/u#jane@example.com") == "/u#:email")
        #expect(plain.canonicalize("/a#") == "/a#")
        #expect(plain.canonicalize("#") == "#")
    }

    // MARK: paths

    @Test func pathSegmentsAreTemplated() {
        #expect(plain.canonicalize("/orders/123/items/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a") == "/orders/:id/items/:uuid")
        #expect(plain.canonicalize("/orders/123/items/9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A") == "/orders/:id/items/:uuid")
        #expect(plain.canonicalize("/users/jane.doe@example.com/profile") == "/users/:email/profile")
        #expect(plain.canonicalize("/users/jane.doe%40example.com") == "/users/:email")
        #expect(plain.canonicalize("/reset/4f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f") == "/reset/:token")
        #expect(plain.canonicalize("/s/AbCdEf123456GhIjKl7890") == "/s/:token")
        #expect(plain.canonicalize("/invite/Zx9_kQ-3mPa2_Lw8vYt5Rb") == "/invite/:token")
        #expect(plain.canonicalize("/c/ckl9x2m3p0000qwerzt8") == "/c/:token")
        #expect(plain.canonicalize("/files/report-9f8e7d6c5b4a39281706f5e4.pdf") == "/files/:token")
        #expect(plain.canonicalize("/t/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig") == "/t/:token")
        #expect(plain.canonicalize("/%31%32%33/x") == "/:id/x")
        #expect(plain.canonicalize("/invoices/123.pdf") == "/invoices/123.pdf")
    }

    @Test func wordsAndSlugsAreKept() {
        for path in [
            "/blog/how-to-bake-sourdough-bread-at-home", "/p/iphone-15-pro-max-256gb-blue", "/face-bead-cafe-deaf",
            "/release-2024-01-15-notes", "/v2/api/checkout", "/static/app.min.js", "/a/../b/./c", "/",
            "/CamelCaseRouteName", "/", "",
        ] {
            #expect(plain.canonicalize(path) == path, "\(path)")
        }
    }

    @Test func detectorFindingsBecomeTheirType() {
        let c = canonicalizer(flag: fakeDetector)
        #expect(c.canonicalize("/lookup/202-555-0143/history") == "/lookup/:phone/history")
        #expect(c.canonicalize("/ssn/123-45-6789") == "/ssn/:us_ssn")
        #expect(c.canonicalize("/lookup/plain") == "/lookup/plain")
    }

    @Test func theRealDetectorsFlagPathsNamesAndAllowlistedValues() throws {
        var settings = Policy.defaults.urls
        settings.allowParameters = ["q"]
        let c = URLCanonicalizer(settings: settings)  // the default: every detector on
        #expect(c.canonicalize("/lookup/+1-415-555-0132/history") == "/lookup/:phone/history")
        #expect(c.canonicalize("/c/4242%204242%204242%204242") == "/c/:credit_card")
        #expect(c.canonicalize("/hosts/203.0.113.9/status") == "/hosts/:ip_address/status")
        #expect(c.canonicalize("/search?q=call+%2B1+415+555+0132") == "/search?q=:phone")
        #expect(c.canonicalize("/search?q=trail+shoes+size+10") == "/search?q=trail+shoes+size+10")
        #expect(c.canonicalize("/v2/orders/inv-7731.pdf") == "/v2/orders/inv-7731.pdf")
        // Off: structural rules only.
        let off = URLCanonicalizer(settings: settings, detector: nil)
        #expect(off.canonicalize("/lookup/+1-415-555-0132/history") == "/lookup/+1-415-555-0132/history")
        #expect(off.canonicalize("/u/jane@example.com") == "/u/:email")
        // From a policy: only the types it enables.
        let emailOnly = URLCanonicalizer(policy: try Policy.load(Array(#"{"version":1,"detectors":{"enabled":["EMAIL"]}}"#.utf8)))
        #expect(emailOnly.canonicalize("/lookup/+1-415-555-0132") == "/lookup/+1-415-555-0132")
        #expect(URLCanonicalizer(policy: .defaults).canonicalize("/lookup/+1-415-555-0132") == "/lookup/:phone")
        #expect(PIIType.allCases.map(\.urlPlaceholder).contains(":us_ssn"))
    }

    @Test func keepPathsKeepTheirSegmentsButNotPII() {
        let c = canonicalizer(keep: ["/docs/:slug", "/v/**"], flag: fakeDetector)
        #expect(c.canonicalize("/docs/12345") == "/docs/12345")
        #expect(c.canonicalize("/docs/4f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f") == "/docs/4f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f")
        #expect(c.canonicalize("/docs/jane@example.com") == "/docs/:email")
        #expect(c.canonicalize("/docs/202-555-0143") == "/docs/:phone")
        #expect(c.canonicalize("/v/1/2/3?x=1") == "/v/1/2/3?x=_")
        // Not matching: templated as usual.
        #expect(c.canonicalize("/docs/12345/edit") == "/docs/:id/edit")
        #expect(c.canonicalize("/other/12345") == "/other/:id")
    }

    @Test func templatingNeverChangesWhatTheOutputParsesAs() {
        // A path whose first segment empties must not become `//authority`.
        #expect(plain.canonicalize("/;jsessionid=1/evil.test/x") == "/.//evil.test/x")
        #expect(plain.canonicalize("foo:/;jsessionid=1/x") == "foo:/.//x")
        // A relative URL must not start to look like a scheme.
        #expect(plain.canonicalize("=x&javascript:alert(1)") == "./javascript:alert(1)")
        // Parameter-looking path segments are parameter lists, in hash routes too.
        #expect(plain.canonicalize("/a/b=1&token=abc") == "/a/b=_")
        #expect(plain.canonicalize("/#/callback&access_token=abc&x=1") == "/#/callback&x=_")
        // Parameter names holding a path are dropped, so a list cannot turn into a hash route.
        #expect(plain.canonicalize("#access_token=x&/orders/123") == "")
        #expect(plain.canonicalize("/p#x=1&/orders/123") == "/p#x=_")
    }

    // MARK: relative URLs and encoding

    @Test func relativeURLs() {
        #expect(plain.canonicalize("/a/b?x=1") == "/a/b?x=_")
        #expect(plain.canonicalize("../img.png") == "../img.png")
        #expect(plain.canonicalize("?q=1") == "?q=_")
        #expect(plain.canonicalize("#frag") == "#frag")
        #expect(plain.canonicalize("orders/42") == "orders/:id")
        #expect(plain.canonicalize("//cdn.test/x/1.png?v=3") == "//cdn.test/x/1.png?v=_")
        #expect(plain.canonicalize("  /trimmed  ") == "/trimmed")
    }

    @Test func encodedURLsAndParameterListsInsideSegmentsAreTemplated() {
        #expect(plain.canonicalize("/r/https%3A%2F%2Fx.test%2Fcb%3Ftoken%3Ds3cr3t/next") == "/r/:token/next")
        #expect(plain.canonicalize("/r/next%3D%2Fhome%26sid%3Ds3cr3t") == "/r/:token")
        #expect(plain.canonicalize("/p#cb%3Faccess_token%3Ds3cr3t") == "/p#:token")
        #expect(plain.canonicalize("/#/r/x%23access_token%3Ds3cr3t") == "/#/r/:token")
        // Encoded slashes and other characters alone stay as written.
        #expect(plain.canonicalize("/projects/group%2Fproject/issues") == "/projects/group%2Fproject/issues")
        // Allowlisted values are not segments: an encoded `=` in a search stays.
        #expect(canonicalizer(allow: ["q"]).canonicalize("/s?q=a%3Db") == "/s?q=a%3Db")
    }

    @Test func keptTextIsEscapedNeverDecoded() {
        #expect(plain.canonicalize("/p/%3Cscript%3E") == "/p/%3Cscript%3E")
        #expect(plain.canonicalize("/a b/\"q\"/<x>") == "/a%20b/%22q%22/%3Cx%3E")
        #expect(plain.canonicalize("/100%/x%zz") == "/100%25/x%25zz")
        #expect(plain.canonicalize("/caf%C3%A9") == "/caf%C3%A9")
        #expect(plain.canonicalize("/café") == "/caf%C3%A9")
    }

    // MARK: signed storage links

    @Test func signedStorageLinksLoseTheirSignatures() {
        let s3 = "https://bucket.s3.amazonaws.com/invoices/inv-7731.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z"
            + "&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=IQoJb3JpZ2luX2VjE&X-Amz-Signature="
            + "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
        #expect(plain.canonicalize(s3) == "https://bucket.s3.amazonaws.com/invoices/inv-7731.pdf")
        let s3v2 = "https://bucket.s3.amazonaws.com/a.png?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1700000000&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D"
        #expect(plain.canonicalize(s3v2) == "https://bucket.s3.amazonaws.com/a.png?Expires=_")
        let gcs = "https://storage.googleapis.com/bkt/scan.jpg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40proj.iam.gserviceaccount.com"
            + "&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=8a3b1c"
        #expect(plain.canonicalize(gcs) == "https://storage.googleapis.com/bkt/scan.jpg")
        let gcsV2 = "https://storage.googleapis.com/bkt/a.jpg?GoogleAccessId=sa@proj.iam.gserviceaccount.com&Expires=1&Signature=abc"
        #expect(plain.canonicalize(gcsV2) == "https://storage.googleapis.com/bkt/a.jpg?Expires=_")
        let azure = "https://acct.blob.core.windows.net/c/id-front.jpg?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z"
            + "&st=2023-12-31T00:00:00Z&spr=https&sig=Zm9vYmFy%2BYmF6%3D"
        #expect(plain.canonicalize(azure) == "https://acct.blob.core.windows.net/c/id-front.jpg")
        let cloudfront = "https://d111111abcdef8.cloudfront.net/v.mp4?Expires=1700000000&Policy=eyJTdGF0ZW1lbnQiOlt7&Signature=Nql641NHEUkUaXQH&Key-Pair-Id=K2JCJMDEHXQW5F"
        #expect(plain.canonicalize(cloudfront) == "https://d111111abcdef8.cloudfront.net/v.mp4?Expires=_")
    }

    // MARK: srcset and CSS

    @Test func srcsetCandidates() {
        #expect(plain.canonicalizeSrcset("a.jpg?token=1 1x, https://u:p@cdn.test/b.jpg 2x, data:image/png;base64,AAAA 3x")
            == "a.jpg 1x, https://cdn.test/b.jpg 2x")
        #expect(plain.canonicalizeSrcset("/img/123/w.jpg 480w,/img/124/w.jpg 800w") == "/img/:id/w.jpg 480w, /img/:id/w.jpg 800w")
        #expect(plain.canonicalizeSrcset("a.jpg 1x,b.jpg 1.5x") == "a.jpg 1x, b.jpg 1.5x")
        #expect(plain.canonicalizeSrcset("a.jpg,, b.jpg") == "a.jpg, b.jpg")
        #expect(plain.canonicalizeSrcset("a.jpg jane@example.com, b.jpg 2x (junk)") == "a.jpg, b.jpg 2x")
        #expect(plain.canonicalizeSrcset("data:image/png;base64,AAAA 1x, blob:x 2x") == nil)
        #expect(plain.canonicalizeSrcset("") == nil)
        #expect(plain.canonicalizeSrcset(" , ,, ") == nil)
    }

    @Test func cssURLs() {
        #expect(plain.canonicalizeCSS("background: url(https://x.test/a.png?sig=abc) no-repeat")
            == "background: url(\"https://x.test/a.png\") no-repeat")
        #expect(plain.canonicalizeCSS("mask: URL( 'data:image/svg+xml;utf8,<svg/>' ); color: red")
            == "mask: url(\"about:invalid\"); color: red")
        #expect(plain.canonicalizeCSS("background-image:url(\"/u/123/avatar.png\")") == "background-image:url(\"/u/:id/avatar.png\")")
        #expect(plain.canonicalizeCSS(#"b: \75 rl(/u/123)"#) == #"b: url("/u/:id")"#)
        #expect(plain.canonicalizeCSS(#"b: u\72l("/a?token=1")"#) == #"b: url("/a")"#)
        #expect(plain.canonicalizeCSS(#"b: url("/a\"b")"#) == #"b: url("/a%22b")"#)
        #expect(plain.canonicalizeCSS("@import \"https://x.test/t.css?token=1\"; a{}") == "@import \"https://x.test/t.css\"; a{}")
        #expect(plain.canonicalizeCSS("@import url(/t.css?v=1);") == "@import url(\"/t.css?v=_\");")
        #expect(plain.canonicalizeCSS("b: image-set(\"/a/1/x.png\" 1x, url(/a/2.png) 2x)") == "b: image-set(\"/a/:id/x.png\" 1x, url(\"/a/2.png\") 2x)")
        #expect(plain.canonicalizeCSS("a { content: \"url(x)\"; } /* url(y?token=1) */ .myurl(z)") == "a { content: \"url(x)\"; } /* url(y?token=1) */ .myurl(z)")
        #expect(plain.canonicalizeCSS("x: url(") == "x: url(\"\")")
        #expect(plain.canonicalizeCSS("") == "")
    }

    // MARK: route templates

    @Test func routeTemplates() {
        #expect(plain.routeTemplate(path: "/orders/123/items/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a") == "/orders/:id/items/:uuid")
        #expect(plain.routeTemplate(path: "/cart;jsessionid=1;v=2?x=1#y") == "/cart")
        #expect(plain.routeTemplate(path: "") == "/")
        #expect(plain.routeTemplate(path: "https://u:p@shop.test:8443/orders/77/track?x=1") == "/orders/:id/track")
        #expect(plain.routeTemplate(path: "//shop.test") == "/")
        #expect(plain.routeTemplate(path: "/users/jane@example.com") == "/users/:email")
        #expect(canonicalizer(keep: ["/docs/:slug"]).routeTemplate(path: "/docs/42") == "/docs/42")
    }

    // MARK: robustness

    @Test func garbageNeverCrashes() {
        let samples = [
            "", " ", "%", "%%", "%G", "?", "#", "&", "=", ";", "@", "[", "]", ":", "::", "://", "http:", "http:/",
            "a:", "1:", ":a", "http://@", "http://a@", "http://@/", "http://[]/", "http://[", "https://x.test?#?#",
            "/;;;", "/;=;=", "?&=&=", "#&=#", "#!", "#!/", "\\\\", "/\\/\\", String(repeating: "%", count: 1000),
            String(repeating: "/", count: 5000), String(repeating: "a=b&", count: 5000), "\u{0}\u{1}\u{2}",
            "http://x.test/\u{FFFF}\u{10FFFF}", "😀://😀@😀/😀?😀=😀#😀",
        ]
        for s in samples {
            _ = plain.canonicalize(s)
            _ = plain.canonicalizeSrcset(s)
            _ = plain.canonicalizeCSS(s)
            _ = plain.routeTemplate(path: s)
        }
    }

    @Test func veryLongInputs() {
        let long = "https://x.test/" + String(repeating: "a/1/", count: 17_000)
        #expect(long.utf8.count > URLCanonicalizer.maxInputBytes)
        #expect(plain.canonicalize(long) == nil, "over maxInputBytes: not emitted")
        let path = "/" + String(repeating: "seg/", count: 10_000)
        #expect(plain.canonicalize(path) == path)
        let query = "/q?" + Array(repeating: "token=abc&x=1", count: 4_000).joined(separator: "&")
        let out = plain.canonicalize(query)
        #expect(out?.contains("abc") == false)
        _ = plain.canonicalizeCSS(String(repeating: "url(", count: 50_000))
        _ = plain.canonicalizeSrcset(String(repeating: "a.jpg 1x,", count: 20_000))
    }

    /// Random URL-ish strings: never crash; output is printable ASCII without quotes or
    /// spaces; canonicalizing twice changes nothing; a planted secret never survives.
    @Test func randomInputs() {
        let alphabet = Array("aZ09:/\\?#&=;@%[].-_+!~*'() \"<>".unicodeScalars) + ["ä", "\t", "\n"]
        let pieces = ["http://", "https://", "//", "token=", "sid=", "jsessionid=", "%74oken=", "#access_token=", "data:", "javascript:", "user:pw@", "[::1]", ":80", "/123", "/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "?", "#", "&", ";"]
        var rng = SplitMix(seed: 0x5EED)
        var settings = Policy.defaults.urls
        settings.allowParameters = ["page"]
        let c = URLCanonicalizer(settings: settings)  // with the real detectors
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12) {
                if rng.next() % 3 == 0 {
                    s += pieces[Int(rng.next() % UInt64(pieces.count))]
                } else {
                    s.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            let secretValue = "SECRETX\(rng.next() % 1000)"
            let planted = s + (s.contains("?") ? "&" : "?") + "token=" + secretValue + "&page=1"
            if let out = c.canonicalize(planted) {
                #expect(!out.contains(secretValue), "\(planted) → \(out)")
            }
            guard let once = c.canonicalize(s) else { continue }
            let hostBytes = once.utf8.filter { $0 >= 0x80 }.count
            if hostBytes == 0 {
                #expect(once.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") }, "\(s) → \(once)")
            }
            #expect(c.canonicalize(once) == once, "\(s) → \(once)")
        }
    }
}

/// A small deterministic generator for the random test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
