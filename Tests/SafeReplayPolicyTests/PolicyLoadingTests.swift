import SafeReplayPolicy
import Testing

@Suite struct PolicyLoadingTests {
    static func load(_ text: String) throws(PolicyError) -> Policy {
        try Policy.load(Array(text.utf8))
    }

    @Test func versionAloneMeansFailClosedDefaults() throws {
        let p = try Self.load(#"{"version": 1}"#)
        #expect(p.defaultLevel == .medium)
        #expect(p.fidelity(for: .low) == .replay)
        #expect(p.fidelity(for: .medium) == .maskedReplay)
        #expect(p.fidelity(for: .high) == .off)
        #expect(p.inputs.maskStyle == .fixed)
        #expect(p.inputs.allow.isEmpty)
        #expect(p.media.block)
        #expect(!p.network.capture && !p.network.captureBodies && p.network.allowHeaders.isEmpty)
        #expect(!p.location.capture)
        #expect(p.routes.isEmpty && p.elements.isEmpty && p.modules.isEmpty)
        #expect(p.detectors.enabled.count == 9)
        #expect(p.retentionDays == 30)
        #expect(p.hash.count == 64)
    }

    @Test func fullDocumentLoads() throws {
        let p = try Self.load(#"""
        {
          "version": 1, "name": "shop",
          "levels": {"low": {"fidelity": "replay"}, "high": {"fidelity": "events"}},
          "defaultLevel": "high",
          "routes": [
            {"name": "home", "match": "/", "level": "low"},
            {"name": "account", "match": "/account/:id/**", "level": "high"},
            {"name": "pay", "match": "/checkout/*", "level": "medium", "query": {"step": "pay"}, "fidelity": "events"}
          ],
          "elements": [{"name": "ads", "selector": ".ad, [data-ad] > img", "action": "block"}],
          "modules": [{"name": "payments", "owner": "team-pay", "root": "#pay-mfe", "level": "high",
                       "elements": [{"selector": ".amount", "action": "mask"}]}],
          "text": {"maskStyle": "preserveLength", "maskCharacter": "#"},
          "inputs": {"maskStyle": "fixed", "allow": ["input[name=q]"]},
          "media": {"block": true},
          "urls": {"allowParameters": ["page"], "keepPaths": ["/docs/:slug"]},
          "network": {"capture": true, "allowURLs": ["/api/**"], "allowHeaders": ["content-type"]},
          "mobile": {"screens": [{"match": "Checkout*", "level": "high"}],
                     "views": [{"className": "UITextField", "action": "mask"}],
                     "captureGestures": true, "rageTap": {"count": 4, "windowMs": 800, "radius": 40}},
          "location": {"capture": true, "precision": 5},
          "sampling": {"sessionRate": 0.5},
          "upload": {"endpoint": "https://ingest.example/v1/batches", "maxEvents": 500},
          "detectors": {"enabled": ["EMAIL", "CREDIT_CARD"], "maskStyle": "typed", "revealCardLastFour": true},
          "retentionDays": 14
        }
        """#)
        #expect(p.routes.count == 3)
        #expect(p.routes[1].match.matches(path: "/account/42/orders/7"))
        #expect(p.modules.first?.elements.first?.action == .mask)
        #expect(p.text.maskCharacter == "#")
        #expect(p.mobile.rageTapCount == 4)
        #expect(p.upload.maxEvents == 500)
        #expect(p.maxBatchAgeDays == 14)
        #expect(p.fidelity(for: .high) == .events)
    }

    /// Each document carries one different fault; the error names its path.
    static let malformed: [(String, String, String)] = [
        (#"{}"#, "version", "required"),
        (#"{"version": 2}"#, "version", "unsupported version"),
        (#"{"version": "1"}"#, "version", "expected an integer"),
        (#"{"version": 1, "colour": "red"}"#, "colour", "unknown key"),
        (#"{"version": 1, "routes": [{"match": "/a", "level": "low"}, {"match": "/x/:/y", "level": "low"}]}"#, "routes[1].match", "unknown placeholder ':'"),
        (#"{"version": 1, "routes": [{"match": "no-slash", "level": "low"}]}"#, "routes[0].match", "must start with '/'"),
        (#"{"version": 1, "routes": [{"match": "/a", "level": "extreme"}]}"#, "routes[0].level", "unknown value 'extreme'"),
        (#"{"version": 1, "routes": [{"match": "/a"}]}"#, "routes[0].level", "required"),
        (#"{"version": 1, "elements": [{"selector": "div[", "action": "mask"}]}"#, "elements[0].selector", "invalid selector"),
        (#"{"version": 1, "elements": [{"selector": "a + b", "action": "mask"}]}"#, "elements[0].selector", "unsupported combinator"),
        (#"{"version": 1, "elements": [{"selector": "p", "action": "shred"}]}"#, "elements[0].action", "unknown value 'shred'"),
        (#"{"version": 1, "retentionDays": 0}"#, "retentionDays", "out of range"),
        (#"{"version": 1, "retentionDays": 1.5}"#, "retentionDays", "expected an integer"),
        (#"{"version": 1, "sampling": {"sessionRate": 1.5}}"#, "sampling.sessionRate", "out of range"),
        (#"{"version": 1, "location": {"precision": 13}}"#, "location.precision", "out of range"),
        (#"{"version": 1, "upload": {"endpoint": "ftp://x"}}"#, "upload.endpoint", "http"),
        (#"{"version": 1, "upload": {"maxEvents": -1}}"#, "upload.maxEvents", "out of range"),
        (#"{"version": 1, "levels": {"high": {"fidelity": "replay"}}}"#, "levels.high.fidelity", "high level records no content"),
        (#"{"version": 1, "detectors": {"enabled": ["EMAIL", "DNA"]}}"#, "detectors.enabled[1]", "unknown detector"),
        (#"{"version": 1, "network": {"allowHeaders": ["Authorization"]}}"#, "network.allowHeaders[0]", "credentials"),
        (#"{"version": 1, "network": {"captureBodies": true}}"#, "network.captureBodies", "not supported"),
        (#"{"version": 1, "mobile": {"views": [{"action": "mask"}]}}"#, "mobile.views[0]", "className or identifier"),
        (#"{"version": 1, "text": {"maskCharacter": "x"}}"#, "text.maskCharacter", "'*' or '#'"),
        (##"{"version": 1, "modules": [{"name": "a", "root": "#a"}, {"name": "a", "root": "#b"}]}"##, "modules[1].name", "duplicate module name"),
        (#"{"version": 1, "version": 1}"#, "version", "duplicate key"),
        (#"{"version": 1, "inputs": {"allow": [42]}}"#, "inputs.allow[0]", "expected a selector string"),
        (#"[1]"#, "", "expected an object"),
    ]

    @Test(arguments: malformed)
    func malformedPolicyNamesItsPath(_ document: String, _ path: String, _ fragment: String) {
        do {
            _ = try Self.load(document)
            Issue.record("\(document) loaded")
        } catch {
            let issue = error.issues.first { $0.path == path }
            #expect(issue != nil, "no issue at \(path): \(error)")
            #expect(issue?.message.contains(fragment) == true, "\(error)")
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        do {
            _ = try Self.load(#"{"version": 1, "retentionDays": -3, "routes": [{"match": "x", "level": "nope"}], "bogus": 1}"#)
            Issue.record("loaded")
        } catch {
            let paths = Set(error.issues.map(\.path))
            #expect(paths.isSuperset(of: ["retentionDays", "routes[0].match", "routes[0].level", "bogus"]))
        }
    }

    /// Built on demand: test arguments are formatted for reports, so big inputs stay out of them.
    static func hostileInput(_ name: String) -> [UInt8] {
        switch name {
        case "empty": return []
        case "garbage": return [0x00, 0xFF, 0x13, 0x37, 0x7B]
        case "invalid UTF-8": return Array(#"{"version": 1, "name": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        case "deep array": return Array(String(repeating: "[", count: 10_000).utf8) + Array(String(repeating: "]", count: 10_000).utf8)
        case "deep object": return Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8)
        case "not JSON": return Array("version: 1".utf8)
        case "50 MB": return Array(#"{"version": 1, "name": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 50 << 20) + Array(#""}"#.utf8)
        default: return Array(name.utf8)
        }
    }

    @Test(arguments: ["empty", "garbage", "invalid UTF-8", "deep array", "deep object", "not JSON", "50 MB"])
    func hostileInputIsRejectedCleanly(_ name: String) {
        #expect(throws: PolicyError.self) { try Policy.load(Self.hostileInput(name)) }
    }

    @Test func hashIgnoresKeyOrderAndWhitespaceButNotValues() throws {
        let a = try Self.load(#"{"version":1,"retentionDays":7,"routes":[{"match":"/a","level":"low"}]}"#)
        let b = try Self.load("{\n  \"routes\": [ { \"level\": \"low\", \"match\": \"/a\" } ],\n  \"retentionDays\": 7.0,\n \"version\": 1\n}")
        let c = try Self.load(#"{"version":1,"retentionDays":8,"routes":[{"match":"/a","level":"low"}]}"#)
        #expect(a.hash == b.hash)
        #expect(a.hash != c.hash)
    }

    @Test func hashIsSHA256OfTheCanonicalForm() throws {
        // sha256('{"version":1}') computed independently (Python hashlib).
        let p = try Self.load(#"{ "version" : 1 }"#)
        #expect(p.hash == "2430f1a2ad2982d0067885488a4c89e21ad1d7c83b115ba8f1b20acc88dfaea8")
    }
}
