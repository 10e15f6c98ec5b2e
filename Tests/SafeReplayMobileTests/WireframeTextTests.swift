import Testing
import SafeReplayModel
import SafeReplayPolicy
@testable import SafeReplayMobile

/// No string a view walker reports (text, labels, values, options, URLs, images, style
/// strings, unknown keys, view classes and ids) ever reaches the output.
@Suite struct WireframeTextTests {
    /// Builds random wireframe trees full of unique secrets and remembers every secret.
    struct Generator {
        var rng: SeededRandom
        var secrets: [String] = []
        var hostIDs: [Int64] = []
        private var counter = 0

        init(seed: UInt64) {
            rng = SeededRandom(seed: seed)
        }

        static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?@#-_/\\\"'éüßøñ日本語한국어😀👍🏽") 
        static let kinds = ["text", "image", "rectangle", "input", "div", "screenshot", "web_view", "placeholder", "radio_group", "status_bar", "navigation_bar"]
        static let inputs = ["checkbox", "radio", "text", "password", "email", "number", "search", "tel", "url", "select", "text_area", "button", "toggle", "progress"]

        /// A fresh secret of 8–24 characters that cannot be mistaken for our own output.
        mutating func secret(from alphabet: [Character] = Self.alphabet) -> String {
            counter += 1
            var s = "Zq\(counter)"
            for _ in 0..<Int.random(in: 6...22, using: &rng) { s.append(alphabet.randomElement(using: &rng)!) }
            secrets.append(s)
            return s
        }

        static let alphanumerics: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

        mutating func hostID() -> Int64 {
            let id: Int64
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: id = Int64.random(in: 1..<10_000_000, using: &rng)           // Android identityHashCode-like
            case 1: id = Int64.random(in: 10_000_000...(1 << 53), using: &rng)
            case 2: id = Int64.random(in: (1 << 53)...Int64.max, using: &rng)    // iOS object address
            default: id = -Int64.random(in: 1...Int64.max, using: &rng)
            }
            hostIDs.append(id)
            return id
        }

        mutating func wireframe(depth: Int) -> Wireframe {
            var w = Wireframe(id: hostID())
            w.x = Double.random(in: 0...400, using: &rng)
            w.y = Double.random(in: 0...900, using: &rng)
            w.width = Double.random(in: 1...400, using: &rng)
            w.height = Double.random(in: 1...200, using: &rng)
            w.type = chance(0.1) ? secret() : Self.kinds.randomElement(using: &rng)
            if w.type == "input" || chance(0.1) { w.inputType = chance(0.1) ? secret() : Self.inputs.randomElement(using: &rng) }
            if chance(0.6) { w.text = secret() }
            if chance(0.4) { w.label = secret() }
            if chance(0.5) { w.value = chance(0.7) ? .string(secret()) : .double(Double.random(in: 0...100, using: &rng)) }
            if chance(0.3) { w.options = [secret(), secret()] }
            if chance(0.3) { w.base64 = "data:image/png;base64," + secret() }
            // In a parameter value: the canonicalizer's rules for a path segment keep plain
            // words (as on the web), which a random secret can look like.
            if chance(0.3) { w.url = "https://example.com/page?q=" + secret(from: Self.alphanumerics) }
            if chance(0.5) {
                var style = JSONObject()
                style["color"] = .string(chance(0.5) ? "#A0B1C2" : secret())
                style["fontFamily"] = .string(secret())
                style["backgroundImage"] = .string(secret())
                style["iconLeft"] = .string(secret())
                style["horizontalAlign"] = .string(chance(0.5) ? "center" : secret())
                style[secret()] = .string(secret())
                w.style = style
            }
            if chance(0.3) { w.checked = chance(0.5) }
            if chance(0.4) { w.unknownKeys[secret()] = .string(secret()) }
            if chance(0.4) { w.unknownKeys["viewClass"] = .string(secret()) }
            if chance(0.4) { w.unknownKeys["viewId"] = .string(secret()) }
            if depth < 5 && chance(0.6) {
                w.childWireframes = (0..<Int.random(in: 0...4, using: &rng)).map { _ in wireframe(depth: depth + 1) }
            }
            return w
        }
    }

    /// Every string anywhere in a JSON value, keys included.
    static func strings(in v: JSONValue, into out: inout [String]) {
        switch v {
        case .string(let s): out.append(s)
        case .array(let a): for e in a { strings(in: e, into: &out) }
        case .object(let o):
            for m in o.members {
                out.append(m.key)
                strings(in: m.value, into: &out)
            }
        default: break
        }
    }

    @Test(arguments: 0..<300)
    func noHostStringSurvives(seed: Int) throws {
        var g = Generator(seed: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let r = Recorder(#"{"version":1,"mobile":{"views":[{"className":"Secret","action":"block"}]}}"#)
        var t = t0
        r.meta("Home")
        let roots = (0..<Int.random(in: 1...3, using: &g.rng)).map { _ in g.wireframe(depth: 0) }
        t += 10
        _ = r.sanitizer.sanitize(Event(timestamp: t, body: .fullSnapshot(FullSnapshotData(content: .wireframes(roots)))))
        for _ in 0..<Int.random(in: 1...6, using: &g.rng) {
            t += 100
            let known = g.hostIDs
            var m = WireframeMutationData()
            m.adds = (0..<Int.random(in: 0...3, using: &g.rng)).map { _ in
                WireframeMutation(parentId: known.randomElement(using: &g.rng), wireframe: g.wireframe(depth: 3))
            }
            m.updates = (0..<Int.random(in: 0...3, using: &g.rng)).map { _ in
                var w = g.wireframe(depth: 4)
                w.id = known.randomElement(using: &g.rng)!
                return WireframeMutation(parentId: nil, wireframe: w)
            }
            if g.chance(0.3) { m.removes = [WireframeRemoval(parentId: nil, id: known.randomElement(using: &g.rng)!)] }
            m.unknownKeys[g.secret()] = .string(g.secret())
            r.record(Event(timestamp: t, body: .incrementalSnapshot(.wireframeMutation(m))))
        }
        // Host Custom and Plugin events with secrets in them.
        r.record(Event(timestamp: t + 1, body: .custom(CustomData(tag: "keyboard", payload: .object(["open": .bool(true), "height": .int(300), "styles": .string(g.secret())])))))
        r.record(Event(timestamp: t + 2, body: .custom(CustomData(tag: g.secret(), payload: .string(g.secret())))))
        r.record(Event(timestamp: t + 3, body: .plugin(PluginData(plugin: "rrweb/console@1", payload: .string(g.secret())))))

        // Every secret starts with "Zq": one scan of the bytes covers them all, escaped
        // or not (the marker has nothing to escape).
        let marker: [UInt8] = Array("Zq".utf8)
        let bytes = r.bytes
        #expect(!zip(bytes, bytes.dropFirst()).contains { $0 == marker[0] && $1 == marker[1] }, "seed \(seed): a secret survived")
        // And every string written is our own vocabulary.
        var found: [String] = []
        for event in r.all { Self.strings(in: event, into: &found) }
        let foreign = Set(found).filter { !Self.vocabulary.contains($0) && !Self.isColor($0) }
        #expect(foreign.isEmpty, "seed \(seed): unexpected strings \(foreign)")
        for event in r.all {
            #expect((0...6).contains(event.type ?? -1))
            for w in event.snapshotWireframes + Self.mutationWireframes(event) {
                let id = w["id"]?.int64Value ?? 0
                #expect(id >= Wireframe.minimumID && id <= Wireframe.maximumID)
            }
        }
    }

    /// Every string the sanitizer writes for these inputs: keys, kinds, keywords, tags.
    static let vocabulary = Set<String>([
        "type", "data", "timestamp", "href", "width", "height", "wireframes", "initialOffset", "top", "left",
        "source", "adds", "updates", "removes", "parentId", "wireframe", "id", "x", "y", "inputType", "text",
        "label", "value", "max", "disabled", "checked", "style", "childWireframes", "tag", "payload", "open",
        "color", "backgroundColor", "borderColor", "horizontalAlign", "center", "keyboard", "****", "Home", "drift",
        "kind", "subject", "level", "screen", "medium", "url", "https://example.com/page?q=_",
    ] + Generator.kinds + Generator.inputs)

    static func isColor(_ s: String) -> Bool {
        s.first == "#" && (s.count == 7 || s.count == 9) && s.dropFirst().allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func mutationWireframes(_ event: JSONValue) -> [JSONValue] {
        guard event.type == 3, event.source == 0, let d = event.data else { return [] }
        let placed = (d["adds"]?.arrayValue ?? []) + (d["updates"]?.arrayValue ?? [])
        return placed.compactMap { $0["wireframe"] }.flatMap(\.flattenedWireframe)
    }

    @Test func textBecomesAFixedMaskNeverItsLength() {
        let r = Recorder()
        r.meta("Home")
        let out = r.snapshot(#"[{"id":1,"type":"text","text":"a"},{"id":2,"type":"text","text":"a much longer line of text"},{"id":3,"type":"text","text":""}]"#)
        let ws = out.last?.snapshotWireframes ?? []
        #expect(ws.map { $0["text"]?.stringValue } == ["****", "****", nil])
    }

    @Test func inputsKeepOnlyWhatIsNotTyped() {
        let r = Recorder()
        r.meta("Form")
        let out = r.snapshot(#"""
        [{"id":1,"type":"input","inputType":"password","value":"hunter2","disabled":false},
         {"id":2,"type":"input","inputType":"email","value":"jane@example.com"},
         {"id":3,"type":"input","inputType":"select","value":"Visa","options":["Visa","Amex"]},
         {"id":4,"type":"input","inputType":"checkbox","checked":true,"label":"I have diabetes"},
         {"id":5,"type":"input","inputType":"button","value":"Pay $1,234"},
         {"id":6,"type":"input","inputType":"progress","value":42,"max":100,"style":{"bar":"horizontal"}},
         {"id":7,"type":"image","base64":"data:image/png;base64,AAAA"},
         {"id":8,"type":"web_view","url":"https://bank.example/account?id=9"}]
        """#)
        let ws = out.last?.snapshotWireframes ?? []
        #expect(ws.count == 8)
        #expect(ws[0].objectValue?.keys.sorted() == ["disabled", "id", "inputType", "type"])
        #expect(ws[1].objectValue?.keys.sorted() == ["id", "inputType", "type"])
        #expect(ws[2].objectValue?.keys.sorted() == ["id", "inputType", "type"])
        #expect(ws[3]["checked"] == .bool(true))
        #expect(ws[3]["label"]?.stringValue == "****")
        #expect(ws[4]["value"]?.stringValue == "****")
        #expect(ws[5]["value"]?.doubleValue == 42)
        #expect(ws[5]["max"]?.doubleValue == 100)
        #expect(ws[6]["base64"] == nil)
        #expect(ws[7]["url"] == .string("https://bank.example/account?id=_"))
        let audit = r.sanitizer.audit
        #expect(audit.blocked["wireframe:input-value"] == 3)
        #expect(audit.blocked["wireframe:options"] == 1)
        #expect(audit.blocked["wireframe:image"] == 1)
        #expect(audit.blocked["wireframe:url"] == nil)
    }

    @Test func webViewURLsAreCanonicalOrGone() {
        let r = Recorder()
        r.meta("Home")
        let out = r.snapshot(#"""
        [{"id":1,"type":"web_view","url":"https://jane:pw@Shop.example/orders/88123401?token=abc&page=2#x"},
         {"id":2,"type":"web_view","url":"data:text/html,<h1>Jane</h1>"},
         {"id":3,"type":"image","url":"https://cdn.example/avatar/jane.jpg"}]
        """#)
        let ws = out.last?.snapshotWireframes ?? []
        #expect(ws[0]["url"] == .string("https://shop.example/orders/:id?page=_#x"))
        #expect(ws[1]["url"] == nil && ws[2]["url"] == nil)
        #expect(r.sanitizer.audit.blocked["wireframe:url"] == 2)
    }

    @Test func stylesKeepParsedValuesOnly() {
        let r = Recorder()
        r.meta("Home")
        let out = r.snapshot(##"[{"id":1,"type":"div","style":{"color":"#ABC","backgroundColor":"#00112233","borderWidth":1,"fontFamily":"Jane","fontSize":"12px","verticalAlign":"center","paddingTop":1e300}}]"##)
        let style = out.last?.snapshotWireframes.first?["style"]
        #expect(style == .object(["color": .string("#aabbcc"), "backgroundColor": .string("#00112233"), "borderWidth": .int(1), "verticalAlign": .string("center")]))
        #expect(r.sanitizer.audit.dropped["wireframe:style"] == 3)
    }
}

extension Recorder {
    @discardableResult
    func record(_ event: Event) -> [JSONValue] {
        let events = sanitizer.sanitize(event)
        return recordRaw(events)
    }
}
