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
