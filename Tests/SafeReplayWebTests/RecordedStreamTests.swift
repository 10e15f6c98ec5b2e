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
        let events = try bytes.withUnsafeBytes { try Event.decodeArray(json: $0) }
        let h = Harness()
        h.feed(events)
        h.expectValid()
        let output = h.json
        for secret in Self.secrets(in: events) {
            #expect(!output.contains(Self.jsonEscaped(secret)), "\(file): '\(secret)' survived")
        }
    }

    /// Every non-blank text node content and input value of the raw stream (CSS excluded:
    /// it is code, and survives as such).
    static func secrets(in events: [Event]) -> Set<String> {
        var out = Set<String>()
        var styleIds = Set<Int>()
        func visit(_ n: SerializedNode, inStyle: Bool) {
            if case .text(let t, let isStyle) = n.kind, !inStyle, isStyle != true { add(t) }
            let style = n.element?.tagName == "style"
            if style { styleIds.insert(n.id) }
            if let e = n.element, let v = e.attributes.string("value") { add(v) }
            for c in n.childNodes { visit(c, inStyle: style) }
        }
        func add(_ s: String) {
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            // Very short strings (single characters) occur in the output's own syntax.
            if trimmed.count >= 3 { out.insert(trimmed) }
        }
        for e in events {
            switch e.body {
            case .fullSnapshot(let d):
                if case .dom(let root) = d.content { visit(root, inStyle: false) }
            case .incrementalSnapshot(.mutation(let m)):
                for a in m.adds { visit(a.node, inStyle: styleIds.contains(a.parentId)) }
                for t in m.texts { if let v = t.value { add(v) } }
            case .incrementalSnapshot(.input(let i)):
                add(i.text)
            default:
                break
            }
        }
        return out
    }

    static func jsonEscaped(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return String(w.string.dropFirst().dropLast())
    }
}
