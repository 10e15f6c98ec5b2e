import SafeReplayModel
import Testing

/// The writer's word-at-a-time keys and counted digits, and the scanner's eight-digit
/// timestamps, against the plain text they must produce or read.
@Suite struct WriterWordTests {
    static func written(_ body: (JSONWriter) -> Void) -> String {
        let w = JSONWriter(capacity: 16)
        body(w)
        return w.string
    }

    /// Every digit count, both signs and the ends of Int64 read as `String(value)` does.
    @Test func integersOfEveryLength() {
        var values: [Int64] = [0, 9, 10, -1, -9, -10, Int64.min, Int64.max, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power]
        }
        for value in values {
            #expect(Self.written { $0.int64(value) } == String(value))
            #expect(Self.written { w in w.beginArray(); w.int64(1); w.int64(value); w.endArray() } == "[1,\(value)]")
        }
    }

    /// Pre-encoded values of every length around the small-copy path's bounds (16 to 64
    /// bytes, copied by overlapping moves) land whole, in order, from a writer that had to
    /// grow for them.
    @Test func rawValuesOfEveryLength() {
        for n in 0...80 {
            let letters = String((0..<max(n, 2) - 2).map { i -> Character in Character(UnicodeScalar(UInt8(97 + i % 26))) })
            let value = Array(("\"" + letters + "\"").utf8)
            let expected = "[1," + String(decoding: value, as: UTF8.self) + ",2]"
            #expect(Self.written { w in
                w.beginArray()
                w.int64(1)
                value.withUnsafeBufferPointer { w.raw($0) }
                w.int64(2)
                w.endArray()
            } == expected, "\(n) bytes")
        }
    }

    /// Integral doubles are written as integers (negative zero as `0`), others as Swift
    /// describes them, non-finite ones as `null`.
    @Test func doubles() {
        #expect(Self.written { $0.double(-0.0) } == "0")
        #expect(Self.written { $0.double(-42) } == "-42")
        #expect(Self.written { $0.double(8_999_999_999_999_999) } == "8999999999999999")
        #expect(Self.written { $0.double(9e15) } == (9e15 as Double).description)
        #expect(Self.written { $0.double(123_456_789_012) } == "123456789012")
        #expect(Self.written { $0.double(0.5) } == "0.5")
        #expect(Self.written { $0.double(-3.75) } == "-3.75")
        #expect(Self.written { $0.double(.nan) } == "null")
        #expect(Self.written { $0.double(-.infinity) } == "null")
    }

    /// A pointer position, on its one-reserve path (integral coordinates of every length,
    /// the ends of the id) and its fallback (a fraction, NaN, 9e15), writes what the
    /// element-by-element calls write, first in an array and after another element.
    @Test func pointerPositions() {
        let coordinates: [Double] = [0, -0.0, 7, -25, 1279, 123_456_789_012, 8_999_999_999_999_999, -8_999_999_999_999_999, 9e15, 0.5, -3.75, .nan, .infinity]
        let ids = [0, 1, 42, Int.max, Int.min]
        func slow(_ w: JSONWriter, _ x: Double, _ y: Double, _ id: Int, _ t: Double) {
            w.beginObject()
            w.key("x")
            w.double(x)
            w.key("y")
            w.double(y)
            w.key("id")
            w.int(id)
            w.key("timeOffset")
            w.double(t)
            w.endObject()
        }
        for (i, x) in coordinates.enumerated() {
            let y = coordinates[(i + 3) % coordinates.count]
            let t = coordinates[(i + 5) % coordinates.count]
            let id = ids[i % ids.count]
            let fast = Self.written { w in
                w.beginArray()
                w.pointerPosition(x: x, y: y, id: id, timeOffset: t)
                w.pointerPosition(x: 1, y: 2, id: 3, timeOffset: -4)
                w.endArray()
            }
            let expected = Self.written { w in w.beginArray(); slow(w, x, y, id, t); slow(w, 1, 2, 3, -4); w.endArray() }
            #expect(fast == expected)
        }
        #expect(Self.written { $0.pointerPosition(x: 12, y: -0.0, id: 5, timeOffset: -125) } == #"{"x":12,"y":0,"id":5,"timeOffset":-125}"#)
    }

    /// Literal keys of every length up to past the two-word limit, first and after a value.
    @Test func literalKeys() {
        let keys: [StaticString] = [
            "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi",
            "abcdefghij", "abcdefghijk", "abcdefghijkl", "abcdefghijklm", "timeOffsetLonger", "é",
        ]
        for key in keys {
            let name = key.description
            #expect(Self.written { w in w.beginObject(); w.key(key); w.int(1); w.endObject() } == #"{"\#(name)":1}"#)
            #expect(
                Self.written { w in w.beginObject(); w.key("x"); w.int(1); w.key(key); w.int(2); w.endObject() }
                    == #"{"x":1,"\#(name)":2}"#)
        }
    }

    /// Timestamps of 1 to 16 digits, and numbers whose eight-byte window holds a non-digit,
    /// read as their value (a fraction rounded down).
    @Test func timestamps() throws {
        var stamps: [Int64] = [0, 7]
        var power: Int64 = 1
        for _ in 0..<17 {
            power *= 10
            stamps += [power, power * 9 + 12_345 % power]
        }
        // Timestamps are kept below 9e15 (what a Double holds exactly); past that an error.
        stamps = stamps.filter { $0 < 9_000_000_000_000_000 } + [8_999_999_999_999_999]
        #expect(stamps.contains { $0 >= 1_000_000_000_000_000 })
        #expect(throws: JSONError.self) {
            try Event(json: #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":0},"timestamp":9000000000000000}"#)
        }
        for stamp in stamps {
            let event = try Event(json: #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":0},"timestamp":\#(stamp)}"#)
            #expect(event.timestamp == stamp)
        }
        let fractional = try Event(json: #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":0},"timestamp":1234567.5}"#)
        #expect(fractional.timestamp == 1_234_567)
        let exponent = try Event(json: #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":0},"timestamp":12345678e2}"#)
        #expect(exponent.timestamp == 1_234_567_800)
    }

    /// A positions event written piece by piece (begin, each position, end) is the event
    /// `encodeEvent` writes for the same positions, for every pointer source and count.
    @Test func positionsEventWrittenInPiecesIsTheEncodedEvent() {
        let all = [
            PointerPosition(x: 1, y: 2, id: 7, timeOffset: -100), PointerPosition(x: -0.5, y: 1e20, id: 12_345, timeOffset: 0),
            PointerPosition(x: .nan, y: 3, id: 0, timeOffset: 16.25),
        ]
        for source in [IncrementalSource.mouseMove, .touchMove, .drag] {
            for count in 0...all.count {
                let positions = Array(all.prefix(count))
                let pieces = Self.written { w in
                    var w = w
                    IncrementalData.beginPositionsEvent(source: source, into: &w)
                    for p in positions { w.pointerPosition(x: p.x, y: p.y, id: p.id, timeOffset: p.timeOffset) }
                    IncrementalData.endPositionsEvent(timestamp: 1_700_000_000_123, into: &w)
                }
                let whole = Self.written { w in
                    var w = w
                    IncrementalData.pointerPositions(source, PointerPositionsData(positions: positions))
                        .encodeEvent(timestamp: 1_700_000_000_123, into: &w)
                }
                #expect(pieces == whole, "\(source) \(count)")
                #expect(pieces.hasPrefix(#"{"type":3,"data":{"source":\#(source.rawValue),"positions":["#))
            }
        }
    }
}
