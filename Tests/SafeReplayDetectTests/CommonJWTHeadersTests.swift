import Testing
@testable import SafeReplayDetect

/// The common-header shortcut must answer what decoding and the JSON check answer.
@Suite struct CommonJWTHeadersTests {
    /// Each header in the table, decoded and checked the long way, is a signed token's.
    @Test func everyHeaderInTheTablePassesTheFullCheck() {
        #expect(CommonJWTHeaders.keys.count == 2 * CommonJWTHeaders.algorithms.count)
        for json in CommonJWTHeaders.headers {
            let encoded = Base64URL.encode(Array(json.utf8))
            #expect(encoded.count == CommonJWTHeaders.length)
            let algorithm = encoded.withUnsafeBufferPointer { p in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count) { buffer in
                    Base64URL.decode(p.baseAddress!, p.count, into: buffer).flatMap {
                        JSONHeaderProbe.algorithm(in: UnsafeBufferPointer(rebasing: buffer[0..<$0]))
                    }
                }
            }
            #expect(algorithm == .signed, "\(json)")
            #expect(encoded.withUnsafeBufferPointer { CommonJWTHeaders.contains($0.baseAddress!) })
        }
    }

    /// The full check: the header decoded, then probed as JSON.
    static func fullCheck(_ encoded: [UInt8]) -> JSONHeaderProbe.Algorithm? {
        encoded.withUnsafeBufferPointer { p in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count) { buffer in
                Base64URL.decode(p.baseAddress!, p.count, into: buffer).flatMap {
                    JSONHeaderProbe.algorithm(in: UnsafeBufferPointer(rebasing: buffer[0..<$0]))
                }
            }
        }
    }

    /// A header with a key id is taken by the shortcut only where the full check reads it as
    /// a signed token's; plain key ids (letters, digits, `-` `_`) always are.
    @Test func keyIDHeadersAgreeWithTheFullCheck() {
        var generator = SystemRandomNumberGenerator()
        // Quotes, backslashes, a control byte, a space and a two-byte letter among the plain ones.
        let alphabet = Array("abcXYZ0189-_".utf8) + [0x22, 0x5C, 0x01, 0x20, 0xC3, 0xA9, 0x7D, 0x3A]
        var taken = 0
        for _ in 0..<4_000 {
            let json = CommonJWTHeaders.headers.randomElement(using: &generator)!
            let plain = Bool.random(using: &generator)
            let kid = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
                plain ? alphabet[Int.random(in: 0..<12, using: &generator)] : alphabet.randomElement(using: &generator)!
            }
            let header = Array(json.utf8.dropLast()) + Array(",\"kid\":\"".utf8) + kid + Array("\"}".utf8)
            let encoded = Base64URL.encode(header)
            let shortcut = encoded.withUnsafeBufferPointer {
                CommonJWTHeaders.containsWithKeyID($0.baseAddress!, $0.count)
            }
            if shortcut {
                taken += 1
                #expect(Self.fullCheck(encoded) == .signed, "\(header)")
            }
            if plain, kid.count <= CommonJWTHeaders.maxKeyIDBytes { #expect(shortcut, "\(header)") }
        }
        #expect(taken > 1_000)
        // And in a token: found whole, as a JWT.
        let header = String(decoding: Base64URL.encode(Array("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1-A_9\"}".utf8)),
                            as: UTF8.self)
        #expect(found("t \(header).eyJzdWIiOiIxIn0.c2lnbmF0dXJl end") == [Found(.jwt, "\(header).eyJzdWIiOiIxIn0.c2lnbmF0dXJl")])
    }

    @Test func encodingMatchesKnownTokens() {
        // {"alg":"HS256","typ":"JWT"} as jwt.io shows it.
        #expect(String(decoding: Base64URL.encode(Array("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".utf8)), as: UTF8.self)
            == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")
        #expect(String(decoding: Base64URL.encode(Array("ab".utf8)), as: UTF8.self) == "YWI")
    }

    @Test func aHeaderOneCharacterOffIsNotInTheTable() {
        for header in ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ8", "fyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
                       "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVcJ9"] {
            #expect(!Array(header.utf8).withUnsafeBufferPointer { CommonJWTHeaders.contains($0.baseAddress!) })
        }
    }

    /// The shortcut still needs a signature: `alg` is not `none`.
    @Test func aCommonHeaderWithAnEmptySignatureIsNotAJWT() {
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        #expect(found("t \(header).eyJzdWIiOiIxIn0. end").filter { $0.type == .jwt }.isEmpty)
        #expect(found("t \(header).eyJzdWIiOiIxIn0.c2lnbmF0dXJl end") == [Found(.jwt, "\(header).eyJzdWIiOiIxIn0.c2lnbmF0dXJl")])
        // typ first, EdDSA.
        let eddsa = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9"
        #expect(found("t \(eddsa).eyJzdWIiOiIxIn0.c2lnbmF0dXJl end") == [Found(.jwt, "\(eddsa).eyJzdWIiOiIxIn0.c2lnbmF0dXJl")])
        // A fourth segment: not a JWT, whatever the header.
        #expect(found("t \(header).eyJzdWIiOiIxIn0.c2ln.ZXh0cmE end").filter { $0.type == .jwt }.isEmpty)
    }
}
