import SafeReplayModel

/// A deterministic synthetic recording: what a recorder emits for an ordinary page visit.
/// Used where a benchmark needs "typical events" rather than rrweb's node-dense fixtures.
struct SyntheticSession {
    private var rng: SplitMix64
    /// The largest node id the last generated page used.
    private var lastPageId = 0

    init(seed: UInt64 = 42) {
        rng = SplitMix64(seed: seed)
    }

    /// A page of about `nodes` nodes: nested sections of headings, paragraphs, links,
    /// lists, forms and inputs, with realistic attributes and text.
    mutating func page(nodes: Int) -> SerializedNode {
        var nextId = 1
        func id() -> Int { defer { nextId += 1 }; return nextId }
        let words = ["order", "account", "shipping", "the", "price", "delivery", "return", "your", "product", "details",
                     "review", "cart", "total", "help", "contact", "size", "colour", "stock", "new", "sale"]
        func sentence(_ n: Int) -> String { (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ") }
        var budget = nodes - 6
        func block(depth: Int) -> SerializedNode {
            budget -= 1
            let kind = rng.next() % 6
            let cls = ["card", "row", "col", "item", "section", "media"][Int(rng.next() % 6)]
            var children: [SerializedNode] = []
            if depth < 8 && budget > 0 && kind < 2 {
                let count = Int(rng.next() % 5) + 1
                for _ in 0..<count where budget > 0 { children.append(block(depth: depth + 1)) }
                return SerializedNode(id: id(), kind: .element(ElementData(tagName: "div", attributes: ["class": .string(cls)])), childNodes: children)
            }
            budget -= 1
            switch kind {
            case 2:
                let text = SerializedNode(id: id(), kind: .text(sentence(Int(rng.next() % 12) + 3), isStyle: nil))
                return SerializedNode(id: id(), kind: .element(ElementData(tagName: "p", attributes: ["class": .string("text")])), childNodes: [text])
            case 3:
                let text = SerializedNode(id: id(), kind: .text(sentence(2), isStyle: nil))
                return SerializedNode(id: id(), kind: .element(ElementData(tagName: "a", attributes: ["href": .string("/products/\(rng.next() % 10_000)?ref=home"), "class": .string("link")])), childNodes: [text])
            case 4:
                return SerializedNode(id: id(), kind: .element(ElementData(tagName: "input", attributes: ["type": .string("text"), "name": .string("field\(rng.next() % 100)"), "value": .string(sentence(2))])))
            default:
                let text = SerializedNode(id: id(), kind: .text(sentence(4), isStyle: nil))
                return SerializedNode(id: id(), kind: .element(ElementData(tagName: "span", attributes: ["class": .string("label"), "title": .string(sentence(2))])), childNodes: [text])
            }
        }
        let doc = id(), doctype = id(), html = id(), head = id(), body = id()
        var sections: [SerializedNode] = []
        while budget > 0 { sections.append(block(depth: 0)) }
        let headNode = SerializedNode(id: head, kind: .element(ElementData(tagName: "head")), childNodes: [
            SerializedNode(id: id(), kind: .element(ElementData(tagName: "title")), childNodes: []),
        ])
        lastPageId = nextId - 1
        return SerializedNode(id: doc, kind: .document(compatMode: "CSS1Compat"), childNodes: [
            SerializedNode(id: doctype, kind: .documentType(name: "html", publicId: "", systemId: "")),
            SerializedNode(id: html, kind: .element(ElementData(tagName: "html", attributes: ["lang": .string("en")])), childNodes: [
                headNode,
                SerializedNode(id: body, kind: .element(ElementData(tagName: "body")), childNodes: sections),
            ]),
        ])
    }

    /// Meta + FullSnapshot of a `nodes`-node page, then `seconds` of ordinary activity:
    /// pointer moves, clicks, scrolls, typing and small DOM mutations.
    mutating func events(nodes: Int, seconds: Int, start: Int64 = 1_700_000_000_000) -> [Event] {
        var t = start
        let snapshot = page(nodes: nodes)
        var events: [Event] = [
            Event(timestamp: t, body: .meta(MetaData(href: "https://shop.example/products/42?ref=mail", width: 1280, height: 800))),
            Event(timestamp: t + 1, body: .fullSnapshot(FullSnapshotData(content: .dom(snapshot)))),
        ]
        let maxId = nodes
        // Added nodes take the next ids after the page's, as rrweb's recorder numbers them
        // (one counter per page): ids scattered up to a million made every benchmark session
        // grow the mirror's id table to a million entries, which no rrweb stream does.
        var nextAddedId = lastPageId + 1
        for _ in 0..<seconds {
            for _ in 0..<6 {
                t += 160
                let positions = (0..<6).map { i in
                    PointerPosition(x: Double(rng.next() % 1280), y: Double(rng.next() % 800), id: Int(rng.next() % UInt64(maxId)) + 1, timeOffset: Double(-25 * i))
                }
                events.append(Event(timestamp: t, body: .incrementalSnapshot(.pointerPositions(.mouseMove, PointerPositionsData(positions: positions)))))
            }
            t += 20
            events.append(Event(timestamp: t, body: .incrementalSnapshot(.mouseInteraction(MouseInteractionData(type: 2, id: Int(rng.next() % UInt64(maxId)) + 1, x: 412, y: 288, pointerType: 0)))))
            t += 20
            events.append(Event(timestamp: t, body: .incrementalSnapshot(.scroll(ScrollData(id: 1, x: 0, y: Double(rng.next() % 4000))))))
            t += 20
            events.append(Event(timestamp: t, body: .incrementalSnapshot(.input(InputData(id: Int(rng.next() % UInt64(maxId)) + 1, text: "search term \(rng.next() % 1000)", isChecked: false, userTriggered: true)))))
            t += 20
            let target = Int(rng.next() % UInt64(maxId)) + 1
            let added = nextAddedId
            nextAddedId += 1
            events.append(Event(timestamp: t, body: .incrementalSnapshot(.mutation(MutationData(
                texts: [TextMutation(id: target, value: "In stock: \(rng.next() % 100) items")],
                attributes: [AttributeMutation(id: target, attributes: ["class": .string("item active")])],
                adds: [AddedNode(parentId: target, nextId: nil, node: SerializedNode(id: added, kind: .text("Added to cart", isStyle: nil)))]
            )))))
        }
        return events
    }
}

/// A small, fast, seedable generator so synthetic inputs are identical on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
