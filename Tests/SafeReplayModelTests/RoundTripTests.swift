import Foundation
import SafeReplayModel
import Testing

/// Every rrweb stream of rrweb's own test suite decodes into the typed model and
/// re-encodes to equivalent JSON, judged by Foundation's parser (an independent oracle).
@Suite struct RoundTripTests {
    static let streams: [String] = (try? Fixtures.files(in: "rrweb/streams")) ?? []

    @Test func allStreamsArePresent() {
        #expect(Self.streams.count == 105)
    }

    @Test(arguments: streams)
    func streamRoundTrips(_ file: String) throws {
        let input = try Fixtures.bytes("rrweb/streams/" + file)
        let expected = try JSONSerialization.jsonObject(with: Data(input)) as! NSObject
        let output: [UInt8]
        if let array = expected as? [Any] {
            let events = try input.withUnsafeBytes { raw in try Event.decodeArray(json: raw) }
            #expect(events.count == array.count)
            var w = JSONWriter()
            w.beginArray()
            for event in events { event.encode(into: &w) }
            w.endArray()
            output = w.bytes
        } else {
            // A few files hold a single serialized node rather than an event stream.
            let node = try input.withUnsafeBytes { raw in try SerializedNode(json: raw) }
            var w = JSONWriter()
            node.encode(into: &w)
            output = w.bytes
        }
        let actual = try JSONSerialization.jsonObject(with: Data(output)) as! NSObject
        #expect(actual.isEqual(expected), "\(file) did not round-trip")
    }

    @Test func arraysOfEachLengthDecodeWhole() throws {
        // Arrays of one element are moved out of the scanner's arena by their own path.
        for n in 0..<4 {
            let texts = (0..<n).map { #"{"id":\#($0 + 1),"value":"text number \#($0) long enough to be on the heap"}"# }
            let json = #"{"type":3,"data":{"source":0,"texts":["# + texts.joined(separator: ",")
                + #"],"attributes":[],"removes":[],"adds":[]},"timestamp":1}"#
            let event = try Event(json: json)
            guard case .incrementalSnapshot(.mutation(let m)) = event.body else {
                Issue.record("not a mutation")
                continue
            }
            #expect(m.texts == (0..<n).map { TextMutation(id: $0 + 1, value: "text number \($0) long enough to be on the heap") })
        }
    }

    @Test func typedFieldsAreDecoded() throws {
        let json = #"{"type":3,"data":{"source":2,"type":2,"id":17,"x":10.5,"y":20,"pointerType":2},"timestamp":1700000000123}"#
        let event = try Event(json: json)
        #expect(event.timestamp == 1_700_000_000_123)
        guard case .incrementalSnapshot(.mouseInteraction(let click)) = event.body else {
            Issue.record("expected a mouse interaction, got \(event.body)")
            return
        }
        #expect(click.interaction == .click)
        #expect(click.id == 17)
        #expect(click.x == 10.5)
        #expect(click.pointerType == PointerType.touch.rawValue)
    }

    @Test func discriminantMayComeLast() throws {
        let json = #"{"timestamp":5,"data":{"id":3,"text":"hi","isChecked":false,"source":5},"type":3}"#
        let event = try Event(json: json)
        guard case .incrementalSnapshot(.input(let input)) = event.body else {
            Issue.record("expected an input event, got \(event.body)")
            return
        }
        #expect(input.id == 3)
        #expect(input.text == "hi")
        #expect(event.timestamp == 5)
    }

    @Test func unknownKeysRoundTripButStayApart() throws {
        let json = #"{"type":4,"data":{"href":"https://a.test/","width":1,"height":2,"extra":[1]},"timestamp":1,"v":"v1"}"#
        let event = try Event(json: json)
        #expect(event.unknownKeys["v"] == .string("v1"))
        guard case .meta(let meta) = event.body else {
            Issue.record("expected meta")
            return
        }
        #expect(meta.unknownKeys["extra"] == .array([.int(1)]))
        let again = try Event(json: event.jsonBytes)
        #expect(again == event)
    }

    @Test func wireframeDialectDecodes() throws {
        let full = #"{"type":2,"data":{"wireframes":[{"id":10000001,"x":0,"y":0,"width":390,"height":844,"type":"text","text":"Hello","childWireframes":[{"id":10000002,"width":10,"height":10,"type":"input","inputType":"password","value":"secret"}]}],"initialOffset":{"top":0,"left":0}},"timestamp":2}"#
        let event = try Event(json: full)
        guard case .fullSnapshot(let snapshot) = event.body, case .wireframes(let wireframes) = snapshot.content else {
            Issue.record("expected wireframes")
            return
        }
        #expect(wireframes.first?.childWireframes?.first?.inputType == "password")
        #expect(try Event(json: event.jsonBytes) == event)

        let mutation = #"{"type":3,"data":{"source":0,"adds":[{"parentId":10000001,"wireframe":{"id":10000003,"type":"text","text":"x"}}],"removes":[{"parentId":10000001,"id":10000002}]},"timestamp":3}"#
        let decoded = try Event(json: mutation)
        guard case .incrementalSnapshot(.wireframeMutation(let m)) = decoded.body else {
            Issue.record("expected a wireframe mutation, got \(decoded.body)")
            return
        }
        #expect(m.adds?.first?.wireframe.id == 10_000_003)
        #expect(m.removes?.first?.id == 10_000_002)
        #expect(try Event(json: decoded.jsonBytes) == decoded)
    }

    @Test func assetAndUnknownKindsDecode() throws {
        let asset = try Event(json: #"{"type":7,"data":{"url":"blob:x","payload":{"rr_type":"Blob"}},"timestamp":1}"#)
        #expect(asset.typeNumber == 7)
        let unknownType = try Event(json: #"{"type":42,"data":[1,2],"timestamp":1}"#)
        #expect(unknownType.body == .unknown(type: 42, data: .array([.int(1), .int(2)])))
        let unknownSource = try Event(json: #"{"type":3,"data":{"source":99,"z":true},"timestamp":1}"#)
        #expect(unknownSource.body == .incrementalSnapshot(.unknown(source: 99, fields: ["z": .bool(true)])))
    }
}

@Suite struct AuditCountersTests {
    @Test func subtractingGivesWhatWasAdded() {
        var earlier = AuditCounters()
        earlier.mask("rule:a", 2)
        earlier.drop("plugin")
        var now = earlier
        now.mask("rule:a", 3)
        now.detect("EMAIL")
        let delta = now.subtracting(earlier)
        #expect(delta.masked == ["rule:a": 3])
        #expect(delta.detected == ["EMAIL": 1])
        #expect(delta.dropped.isEmpty)
        var merged = earlier
        merged.merge(delta)
        #expect(merged == now)
    }
}
