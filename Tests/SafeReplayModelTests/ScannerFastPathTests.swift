import SafeReplayModel
import Testing

/// The scanner reads compact JSON in rrweb's key order through fast paths; these check
/// that whitespace, other key orders and edge numbers decode to the same model.
@Suite struct ScannerFastPathTests {
    /// Every event of the fixture streams, written with whitespace around every token,
    /// decodes to the same event as its compact form.
    @Test func whitespaceEverywhereDecodesTheSame() throws {
        var checked = 0
        for file in try Fixtures.files(in: "rrweb/streams") where file.hasSuffix(".json") {
            let stream = try Fixtures.bytes("rrweb/streams/" + file)
            guard case .array = try JSONValue.parse(stream) else {
                // A few files hold a single serialized node rather than an event stream.
                let node = try stream.withUnsafeBytes { raw throws(JSONError) in try SerializedNode(json: raw) }
                var writer = JSONWriter()
                node.encode(into: &writer)
                let spaced = Array(Self.spaced(try JSONValue.parse(writer.bytes)).utf8)
                #expect(try spaced.withUnsafeBytes { raw throws(JSONError) in try SerializedNode(json: raw) } == node, "\(file)")
                continue
            }
            let events = try stream.withUnsafeBytes { raw throws(JSONError) in try Event.decodeArray(json: raw) }
            for event in events {
                let spaced = Self.spaced(try JSONValue.parse(event.jsonBytes))
                #expect(try Event(json: spaced) == event, "\(file)")
                checked += 1
            }
        }
        #expect(checked > 800)
    }

    /// Keys out of rrweb's order (the fast paths expect it) decode the same.
    @Test(arguments: [
        (#"{"type":3,"data":{"source":1,"positions":[{"x":1,"y":2,"id":3,"timeOffset":-4}]},"timestamp":5}"#,
         #"{"timestamp":5,"data":{"positions":[{"timeOffset":-4,"id":3,"y":2,"x":1}],"source":1},"type":3}"#),
        (#"{"type":2,"data":{"node":{"type":0,"childNodes":[{"type":2,"tagName":"p","attributes":{"a":"b"},"childNodes":[{"type":3,"textContent":"t","id":3}],"id":2}],"id":1},"initialOffset":{"top":0,"left":0}},"timestamp":1}"#,
         #"{"data":{"initialOffset":{"left":0,"top":0},"node":{"id":1,"childNodes":[{"id":2,"childNodes":[{"id":3,"textContent":"t","type":3}],"attributes":{"a":"b"},"tagName":"p","type":2}],"type":0}},"type":2,"timestamp":1}"#),
        (#"{"type":3,"data":{"source":0,"texts":[{"id":1,"value":"v"}],"attributes":[{"id":2,"attributes":{"k":null}}],"removes":[{"parentId":1,"id":2}],"adds":[{"parentId":1,"nextId":null,"node":{"type":3,"textContent":"x","id":4}}]},"timestamp":2}"#,
         #"{"type":3,"data":{"adds":[{"node":{"id":4,"type":3,"textContent":"x"},"nextId":null,"parentId":1}],"removes":[{"id":2,"parentId":1}],"attributes":[{"attributes":{"k":null},"id":2}],"texts":[{"value":"v","id":1}],"source":0},"timestamp":2}"#),
        (#"{"type":3,"data":{"source":5,"text":"a","isChecked":false,"userTriggered":true,"id":7},"timestamp":3}"#,
         #"{"type":3,"data":{"id":7,"userTriggered":true,"isChecked":false,"text":"a","source":5},"timestamp":3}"#),
        (#"{"type":4,"data":{"href":"h","width":1,"height":2},"timestamp":4}"#,
         #"{"type":4,"data":{"height":2,"width":1,"href":"h"},"timestamp":4}"#),
        (#"{"type":3,"data":{"source":2,"type":1,"id":3,"x":1.5,"y":-0},"timestamp":6}"#,
         #"{"type":3,"data":{"y":-0,"x":1.5,"id":3,"type":1,"source":2},"timestamp":6}"#),
    ])
    func keyOrderDoesNotMatter(_ pair: (String, String)) throws {
        let canonical = try Event(json: pair.0)
        #expect(try Event(json: pair.1) == canonical)
        #expect(try Event(json: Self.spaced(try JSONValue.parse(pair.1))) == canonical)
    }

    /// `-0` read as a coordinate stays negative zero (the integer fast path once lost it).
    @Test func negativeZeroKeepsItsSign() throws {
        let event = try Event(json: #"{"type":3,"data":{"source":2,"type":1,"id":3,"x":-0,"y":-0.0},"timestamp":6}"#)
        guard case .incrementalSnapshot(.mouseInteraction(let data)) = event.body else {
            Issue.record("not a mouse interaction")
            return
        }
        #expect(data.x?.sign == .minus)
        #expect(data.y?.sign == .minus)
    }

    /// Keys that only start like a known key, or that spell it with an escape, are not
    /// taken for it.
    @Test func nearMissKeysAreNotMatched() throws {
        let plain = try Event(json: #"{"type":4,"data":{"href":"h","width":1,"height":2},"timestamp":4}"#)
        #expect(try Event(json: #"{"type":4,"data":{"hre\u0066":"h","width":1,"height":2},"timestamp":4}"#) == plain)
        let extra = try Event(json: #"{"type":4,"data":{"hrefs":"x","href":"h","width":1,"height":2},"timestamp":4}"#)
        guard case .meta(let meta) = extra.body else { Issue.record("not a meta event"); return }
        #expect(meta.href == "h")
    }

    /// `value` written with spaces and newlines around every token.
    static func spaced(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements):
            return "[ " + elements.map(spaced).joined(separator: " ,\n ") + " ]"
        case .object(let object):
            let members = object.members.map { scalar(.string($0.key)) + " :\t" + spaced($0.value) }
            return "{\n " + members.joined(separator: " ,\n ") + "\n}"
        default:
            return scalar(value)
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        let writer = JSONWriter()
        writer.value(value)
        return writer.string
    }
}
