import Foundation
import SafeReplayModel
import SafeReplayPolicy
import Testing

/// The recorded web fixtures (Fixtures/web, see its README): each raw rrweb stream, the
/// secrets it carries and the policy it is sanitized with.
struct WebFixture: CustomTestStringConvertible, Sendable {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/web")

    static let all: [WebFixture] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
        return names.map(WebFixture.init(name:))
    }()

    let name: String
    var testDescription: String { name }

    func url(_ suffix: String) -> URL { Self.directory.appendingPathComponent(name + suffix) }

    /// The raw events, one JSON document per line.
    func lines() throws -> [[UInt8]] {
        let data = try Data(contentsOf: url(".jsonl"))
        return data.split(separator: UInt8(ascii: "\n")).map { [UInt8]($0) }.filter { !$0.isEmpty }
    }

    func events() throws -> [Event] { try lines().map { try Event(json: $0) } }

    /// Non-comment lines of `<name><suffix>`; empty when the file does not exist.
    func list(_ suffix: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url(suffix).path) else { return [] }
        return try String(contentsOf: url(suffix), encoding: .utf8).split(separator: "\n")
            .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    var secrets: [String] { get throws { try list(".secrets.txt") } }
    var expected: [String] { get throws { try list(".expected.txt") } }

    /// `<name>.policy.json`, or the fail-closed defaults.
    func policy() throws -> Policy {
        guard FileManager.default.fileExists(atPath: url(".policy.json").path) else { return Policy.defaults }
        return try Policy.load([UInt8](try Data(contentsOf: url(".policy.json"))))
    }
}

/// Checks that events form a valid rrweb stream: types 0–6 only, the first FullSnapshot (and
/// every later one) preceded by a Meta, and every node id an incremental event names known
/// from a snapshot or an earlier add (and not removed since). Returns the problems found.
func rrwebProblems(_ events: [Event]) -> [String] {
    var problems: [String] = []
    var known = Set<Int>()
    var children: [Int: [Int]] = [:]
    var sawSnapshot = false
    var metaSinceSnapshot = false

    func add(_ node: SerializedNode, parent: Int?) {
        known.insert(node.id)
        if let parent { children[parent, default: []].append(node.id) }
        for child in node.childNodes { add(child, parent: node.id) }
    }
    func remove(_ id: Int) {
        known.remove(id)
        for child in children.removeValue(forKey: id) ?? [] { remove(child) }
    }
    func check(_ id: Int?, _ what: String, _ index: Int) {
        guard let id else { return }
        if !known.contains(id) { problems.append("event \(index): \(what) names unknown node \(id)") }
    }

    for (index, event) in events.enumerated() {
        let type = event.typeNumber
        guard (0...6).contains(type) else {
            problems.append("event \(index): type \(type) is not rrweb 0–6")
            continue
        }
        switch event.body {
        case .meta:
            metaSinceSnapshot = true
        case .fullSnapshot(let data):
            if !metaSinceSnapshot { problems.append("event \(index): FullSnapshot without a Meta before it") }
            metaSinceSnapshot = false
            sawSnapshot = true
            known.removeAll()
            children.removeAll()
            if case .dom(let root) = data.content { add(root, parent: nil) }
        case .incrementalSnapshot(let data):
            guard sawSnapshot else {
                problems.append("event \(index): incremental source \(data.sourceNumber) before any FullSnapshot")
                continue
            }
            switch data {
            case .mutation(let m):
                for r in m.removes {
                    check(r.parentId, "remove parent", index)
                    check(r.id, "remove", index)
                }
                for r in m.removes { remove(r.id) }
                let added = Set(m.adds.map(\.node.id))
                for a in m.adds {
                    if !known.contains(a.parentId), !added.contains(a.parentId) {
                        problems.append("event \(index): add under unknown parent \(a.parentId)")
                    }
                    if let next = a.nextId, !known.contains(next), !added.contains(next) {
                        problems.append("event \(index): add before unknown node \(next)")
                    }
                }
                for a in m.adds { add(a.node, parent: a.parentId) }
                for t in m.texts { check(t.id, "text", index) }
                for a in m.attributes { check(a.id, "attributes", index) }
            case .pointerPositions(_, let p):
                for position in p.positions { check(position.id, "pointer position", index) }
            case .mouseInteraction(let m): check(m.id, "mouse interaction", index)
            case .scroll(let s): check(s.id, "scroll", index)
            case .input(let i): check(i.id, "input", index)
            case .mediaInteraction(let m): check(m.id, "media interaction", index)
            case .canvasMutation(let c): check(c.id, "canvas mutation", index)
            case .styleSheetRule(let s): check(s.id, "style sheet rule", index)
            case .styleDeclaration(let s): check(s.id, "style declaration", index)
            case .adoptedStyleSheet(let a): check(a.id, "adopted style sheet", index)
            case .selection(let s):
                for r in s.ranges {
                    check(r.start, "selection start", index)
                    check(r.end, "selection end", index)
                }
            default:
                break
            }
        default:
            break
        }
    }
    return problems
}

/// Where `needle` occurs in `haystack` (byte for byte), if it does.
func occurs(_ needle: String, in haystack: Data) -> Bool {
    haystack.range(of: Data(needle.utf8)) != nil
}

@Suite struct FixtureTests {
    @Test func everyFixtureIsComplete() throws {
        #expect(WebFixture.all.map(\.name) == ["admin", "checkout", "identity", "profile", "search", "spa"])
        for fixture in WebFixture.all {
            #expect(try !fixture.secrets.isEmpty, "\(fixture.name) lists no secrets")
            #expect(FileManager.default.fileExists(atPath: WebFixture.directory.appendingPathComponent("pages/\(fixture.name).html").path))
        }
    }

    /// The raw streams are what rrweb recorded: valid rrweb, and every listed secret really is
    /// in them (otherwise the sanitizer test would prove nothing about it).
    @Test(arguments: WebFixture.all) func rawStreamCarriesItsSecrets(_ fixture: WebFixture) throws {
        let events = try fixture.events()
        #expect(events.count > 10)
        #expect(rrwebProblems(events) == [])
        #expect(events.contains { if case .meta = $0.body { true } else { false } })
        _ = try fixture.policy()
        let raw = try Data(contentsOf: fixture.url(".jsonl"))
        for secret in try fixture.secrets {
            #expect(leakForms(of: secret).contains { occurs($0, in: raw) }, "\(fixture.name): \(secret) is not in the raw stream")
        }
    }

    @Test func leakFormsCoverTheUsualTransforms() {
        let forms = leakForms(of: "4242 4242 4242 4242")
        #expect(forms.contains("4242424242424242"))
        #expect(forms.contains("4242%204242%204242%204242"))
        #expect(leakForms(of: "Marisol.Okonkwo@Example.com").contains("marisol.okonkwo@example.com"))
        #expect(leakForms(of: "Marisol.Okonkwo@Example.com").contains("Marisol.Okonkwo%40Example.com"))
        #expect(leakForms(of: "Inès").contains("In\\u00e8s"))
        #expect(leakForms(of: "08/29").contains("08\\/29"))
        // Percent-encoded UTF-8 as Foundation encodes it on Linux (non-ASCII letters too),
        // form-encoded spaces, HTML-escaped ampersands.
        #expect(leakForms(of: "Inès Zoë").isSuperset(of: ["In%C3%A8s%20Zo%C3%AB", "In%C3%A8s+Zo%C3%AB", "in%c3%a8s%20zo%c3%ab"]))
        #expect(leakForms(of: "Smith & Sons").contains("Smith &amp; Sons"))
    }
}
