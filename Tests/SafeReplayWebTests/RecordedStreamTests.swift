import Foundation
import SafeReplayModel
import SafeReplayWeb
import Testing

/// rrweb's own recorded test streams, through the sanitizer with the default policy.
@Suite struct RecordedStreamTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rrweb/streams")

    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()) ?? []

    @Test func allStreamsArePresent() {
        #expect(Self.files.count == 105)
    }

    @Test(arguments: files)
    func sanitizedStreamIsValidAndLeaksNoText(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(file)))
        let events: [Event]
        if bytes.first == UInt8(ascii: "[") {
            events = try bytes.withUnsafeBytes { try Event.decodeArray(json: $0) }
        } else {
            // A few files hold a single serialized node (rrweb-snapshot's tests): a page load.
            let node = try bytes.withUnsafeBytes { try SerializedNode(json: $0) }
            events = [Raw.meta("about:blank"), Raw.snapshot(node)]
        }
        let h = Harness()
        h.feed(events)
        h.expectValid()
        let carriers = Self.textCarriers(in: h.events)
        for secret in Self.texts(in: events) {
            #expect(!carriers.contains { $0.contains(secret) }, "\(file): '\(secret)' survived")
        }
    }

    /// What a stream shows as text: text node contents (CSS excluded: it is code and
    /// survives as such), text mutation values, input values and text-bearing attributes.
    static func texts(in events: [Event], attributes: Bool = false) -> [String] {
        var out: [String] = []
        var styleIds = Set<Int>()
        var styleTextIds = Set<Int>()
        func visit(_ n: SerializedNode, parent: Int?) {
            if case .text(let t, let isStyle) = n.kind {
                if isStyle == true || parent.map(styleIds.contains) == true { styleTextIds.insert(n.id) } else { out.append(t) }
            }
            if let e = n.element {
                if e.tagName == "style" { styleIds.insert(n.id) }
                for entry in e.attributes.entries where entry.name == "value" || (attributes && textAttributes.contains(entry.name)) {
                    if case .string(let v) = entry.value { out.append(v) }
                }
            }
            for c in n.childNodes { visit(c, parent: n.id) }
        }
        for e in events {
            switch e.body {
            case .fullSnapshot(let d):
                if case .dom(let root) = d.content { visit(root, parent: nil) }
            case .incrementalSnapshot(.mutation(let m)):
                for a in m.adds { visit(a.node, parent: a.parentId) }
                for t in m.texts where !styleTextIds.contains(t.id) { if let v = t.value { out.append(v) } }
                for a in m.attributes {
                    if case .string(let v)? = a.attributes["value"] { out.append(v) }
                }
            case .incrementalSnapshot(.input(let i)):
                out.append(i.text)
            default:
                break
            }
        }
        return out.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            // Already masked by the recorder (rrweb's own tests mask), or too short to mean anything.
            .filter { $0.count >= 3 && !$0.allSatisfy { $0 == "*" || $0.isWhitespace } }
    }

    static let textAttributes: Set<String> = ["value", "title", "alt", "placeholder", "aria-label", "label", "content"]

    static func textCarriers(in events: [Event]) -> [String] { texts(in: events, attributes: true) }
}
