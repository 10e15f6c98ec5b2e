import Testing
import SafeReplayModel
import SafeReplayPolicy
@testable import SafeReplayMobile

/// Event times in tests start here; the sanitizer's clock reads a later time, so no
/// test touch looks like it comes from the future.
let t0: Int64 = 1_700_000_000_000
let clock: Int64 = 1_800_000_000_000

func loadPolicy(_ json: String = #"{"version":1}"#) -> Policy {
    do {
        return try Policy.load(Array(json.utf8))
    } catch {
        fatalError("test policy does not load: \(error)")
    }
}

/// Drives one sanitizer and keeps what it emitted, parsed.
final class Recorder {
    let sanitizer: MobileSanitizer
    private(set) var output: [SanitizedEvent] = []
    private var taken = 0

    init(policy: Policy = loadPolicy()) {
        sanitizer = MobileSanitizer(policy: policy, now: { clock })
    }

    convenience init(_ policyJSON: String) {
        self.init(policy: loadPolicy(policyJSON))
    }

    @discardableResult
    func send(_ json: String) -> [JSONValue] {
        let event: Event
        do {
            event = try Event(json: json)
        } catch {
            Issue.record("test event does not decode: \(error)\n\(json)")
            return []
        }
        return recordRaw(sanitizer.sanitize(event))
    }

    @discardableResult
    func meta(_ screen: String, at t: Int64 = t0, width: Double = 390, height: Double = 844) -> [JSONValue] {
        send(#"{"type":4,"timestamp":\#(t),"data":{"href":\#(quoted(screen)),"width":\#(width),"height":\#(height)}}"#)
    }

    @discardableResult
    func snapshot(_ wireframes: String, at t: Int64 = t0) -> [JSONValue] {
        send(#"{"type":2,"timestamp":\#(t),"data":{"wireframes":\#(wireframes),"initialOffset":{"top":0,"left":0}}}"#)
    }

    @discardableResult
    func mutation(_ fields: String, at t: Int64 = t0) -> [JSONValue] {
        send(#"{"type":3,"timestamp":\#(t),"data":{"source":0,\#(fields)}}"#)
    }

    @discardableResult
    func keyboard(open: Bool, height: Double = 300, at t: Int64 = t0) -> [JSONValue] {
        let payload = open ? #"{"open":true,"height":\#(height)}"# : #"{"open":false}"#
        return send(#"{"type":5,"timestamp":\#(t),"data":{"tag":"keyboard","payload":\#(payload)}}"#)
    }

    @discardableResult
    func touch(_ phase: TouchPhase, _ x: Double, _ y: Double, at t: Int64, pointer: Int = 0) -> [JSONValue] {
        recordRaw(sanitizer.touch(pointerId: pointer, phase: phase, x: x, y: y, timestamp: t))
    }

    /// A tap: down and up at one place.
    @discardableResult
    func tap(_ x: Double, _ y: Double, at t: Int64, holding ms: Int64 = 50, pointer: Int = 0) -> [JSONValue] {
        touch(.down, x, y, at: t, pointer: pointer) + touch(.up, x, y, at: t + ms, pointer: pointer)
    }

    @discardableResult
    func location(_ lat: Double, _ lon: Double, accuracy: Double = 10, at t: Int64) -> [JSONValue] {
        recordRaw(sanitizer.location(latitude: lat, longitude: lon, accuracyMeters: accuracy, timestamp: t))
    }

    @discardableResult
    func flush(at t: Int64) -> [JSONValue] {
        recordRaw(sanitizer.flushPending(now: t))
    }

    func recordRaw(_ events: [SanitizedEvent]) -> [JSONValue] {
        output += events
        return events.map(\.value)
    }

    /// Everything emitted so far, parsed.
    var all: [JSONValue] { output.map(\.value) }

    /// Forgets the output so far (a test's setup).
    func clear() {
        output.removeAll()
        taken = 0
    }

    /// What was emitted since the last call.
    func fresh() -> [JSONValue] {
        defer { taken = output.count }
        return output[taken...].map(\.value)
    }

    /// All output bytes, one event a line.
    var bytes: [UInt8] { output.flatMap { $0.json + [10] } }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    var gestures: [JSONValue] { all.filter { $0.tag == "gesture" }.compactMap(\.payload) }
    var gestureKinds: [String] { gestures.compactMap { $0["kind"]?.stringValue } }
}

func quoted(_ s: String) -> String {
    let w = JSONWriter()
    w.string(s)
    return w.string
}

extension SanitizedEvent {
    var value: JSONValue {
        do {
            return try JSONValue.parse(json)
        } catch {
            fatalError("sanitizer emitted invalid JSON: \(String(decoding: json, as: UTF8.self))")
        }
    }
}

extension JSONValue {
    var type: Int? { self["type"]?.int64Value.map(Int.init) }
    var data: JSONValue? { self["data"] }
    var source: Int? { data?["source"]?.int64Value.map(Int.init) }
    var tag: String? { type == 5 ? data?["tag"]?.stringValue : nil }
    var payload: JSONValue? { data?["payload"] }
    var timestamp: Int64? { self["timestamp"]?.int64Value }
    /// MouseInteraction type (7 start, 9 end, 10 cancel).
    var interaction: Int? { source == 2 ? data?["type"]?.int64Value.map(Int.init) : nil }
    var double: Double? { doubleValue }

    /// The wireframes of a FullSnapshot, flattened depth first.
    var snapshotWireframes: [JSONValue] {
        guard type == 2, let roots = data?["wireframes"]?.arrayValue else { return [] }
        return roots.flatMap(\.flattenedWireframe)
    }

    var flattenedWireframe: [JSONValue] {
        [self] + (self["childWireframes"]?.arrayValue ?? []).flatMap(\.flattenedWireframe)
    }
}
