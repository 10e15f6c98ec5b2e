/// The JWT headers nearly every library writes, `{"alg":"HS256","typ":"JWT"}` and the same
/// with `typ` first, for the registered signing algorithms, as base64url. A header spelled
/// exactly so is a signed token's: decoding it and checking its JSON (over half of a JWT's
/// cost, and three in five of pii-dev's JWTs carry one of these) would say the same. Any
/// other header takes the full check.
enum CommonJWTHeaders {
    /// Every header here is 27 bytes of JSON, 36 characters of base64url.
    static let length = 36

    /// One header's 36 characters as words (loaded as the scan loads them: unaligned, little-endian).
    struct Key: Equatable {
        var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64
        var tail: UInt32

        init(_ p: UnsafeRawPointer) {
            w0 = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            w2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            w3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            tail = p.loadUnaligned(fromByteOffset: 32, as: UInt32.self)
        }
    }

    static let algorithms = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
                             "PS256", "PS384", "PS512", "EdDSA"]

    /// The headers' JSON, both member orders.
    static var headers: [String] {
        algorithms.flatMap { ["{\"alg\":\"\($0)\",\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":\"\($0)\"}"] }
    }

    /// Built once from ``headers``.
    static let keys: [Key] = headers.map { json in
        let encoded = Base64URL.encode(Array(json.utf8))
        precondition(encoded.count == length)
        return encoded.withUnsafeBytes { Key($0.baseAddress!) }
    }

    /// Whether the ``length`` bytes at `p` are one of the headers.
    @inline(__always) static func contains(_ p: UnsafePointer<UInt8>) -> Bool {
        keys.contains(Key(UnsafeRawPointer(p)))
    }

    /// The headers with a key id added last, `{"alg":"HS256","typ":"JWT","kid":"…"}` (a third
    /// of pii-dev's JWTs, each decoded and probed in full before): their first 27 bytes of
    /// JSON, up to the comma, as base64url. 27 bytes are nine whole groups of three, so the
    /// rest of the header encodes on its own.
    static let keyIDKeys: [Key] = headers.map { json in
        let encoded = Base64URL.encode(Array(json.utf8.dropLast()) + [UInt8(ascii: ",")])
        precondition(encoded.count == length)
        return encoded.withUnsafeBytes { Key($0.baseAddress!) }
    }

    /// Longest key id read here; a longer one takes the full check.
    static let maxKeyIDBytes = 64

    /// Whether the `count` characters at `p` are one of the headers with a `kid` string added
    /// last whose value holds no quote, backslash or control byte: JSON that
    /// ``JSONHeaderProbe`` reads as a signed token's header. Any other spelling (spaces,
    /// escapes, more members) is left to the full check.
    static func containsWithKeyID(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        // `"kid":"` (7 bytes), the value, `"}` (2): 12 characters after the prefix or more, and
        // n bytes take (4n + 2) / 3.
        let rest = count - length
        guard rest >= 12, rest <= ((maxKeyIDBytes + 9) * 4 + 2) / 3, keyIDKeys.contains(Key(UnsafeRawPointer(p))) else {
            return false
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rest) { buffer in
            guard let n = Base64URL.decode(p + length, rest, into: buffer), n >= 9 else { return false }
            let opening: StaticString = "\"kid\":\""
            for k in 0..<7 where buffer[k] != opening.utf8Start[k] { return false }
            guard buffer[n - 2] == 0x22, buffer[n - 1] == 0x7D else { return false }
            for k in 7..<(n - 2) where buffer[k] < 0x20 || buffer[k] == 0x22 || buffer[k] == 0x5C { return false }
            return true
        }
    }
}

extension Base64URL {
    /// `bytes` as base64url without padding: what ``CommonJWTHeaders`` compares against.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var k = 0
        while k < bytes.count {
            let chunk = bytes[k..<min(k + 3, bytes.count)]
            var v: UInt32 = 0
            for byte in chunk { v = v << 8 | UInt32(byte) }
            v <<= UInt32(8 * (3 - chunk.count))
            for c in 0...chunk.count { out.append(alphabet[Int(v >> UInt32(18 - 6 * c)) & 63]) }
            k += 3
        }
        return out
    }
}
