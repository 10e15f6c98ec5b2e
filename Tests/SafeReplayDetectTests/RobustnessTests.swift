import Testing
import SafeReplayDetect

@Suite struct RobustnessTests {
    @Test func emptyAndTinyInputs() {
        for text in ["", " ", "@", "+", "(", ":", "::", "e", "eyJ", "4", "+1", "a@", "@b.c"] {
            #expect(detector.detect(text).isEmpty)
            #expect(!detector.containsPII(text))
        }
    }

    @Test func triggersAtTheVeryEndOfTheInput() {
        for text in ["call +44", "x (0", "mail me@", "Bearer", "api_key=", "IBAN DE89", "eyJhbGciOiJIUzI1NiJ9.", "2001:db8:"] {
            _ = detector.detect(text)
            _ = detector.detect(text + "é")
        }
    }

    @Test func largeInputsAreScannedWhole() {
        let filler = String(repeating: "lorem ipsum dolor sit amet 12:30 v1.2.3 ", count: 25_000)
        let text = filler + "ana@example.org" + filler
        let spans = detector.detect(text)
        #expect(spans.map(\.type) == [.email])
        #expect(spans.first?.start == filler.unicodeScalars.count)
    }

    @Test func longRunsOfTriggerCharactersStayLinear() {
        // Pathological for a backtracking matcher; one pass for us.
        let digits = String(repeating: "1 ", count: 50_000)
        let ats = String(repeating: "a@", count: 50_000)
        let colons = String(repeating: "1:", count: 50_000)
        for text in [digits, ats, colons, String(repeating: "eyJ.", count: 20_000)] {
            _ = detector.detect(text)
        }
    }

    @Test func arbitraryScalarsNeverTrap() {
        var generator = SplitMix64(seed: 42)
        let alphabet: [Unicode.Scalar] = Array("0123456789 +-().:@_/=#abcdefXYZ\"'\n".unicodeScalars)
            + ["é", "東", "😀", "\u{301}", "\u{200F}", "ש", "\u{FFFD}", "\u{0}"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 80) {
                text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let string = String(text)
            let spans = detector.detect(string)
            let count = string.unicodeScalars.count
            for span in spans {
                #expect(0 <= span.start && span.start < span.end && span.end <= count)
            }
            #expect(detector.containsPII(string) == !spans.isEmpty)
            _ = Scrubber(style: .preserveLength()).scrub(string)
        }
    }

    @Test func invalidUTF8IsRepairedBeforeItReachesUs() {
        // Swift strings are always valid UTF-8: bytes that are not become U+FFFD.
        let repaired = String(decoding: [0x61, 0xFF, 0x40, 0x62, 0x2E, 0x63, 0x6F, 0xC3], as: UTF8.self)
        #expect(detector.detect(repaired).isEmpty)
    }

    @Test func typeSelectionRunsOnlyTheChosenDetectors() {
        let text = "ana@example.org 4111111111111111 8.8.8.8"
        #expect(PIIDetector(types: [.email]).detect(text).map(\.type) == [.email])
        #expect(PIIDetector(types: [.creditCard, .ipAddress]).detect(text).map(\.type) == [.creditCard, .ipAddress])
        #expect(PIIDetector(types: []).detect(text).isEmpty)
        #expect(!PIIDetector(types: [.jwt]).containsPII(text))
    }
}

@Suite struct LookAlikeTests {
    @Test(arguments: [
        "Order #12345678901 shipped", "Invoice INV-2024-000123 due",  // order and invoice ids
        "price $1,299.99 total", "price 1.299,99 € total",  // prices
        "date 2024-01-15T10:30:00Z", "12/31/2024 11:59 PM",  // dates
        "ts 1712345678", "at 1712345678 seconds", "at 1712345678901 ms", "created 1700000000000",  // Unix timestamps
        "uuid 550e8400-e29b-41d4-a716-446655440000",  // UUID
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",  // git SHA after a digest word
        "color #ff5733 and #FFF",  // hex colours
        "isbn 0-306-40615-2", "ISBN-13: 9780306406157", "ISBN 9781234567897",  // ISBN-10/13
        "EAN 4006381333931", "barcode 5901234123457", "ean13: 4006381333931",  // EAN-13, Luhn-valid too
        "UPS 1Z999AA10123456784", "USPS 9400 1000 0000 0000 0000 00", "FedEx 7489 1234 5678",  // parcels
        "tracking 123456789012",
        "version 2.14.3", "10.0.19041.1234", "Version 10.0.0.1", "v1.2.3.4",  // versions
        "port 8080", "localhost:3000",  // ports
        "zip 94103 and 94103-1234",  // zip codes
        "digits 1234567890123456", "digits 4111111111111112",  // Luhn-failing runs
    ])
    func lookAlikesAreNotFlagged(_ text: String) {
        #expect(found(text).isEmpty)
    }
}

/// A tiny deterministic generator, so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
