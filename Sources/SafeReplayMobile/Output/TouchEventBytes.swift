import SafeReplayModel

/// The events a touch produces, formatted straight into the event's own byte array.
///
/// They are the `sr_touch` hot path: going through `JSONWriter` (a call per key and per
/// number, then a copy out of its buffer) cost more than everything else a touch does.
/// The bytes are exactly what `Event.encode` writes for the same event. Coordinates are
/// whole points or dp, as the PostHog SDKs send them (a finger has no sub-point
/// precision); recognition works on the exact values.
enum TouchEventBytes {
    /// `{"type":3,"data":{"source":2,"type":T,"id":0,"x":X,"y":Y,"pointerType":2},"timestamp":t}`
    static func interaction(_ type: MouseInteractionType, x: Double, y: Double, timestamp: Int64) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 128) { buffer, count in
            var i = 0
            put(#"{"type":3,"data":{"source":2,"type":"#, buffer, &i)
            put(Int64(type.rawValue), buffer, &i)
            put(#","id":0,"x":"#, buffer, &i)
            put(coordinate(x), buffer, &i)
            put(#","y":"#, buffer, &i)
            put(coordinate(y), buffer, &i)
            put(#","pointerType":2},"timestamp":"#, buffer, &i)
            put(timestamp, buffer, &i)
            put("}", buffer, &i)
            count = i
        }
    }

    /// `{"type":3,"data":{"source":6,"positions":[{"x":X,"y":Y,"id":0,"timeOffset":O},…]},"timestamp":t}`
    /// stamped with the newest position's time, so every offset is ≤ 0.
    static func moves(_ samples: [VelocitySample], timestamp newest: Int64) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 96 + samples.count * maximumPositionBytes) { buffer, count in
            var i = 0
            put(#"{"type":3,"data":{"source":6,"positions":["#, buffer, &i)
            for (n, p) in samples.enumerated() {
                put(n == 0 ? #"{"x":"# : #",{"x":"#, buffer, &i)
                put(coordinate(p.x), buffer, &i)
                put(#","y":"#, buffer, &i)
                put(coordinate(p.y), buffer, &i)
                put(#","id":0,"timeOffset":"#, buffer, &i)
                put(p.time - newest, buffer, &i)
                put("}", buffer, &i)
            }
            put(#"]},"timestamp":"#, buffer, &i)
            put(newest, buffer, &i)
            put("}", buffer, &i)
            count = i
        }
    }

    /// `{"type":5,"data":{"tag":"gesture","payload":{"kind":K,"x":X,"y":Y,…,"screen":S}},"timestamp":t}`;
    /// `screen` is the template already written as a JSON string.
    static func gesture(_ g: Gesture, screen: [UInt8], timestamp: Int64) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 256 + screen.count) { buffer, count in
            var i = 0
            put(#"{"type":5,"data":{"tag":"gesture","payload":{"kind":""#, buffer, &i)
            put(g.kind.name, buffer, &i)
            put(#"","x":"#, buffer, &i)
            put(coordinate(g.x), buffer, &i)
            put(#","y":"#, buffer, &i)
            put(coordinate(g.y), buffer, &i)
            if let direction = g.direction {
                put(#","direction":""#, buffer, &i)
                put(direction.name, buffer, &i)
                put(#"""#, buffer, &i)
            }
            if let scale = g.scale {
                // Thousandths, written as the decimal they are (1.161, 0.5, 2).
                let thousandths = Int64((scale * 1_000).rounded())
                put(#","scale":"#, buffer, &i)
                put(thousandths / 1_000, buffer, &i)
                var fraction = thousandths % 1_000
                if fraction > 0 {
                    put(".", buffer, &i)
                    var divisor: Int64 = 100
                    while fraction > 0 {
                        buffer[i] = UInt8(truncatingIfNeeded: fraction / divisor) &+ UInt8(ascii: "0")
                        i += 1
                        fraction %= divisor
                        divisor /= 10
                    }
                }
            }
            if let n = g.count {
                put(#","count":"#, buffer, &i)
                put(Int64(n), buffer, &i)
            }
            put(#","screen":"#, buffer, &i)
            screen.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer.baseAddress! + i).copyMemory(from: source.baseAddress!, byteCount: source.count)
            }
            i += screen.count
            put(#"}},"timestamp":"#, buffer, &i)
            put(timestamp, buffer, &i)
            put("}", buffer, &i)
            count = i
        }
    }

    /// `,{"x":` … `}` with three numbers of at most 20 bytes each.
    static let maximumPositionBytes = 40 + 3 * 20

    /// Rounded half away from zero. Touch coordinates are checked to be within ±100,000
    /// before they get here; truncating conversion stays inline where `rounded()` calls libm.
    @inline(__always)
    static func coordinate(_ v: Double) -> Int64 { v >= 0 ? Int64(v + 0.5) : -Int64(-v + 0.5) }

    /// Byte by byte: the literals are a few bytes long, shorter than a call to memmove.
    @inline(__always)
    private static func put(_ literal: StaticString, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ i: inout Int) {
        let n = literal.utf8CodeUnitCount
        let source = literal.utf8Start
        let target = buffer.baseAddress! + i
        for k in 0..<n { target[k] = source[k] }
        i += n
    }

    @inline(__always)
    private static func put(_ value: Int64, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ i: inout Int) {
        var magnitude = value.magnitude
        if value < 0 {
            buffer[i] = UInt8(ascii: "-")
            i += 1
        }
        var digits = 1
        var probe = magnitude / 10
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var j = i + digits
        i = j
        repeat {
            j -= 1
            buffer[j] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
            magnitude /= 10
        } while magnitude > 0
    }
}
