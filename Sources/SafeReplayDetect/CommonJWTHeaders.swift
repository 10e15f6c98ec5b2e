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
