import Foundation
import SafeReplayModel
import Testing

/// `Event.decodePointerMove(_:into:)` takes only pointer events the full decoder reads to
/// the same event, and leaves every other spelling (and every error) to it.
@Suite struct PointerMoveDecodingTests {
    /// The pointer event the fast decoder reads from `json`, as the full decoder would
    /// build it; `nil` when it declines. A buffer of `capacity` positions.
    static func fastEvent(_ json: String, capacity: Int = 8) -> Event? {
        let bytes = Array(json.utf8)
        let buffer = UnsafeMutableBufferPointer<PointerPosition>.allocate(capacity: capacity)
        let texts = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: capacity)
        defer {
            buffer.deallocate()
            texts.deallocate()
        }
        let move = bytes.withUnsafeBytes { Event.decodePointerMove($0, into: buffer, texts: texts) }
        guard let move else { return nil }
        let positions = Array(buffer[..<move.count])
        return Event(timestamp: move.timestamp, body: .incrementalSnapshot(.pointerPositions(move.source, PointerPositionsData(positions: positions))))
    }

    static let position = #"{"x":332,"y":-671,"id":119,"timeOffset":-40}"#

    @Test(arguments: [
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":1795926641359}"#,
        #"{"type":3,"data":{"source":6,"positions":[P,P,P]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":12,"positions":[]},"timestamp":0}"#,
        // Positions in another spelling go through the general position reader.
        #"{"type":3,"data":{"source":1,"positions":[{"x":1.5,"y":2e1,"id":3,"timeOffset":-0}]},"timestamp":5}"#,
        #"{"type":3,"data":{"source":1,"positions":[{"id":3,"x":1,"y":2,"timeOffset":0,"z":1}]},"timestamp":5}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":1}   "#,
    ])
    func readsWhatTheFullDecoderReads(_ template: String) throws {
        let json = template.replacingOccurrences(of: "P", with: Self.position)
        let fast = try #require(Self.fastEvent(json))
        #expect(fast == (try Event(json: json)))
    }

    @Test(arguments: [
        // Other events and sources.
        #"{"type":3,"data":{"source":2,"type":1,"id":5,"x":1,"y":2},"timestamp":1}"#,
        #"{"type":3,"data":{"source":3,"id":1,"x":0,"y":5},"timestamp":1}"#,
        // Other spellings of a pointer event: another key order, more keys, whitespace,
        // a timestamp that is null, fractional or absent.
        #"{"data":{"source":1,"positions":[P]},"type":3,"timestamp":1}"#,
        #"{"type":3,"data":{"positions":[P],"source":1},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[P],"extra":1},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":1,"delay":2}"#,
        #"{ "type":3,"data":{"source":1,"positions":[P]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":null}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":1.5}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]}}"#,
        // More positions than the buffer holds.
        #"{"type":3,"data":{"source":1,"positions":[P,P,P,P,P,P,P,P,P]},"timestamp":1}"#,
    ])
    func leavesOtherEventsToTheFullDecoder(_ template: String) throws {
        let json = template.replacingOccurrences(of: "P", with: Self.position)
        #expect(Self.fastEvent(json) == nil)
        _ = try Event(json: json)
    }

    /// Sources of one digit in rrweb's own spelling are answered before the scanner runs
    /// (`Event.isOtherIncrementalSource`): only 1 (mouse move) and 6 (touch move) may be
    /// read, whatever the payload, and both still are.
    @Test(arguments: 0...9)
    func answersOneDigitSourcesByTheirNumber(_ source: Int) throws {
        let json = #"{"type":3,"data":{"source":\#(source),"positions":[\#(Self.position)]},"timestamp":7}"#
        let fast = Self.fastEvent(json)
        if source == 1 || source == 6 {
            #expect(fast == (try Event(json: json)))
        } else {
            #expect(fast == nil)
        }
    }

    @Test(arguments: [
        // Positions under another type or source.
        #"{"type":2,"data":{"source":1,"positions":[P]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":3,"positions":[P]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":1}x"#,
        #"{"type":3,"data":{"source":1,"positions":[P,]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[{"x":1,"y":2,"id":3,"timeOffset":}]},"timestamp":1}"#,
        #"{"type":3,"data":{"source":1,"positions":[P]},"timestamp":9000000000000000}"#,
        #"{"type":3,"data":{"source":1,"positions":[P"#,
    ])
    func leavesErrorsToTheFullDecoder(_ template: String) {
        let json = template.replacingOccurrences(of: "P", with: Self.position)
        #expect(Self.fastEvent(json) == nil)
        #expect(throws: JSONError.self) { try Event(json: json) }
    }

    /// A position's text is handed out only when it is byte for byte what the writer
    /// writes for the position read: the compact shape of plain integers without `-0`.
    @Test func textsAreWhatTheWriterWrites() throws {
        let json = #"{"type":3,"data":{"source":1,"positions":[{"x":332,"y":-671,"id":119,"timeOffset":-40},"#
            + #"{"x":-0,"y":1,"id":2,"timeOffset":0},{"x":1,"y":2,"id":3,"timeOffset":-0},{"x":1.5,"y":1,"id":2,"timeOffset":0},"#
            + #"{"x":123456789012,"y":1,"id":2,"timeOffset":-3},{"id":2,"x":1,"y":1,"timeOffset":0},{"x":7,"y":8,"id":9,"timeOffset":0}]},"timestamp":1}"#
        let bytes = Array(json.utf8)
        let buffer = UnsafeMutableBufferPointer<PointerPosition>.allocate(capacity: 8)
        let texts = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: 8)
        defer {
            buffer.deallocate()
            texts.deallocate()
        }
        try bytes.withUnsafeBytes { raw in
            let move = try #require(Event.decodePointerMove(raw, into: buffer, texts: texts))
            #expect(move.count == 7)
            #expect((0..<move.count).map { texts[$0].count > 0 } == [true, false, false, false, true, false, true])
            for i in 0..<move.count where texts[i].count > 0 {
                let p = buffer[i]
                let w = JSONWriter()
                w.pointerPosition(x: p.x, y: p.y, id: p.id, timeOffset: p.timeOffset)
                #expect(Array(texts[i]) == w.bytes)
            }
        }
    }
}
