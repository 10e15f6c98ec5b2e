/// JWT: three base64url segments (`header.payload.signature`) whose header decodes to a
/// JSON object with an `alg` member. The signature may be empty only for `"alg":"none"`
/// tokens, which still carry claims.
extension PIIScan {
    /// Headers longer than this are not decoded (a certificate chain in `x5c` can be long,
    /// but not this long); such tokens are not reported as JWTs.
    static let maxHeaderBytes = 8192

    /// `eyJ` (`{"`) or `eyA` (`{ `, a header written with a space after the brace): how
    /// every JSON object header starts in base64url.
    @inline(__always) func isJWTStart(_ start: Int) -> Bool {
        at(start) == UInt8(ascii: "e") && at(start + 1) == UInt8(ascii: "y")
            && (at(start + 2) == UInt8(ascii: "J") || at(start + 2) == UInt8(ascii: "A"))
    }

    mutating func jwt(from start: Int) -> Int? {
        guard !isBase64URL(at(start - 1)), at(start - 1) != 0x2E else { return nil }
        var i = start
        var segmentEnds = (0, 0, 0)
        for segment in 0..<3 {
            let s = i
            i = longWordEnd(from: i)
            let length = i - s
            // Some encoders keep base64's `=` padding (`…In0=.`): it belongs to the segment.
            let padded = paddingEnd(after: i, length: length)
            switch segment {
            case 0:
                guard length >= 10, length <= Self.maxHeaderBytes, at(padded) == 0x2E else { return nil }
                segmentEnds.0 = i
                i = padded + 1
            case 1:
                guard length >= 2, at(padded) == 0x2E else { return nil }
                segmentEnds.1 = padded
                i = padded + 1
            default:
                segmentEnds.2 = padded
            }
        }
        let end = segmentEnds.2
        // A fourth segment makes it a JWE or something else; `.` then a letter is a sentence.
        if at(end) == 0x2E, isBase64URL(at(end + 1)) { return nil }
        let headerLength = segmentEnds.0 - start
        let decoded = headerLength == CommonJWTHeaders.length && CommonJWTHeaders.contains(base + start)
            || headerLength > CommonJWTHeaders.length && CommonJWTHeaders.containsWithKeyID(base + start, headerLength)
            ? .signed
            : withUnsafeTemporaryAllocation(of: UInt8.self, capacity: headerLength) { buffer in
                Base64URL.decode(base + start, headerLength, into: buffer).flatMap { count in
                    JSONHeaderProbe.algorithm(in: UnsafeBufferPointer(rebasing: buffer[0..<count]))
                }
            }
        guard let alg = decoded else { return nil }
        if end == segmentEnds.1 + 1, alg != .none { return nil }
        report(start, end, .jwt, .jwt)
        return end
    }

    /// Where base64 `=` padding after a segment of `length` characters ending at `end` stops:
    /// exactly the one or two `=` that complete a multiple of four, or none.
    func paddingEnd(after end: Int, length: Int) -> Int {
        let missing = (4 - length % 4) % 4
        guard missing == 1 || missing == 2 else { return end }
        for k in 0..<missing where at(end + k) != 0x3D { return end }
        return at(end + missing) == 0x3D ? end : end + missing
    }
}

/// base64url without padding (RFC 4648 §5), as JWT segments use it.
enum Base64URL {
    /// Decodes `count` characters at `p` into `out` (which holds at least `count` bytes);
    /// returns the decoded length, or `nil` for a character outside the alphabet.
    static func decode(_ p: UnsafePointer<UInt8>, _ count: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard count % 4 != 1 else { return nil }
        let values = Self.values
        var written = 0
        var k = 0
        // Four characters (24 bits) to three bytes; 0xFF marks a byte outside the alphabet.
        while k + 4 <= count {
            let a = values[Int(p[k])], b = values[Int(p[k + 1])], c = values[Int(p[k + 2])], d = values[Int(p[k + 3])]
            guard a | b | c | d < 64 else { return nil }
            let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out[written] = UInt8(truncatingIfNeeded: v >> 16)
            out[written + 1] = UInt8(truncatingIfNeeded: v >> 8)
            out[written + 2] = UInt8(truncatingIfNeeded: v)
            written += 3
            k += 4
        }
        // Two or three characters left: one or two bytes, the leftover low bits dropped.
        let left = count - k
        if left >= 2 {
            let a = values[Int(p[k])], b = values[Int(p[k + 1])], c = left == 3 ? values[Int(p[k + 2])] : 0
            guard a | b | c < 64 else { return nil }
            let bits = 6 * left
            var v = UInt32(a) << 6 | UInt32(b)
            if left == 3 { v = v << 6 | UInt32(c) }
            out[written] = UInt8(truncatingIfNeeded: v >> (bits - 8))
            written += 1
            if left == 3 {
                out[written] = UInt8(truncatingIfNeeded: v >> (bits - 16))
                written += 1
            }
        }
        return written
    }

    /// Each byte's 6-bit value, 0xFF outside the alphabet. Written once before first use.
    nonisolated(unsafe) static let values: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0xFF, count: 256)
        for (k, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8.enumerated() {
            t[Int(c)] = UInt8(k)
        }
        return UnsafePointer(t)
    }()
}
