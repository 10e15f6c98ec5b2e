import Testing
import SafeReplayModel
import SafeReplayPolicy
@testable import SafeReplayMobile

/// Recorded-looking sessions (Fixtures/mobile/, synthetic, iOS- and Android-shaped) with
/// personal data in texts, labels, values, URLs, images and screen names.
@Suite struct FixtureSessionTests {
    static let sessions = ["ios-login-checkout", "android-signup-invoice"]

    static func encode(_ v: JSONValue) -> [UInt8] {
        let w = JSONWriter()
        w.value(v)
        return w.bytes
    }

    /// Replays a fixture through a fresh sanitizer; the recorder holds the output.
    static func replay(_ name: String) throws -> Recorder {
        let session = try JSONValue.parse(try Fixtures.bytes("mobile/\(name).json"))
        let policy = try Policy.load(encode(session["policy"] ?? .null))
        let r = Recorder(policy: policy)
        var last = t0
        for o in session["observations"]?.arrayValue ?? [] {
            if let e = o["event"] {
                last = e["timestamp"]?.int64Value ?? last
                _ = r.recordRaw(r.sanitizer.sanitize(try Event(json: encode(e))))
            } else if let t = o["touch"] {
                last = t["t"]?.int64Value ?? last
                _ = r.recordRaw(r.sanitizer.touch(pointerId: Int(t["pointer"]?.int64Value ?? 0), rawPhase: Int32(t["phase"]?.int64Value ?? -1),
                                              x: t["x"]?.doubleValue ?? .nan, y: t["y"]?.doubleValue ?? .nan, timestamp: last))
            } else if let l = o["location"] {
                last = l["t"]?.int64Value ?? last
                r.location(l["lat"]?.doubleValue ?? .nan, l["lon"]?.doubleValue ?? .nan, accuracy: l["accuracy"]?.doubleValue ?? .nan, at: last)
            }
        }
        r.flush(at: last + 1_000)
        return r
    }

    @Test(arguments: sessions)
    func noSecretLeaves(name: String) throws {
        let r = try Self.replay(name)
        let secrets = try Fixtures.text("mobile/\(name).secrets.txt").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(secrets.count >= 10)
        #expect(!r.all.isEmpty)
        let text = r.text
        var strings: [String] = []
        for e in r.all { WireframeTextTests.strings(in: e, into: &strings) }
        for secret in secrets {
            #expect(!text.contains(secret), "\(name): '\(secret)' leaked")
            #expect(!strings.contains { $0.contains(secret) }, "\(name): '\(secret)' leaked")
        }
    }

    @Test(arguments: sessions)
    func outputIsTheWireframeDialect(name: String) throws {
        let r = try Self.replay(name)
        let events = r.all
        #expect(events.first?.type == 4 || events.first?.tag != nil)
        for (i, e) in events.enumerated() {
            #expect((0...6).contains(e.type ?? -1))
            if e.type == 2 {
                #expect(i > 0 && events[i - 1].type == 4, "\(name): FullSnapshot #\(i) not after a Meta")
                #expect(e.data?["wireframes"] != nil && e.data?["node"] == nil)
            }
            for w in e.snapshotWireframes + WireframeTextTests.mutationWireframes(e) {
                let id = w["id"]?.int64Value ?? 0
                #expect(id >= Wireframe.minimumID && id <= Wireframe.maximumID)
                #expect(w["text"] == nil || w["text"] == .string("****"))
            }
        }
        let stamps = events.compactMap(\.timestamp)
        #expect(stamps.count == events.count)
    }

    @Test func iosSession() throws {
        let r = try Self.replay("ios-login-checkout")
        let audit = r.sanitizer.audit
        // Six key taps on the keyboard: twelve observations, none recorded.
        #expect(audit.dropped["touch:keyboard"] == 12)
        #expect(r.gestureKinds.filter { $0 == "rage-tap" }.count == 1)
        #expect(r.all.filter { $0.tag == "recording-paused" }.first?.payload?["rule"] == .string("payment"))
        #expect(r.all.contains { $0.tag == "navigation" && $0.payload?["screen"] == .string("PatientChartViewController") })
        #expect(r.all.contains { $0.type == 4 && $0.data?["href"] == .string("OrderDetailViewController/:id") })
        #expect(audit.blocked["rule:balance"] == 1)
        let webView = r.all.flatMap(\.snapshotWireframes).first { $0["type"] == .string("web_view") }
        #expect(webView?["url"] == .string("https://bank.example/statement?acct=_"))
        #expect(r.sanitizer.takeDriftAlerts().map(\.subject) == ["LoginViewController", "OrderDetailViewController/:id"])
    }

    @Test func androidSession() throws {
        let r = try Self.replay("android-signup-invoice")
        let audit = r.sanitizer.audit
        #expect(audit.dropped["touch:keyboard"] == 6)
        #expect(r.gestureKinds.contains("swipe"))
        // The checkout fix is paused; the one 70 s later is coarsened to the accuracy.
        let fixes = r.all.filter { $0.tag == "location" }.compactMap(\.payload)
        #expect(fixes.map { $0["precision"] } == [.int(7), .int(5)])
        #expect(fixes.first?["geohash"]?.stringValue == Geohash.encode(latitude: 40.4167754, longitude: -3.7037902, precision: 7))
        #expect(audit.blocked["rule:tax-id"] == 1)
        let progress = r.all.flatMap(\.snapshotWireframes).first { $0["inputType"] == .string("progress") }
        #expect(progress?["value"]?.doubleValue == 0.75)
    }
}
