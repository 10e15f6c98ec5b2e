import Foundation
import SafeReplayModel
import SafeReplayPolicy
import SafeReplayWeb
import Testing

/// A tiny DOM description for building snapshots: ids are assigned depth-first from 1
/// (document 1, doctype 2, html 3, head 4, body 5, then the body's content).
indirect enum Node {
    case element(String, [String: String] = [:], [Node] = [])
    case text(String)
    case comment(String)

    static func el(_ tag: String, _ attributes: [String: String] = [:], _ children: Node...) -> Node {
        .element(tag, attributes, children)
    }
}

enum Page {
    /// A document with `body` content; returns the snapshot's root.
    static func document(head: [Node] = [], body: [Node], bodyAttributes: [String: String] = [:]) -> SerializedNode {
        var next = 1
        func id() -> Int {
            defer { next += 1 }
            return next
        }
        func build(_ node: Node) -> SerializedNode {
            switch node {
            case .element(let tag, let attributes, let children):
                let myId = id()
                let attrs = Attributes(entries: attributes.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: .string($0.value)) })
                return SerializedNode(id: myId, kind: .element(ElementData(tagName: tag, attributes: attrs)), childNodes: children.map(build))
            case .text(let t):
                return SerializedNode(id: id(), kind: .text(t, isStyle: nil))
            case .comment(let t):
                return SerializedNode(id: id(), kind: .comment(t))
            }
        }
        let docId = id()
        let doctype = SerializedNode(id: id(), kind: .documentType(name: "html", publicId: "", systemId: ""))
        let htmlId = id()
        let headId = id()
        let bodyId = id()
        precondition(docId == 1 && bodyId == 5)
        let headChildren = head.map(build)
        let bodyChildren = body.map(build)
        let bodyAttrs = Attributes(entries: bodyAttributes.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: .string($0.value)) })
        let html = SerializedNode(id: htmlId, kind: .element(ElementData(tagName: "html")), childNodes: [
            SerializedNode(id: headId, kind: .element(ElementData(tagName: "head")), childNodes: headChildren),
            SerializedNode(id: bodyId, kind: .element(ElementData(tagName: "body", attributes: bodyAttrs)), childNodes: bodyChildren),
        ])
        return SerializedNode(id: docId, kind: .document(compatMode: "CSS1Compat"), childNodes: [doctype, html])
    }
}

/// Builds raw events.
enum Raw {
    static func meta(_ href: String = "https://shop.test/", at t: Int64 = 1_000) -> Event {
        Event(timestamp: t, body: .meta(MetaData(href: href, width: 1280, height: 720)))
    }

    static func snapshot(_ root: SerializedNode, at t: Int64 = 1_001) -> Event {
        Event(timestamp: t, body: .fullSnapshot(FullSnapshotData(content: .dom(root))))
    }

    static func incremental(_ data: IncrementalData, at t: Int64 = 2_000) -> Event {
        Event(timestamp: t, body: .incrementalSnapshot(data))
    }

    static func mutation(_ m: MutationData, at t: Int64 = 2_000) -> Event { incremental(.mutation(m), at: t) }

    /// An event from rrweb JSON.
    static func json(_ text: String) -> Event { try! Event(json: text) }

    static func element(_ id: Int, _ tag: String, _ attributes: [String: String] = [:]) -> SerializedNode {
        SerializedNode(id: id, kind: .element(ElementData(tagName: tag, attributes: Attributes(entries: attributes.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: .string($0.value)) }))))
    }

    static func text(_ id: Int, _ text: String) -> SerializedNode { SerializedNode(id: id, kind: .text(text, isStyle: nil)) }

    static func add(_ node: SerializedNode, under parent: Int, before next: Int? = nil) -> AddedNode {
        AddedNode(parentId: parent, nextId: next, node: node)
    }

    static func input(_ id: Int, _ text: String, checked: Bool = false) -> Event {
        incremental(.input(InputData(id: id, text: text, isChecked: checked)))
    }

    static func click(_ id: Int, x: Double = 10, y: Double = 10, at t: Int64 = 2_000) -> Event {
        incremental(.mouseInteraction(MouseInteractionData(type: MouseInteractionType.click.rawValue, id: id, x: x, y: y)), at: t)
    }
}

func policy(_ json: String = #"{"version":1}"#) -> Policy {
    try! Policy.load(Array(json.utf8))
}

/// A sanitizer plus everything it emitted, decoded back, for assertions.
final class Harness {
    let sanitizer: WebSanitizer
    private(set) var emitted: [SanitizedEvent] = []

    init(_ policyJSON: String = #"{"version":1}"#) {
        sanitizer = WebSanitizer(policy: policy(policyJSON), now: { 42 })
    }

    /// Sanitizes the events; returns what this call emitted, decoded.
    @discardableResult
    func feed(_ events: Event...) -> [Event] { feed(events) }

    @discardableResult
    func feed(_ events: [Event]) -> [Event] {
        var out: [SanitizedEvent] = []
        for e in events { out.append(contentsOf: sanitizer.sanitize(e)) }
        emitted.append(contentsOf: out)
        return out.map { try! Event(json: $0.json) }
    }

    var events: [Event] { emitted.map { try! Event(json: $0.json) } }
    var json: String { emitted.map { String(decoding: $0.json, as: UTF8.self) }.joined(separator: "\n") }
    var audit: AuditCounters { sanitizer.audit }

    /// Checks the whole output is a valid rrweb stream (see ``StreamValidator``).
    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        var validator = StreamValidator()
        for e in emitted { validator.check(e) }
        #expect(validator.problems.isEmpty, "\(validator.problems)", sourceLocation: sourceLocation)
    }
}

extension Event {
    var snapshotRoot: SerializedNode? {
        if case .fullSnapshot(let d) = body, case .dom(let n) = d.content { return n }
        return nil
    }

    var mutation: MutationData? {
        if case .incrementalSnapshot(.mutation(let m)) = body { return m }
        return nil
    }

    var incremental: IncrementalData? {
        if case .incrementalSnapshot(let d) = body { return d }
        return nil
    }

    var custom: CustomData? {
        if case .custom(let c) = body { return c }
        return nil
    }
}

extension SerializedNode {
    /// The node with `id` in this subtree.
    func find(_ id: Int) -> SerializedNode? {
        if self.id == id { return self }
        for c in childNodes { if let hit = c.find(id) { return hit } }
        return nil
    }

    var text: String? {
        if case .text(let t, _) = kind { return t }
        return nil
    }

    func attribute(_ name: String) -> AttributeValue? { element?.attributes[name] }

    /// Every text content in the subtree.
    var allTexts: [String] {
        var out: [String] = []
        if case .text(let t, _) = kind { out.append(t) }
        for c in childNodes { out.append(contentsOf: c.allTexts) }
        return out
    }
}
