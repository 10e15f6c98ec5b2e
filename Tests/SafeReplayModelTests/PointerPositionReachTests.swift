import Foundation
import SafeReplayModel
import Testing

/// The compact position reader loads eight bytes at a time without testing each load's
/// bounds when enough of the input is left (`compactReach`, or `shortCompactReach` for
/// numbers of up to seven digits, which an event's last position usually has). Here every
/// input ends where an unreadable page starts: a load past its end would crash the test.
@Suite struct PointerPositionReachTests {
    /// Two pages, the second unreadable; `body` gets `bytes` copied to end at the first's end.
    static func atPageEnd<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        try #require(bytes.count <= page)
        let mapped = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let base = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(base, 2 * page) }
        try #require(mprotect(base + page, page, PROT_NONE) == 0)
        let start = base + (page - bytes.count)
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return try body(UnsafeRawBufferPointer(start: start, count: bytes.count))
    }

    /// What `decodePointerMove` reads from `bytes`, as the full decoder would build it.
    static func fastEvent(_ bytes: UnsafeRawBufferPointer) -> Event? {
        let buffer = UnsafeMutableBufferPointer<PointerPosition>.allocate(capacity: 8)
        let texts = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: 8)
        defer {
            buffer.deallocate()
            texts.deallocate()
        }
        guard let move = Event.decodePointerMove(bytes, into: buffer, texts: texts) else { return nil }
        let data = PointerPositionsData(positions: Array(buffer[..<move.count]))
        return Event(timestamp: move.timestamp, body: .incrementalSnapshot(.pointerPositions(move.source, data)))
    }

    /// Last positions of every number length the short read takes (one to seven digits,
    /// signed), and of eight and fifteen digits, which it leaves to the checked read.
    static let lastPositions: [String] = {
        let short = ["-1234567", "1234567", "7", "-7", "0", "-0"]
        let long = ["12345678", "-12345678", "123456789012345"]
        var out: [String] = []
        for v in short + long {
            for field in 0..<4 {
                var values = ["-1234567", "-1234567", "1234567", "-1234567"]
                values[field] = field == 2 ? v.replacingOccurrences(of: "-", with: "") : v
                out.append(#"{"x":\#(values[0]),"y":\#(values[1]),"id":\#(values[2]),"timeOffset":\#(values[3])}"#)
            }
        }
        return out
    }()

    @Test(arguments: lastPositions)
    func lastPositionReadsAsTheFullDecoderReadsIt(_ position: String) throws {
        for timestamp in ["1", "1795926641359"] {
            let json = #"{"type":3,"data":{"source":1,"positions":[{"x":1,"y":2,"id":3,"timeOffset":4},\#(position)]},"timestamp":\#(timestamp)}"#
            let expected = try Event(json: json)
            let bytes = Array(json.utf8)
            #expect(try Self.atPageEnd(bytes) { Self.fastEvent($0) } == expected)
            #expect(try Self.atPageEnd(bytes) { try Event(json: $0) } == expected)
        }
    }

    /// Every cut of such an event: the readers refuse it without reading past its end.
    @Test(arguments: lastPositions)
    func cutEventsAreRefusedWithinTheirBytes(_ position: String) throws {
        let json = #"{"type":3,"data":{"source":1,"positions":[\#(position)]},"timestamp":1}"#
        let bytes = Array(json.utf8)
        for n in 0..<bytes.count {
            let cut = Array(bytes[..<n])
            #expect(try Self.atPageEnd(cut) { Self.fastEvent($0) } == nil)
            #expect(throws: JSONError.self) { try Self.atPageEnd(cut) { try Event(json: $0) } }
        }
    }
}
