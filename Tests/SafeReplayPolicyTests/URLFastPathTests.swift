import SafeReplayDetect
@testable import SafeReplayPolicy
import Testing

/// The URL scan's shortcuts must decide exactly what the slow path decides: the all-hex
/// token test against the byte loop, and the detector skip against the detectors themselves.
@Suite struct URLFastPathTests {
    /// A deterministic generator (tests must not depend on the run).
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func pick(_ bytes: [UInt8]) -> UInt8 { bytes[Int(next() % UInt64(bytes.count))] }
    }

    @Test func allHexAgreesWithTheByteLoop() {
        var random = Random(state: 7)
        let hex = Array("0123456789abcdefABCDEF".utf8)
        for _ in 0..<20_000 {
            let count = 8 + Int(random.next() % 40)
            var bytes = (0..<count).map { _ in random.pick(hex) }
            if random.next() % 2 == 0 { bytes[Int(random.next() % UInt64(count))] = UInt8(truncatingIfNeeded: random.next()) }
            let expected = bytes.allSatisfy { ASCII.isHex($0) }
            bytes.withUnsafeBufferPointer { #expect(isAllHex($0) == expected, "\(bytes)") }
        }
    }

    @Test func uuidWordsAgreeWithTheByteLoop() {
        func reference(_ d: [UInt8]) -> Bool {
            guard d.count == 36 else { return false }
            for i in 0..<36 {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    if d[i] != ASCII.minus { return false }
                } else if !ASCII.isHex(d[i]) {
                    return false
                }
            }
            return true
        }
        var random = Random(state: 99)
        let hex = Array("0123456789abcdefABCDEF".utf8)
        for _ in 0..<20_000 {
            var bytes = (0..<36).map { _ in random.pick(hex) }
            for i in [8, 13, 18, 23] { bytes[i] = ASCII.minus }
            // Any byte anywhere, or a dash moved, half the time.
            if random.next() % 2 == 0 { bytes[Int(random.next() % 36)] = UInt8(truncatingIfNeeded: random.next()) }
            if random.next() % 4 == 0 { bytes[Int(random.next() % 36)] = ASCII.minus }
            let expected = reference(bytes)
            bytes.withUnsafeBufferPointer { #expect(SegmentClassifier.isUUID($0) == expected, "\(bytes)") }
        }
    }

    @Test func skippedSegmentsHoldNothingTheDetectorsFind() {
        let detector = PIIDetector()
        var random = Random(state: 2026)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        // Digit-heavy, dotted and dashed text: the shapes of phones, SSNs, addresses, keys.
        let pieces = ["0", "1", "2", "5", "9", "12", "255", "555", "10", ".", ".", "-", "-", "xox", "xoxb-", "sk-",
                      "bearer", "token", "key", "eyj", "no", "de", "v", "ext", "x"].map { Array($0.utf8) }
        var skipped = 0
        for _ in 0..<60_000 {
            var bytes: [UInt8] = []
            let target = 1 + Int(random.next() % 15)
            while bytes.count < target {
                if random.next() % 3 == 0 {
                    bytes.append(random.pick(alphabet))
                } else {
                    bytes += pieces[Int(random.next() % UInt64(pieces.count))]
                }
            }
            bytes = Array(bytes.prefix(15))
            let digits = bytes.filter { ASCII.isDigit($0) }.count
            let skip = bytes.withUnsafeBufferPointer { SegmentClassifier.detectorsCannotFlag($0, digits: digits) }
            guard skip else { continue }
            skipped += 1
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!detector.containsPII(text), "\(text)")
        }
        #expect(skipped > 10_000)
        // The limits themselves.
        for text in ["1.2.3.4", "10.0.0.1", "xoxb-1234-abcde", "555-123-4567", "123-45-6789"] {
            let bytes = Array(text.utf8)
            let digits = bytes.filter { ASCII.isDigit($0) }.count
            #expect(!bytes.withUnsafeBufferPointer { SegmentClassifier.detectorsCannotFlag($0, digits: digits) }, "\(text)")
        }
    }

    @Test func longURLsWhoseOutputOutgrowsTheirInput() {
        // Over 190 bytes the first try has room for one output byte per input byte: escapes
        // and templates overflow it, and the retry must give the whole output.
        let c = URLCanonicalizer(settings: Policy.defaults.urls, detector: nil)
        let accents = "/" + String(repeating: "é", count: 120)
        #expect(c.canonicalize(accents) == "/" + String(repeating: "%C3%A9", count: 120))
        let ids = (0..<100).map { "/\($0 % 10)" }.joined()
        #expect(c.canonicalize(ids) == String(repeating: "/:id", count: 100))
    }

    @Test func skippedSegmentsCanonicalizeAsWithTheDetectorAsked() {
        // The same URLs with the skip's shapes in every place a segment or name is read.
        let c = URLCanonicalizer(settings: { var s = Policy.defaults.urls; s.allowParameters = ["v"]; return s }())
        #expect(c.canonicalize("/static/js/app.3f9a1c2e.js") == "/static/js/app.3f9a1c2e.js")
        #expect(c.canonicalize("/call/202-555-0143") == "/call/:phone")
        #expect(c.canonicalize("/from/10.20.30.40/x") == "/from/:ip_address/x")
        #expect(c.canonicalize("/v1.2.3.4a/x") == "/v1.2.3.4a/x")
        #expect(c.canonicalize("/s?v=a1b2c3d4&v=202-555-0143") == "/s?v=a1b2c3d4&v=:phone")
        #expect(c.canonicalize("/s?app.3f9a1c2e.js=1") == "/s?app.3f9a1c2e.js=_")
        #expect(c.canonicalize("#x1y2z3w4") == "#x1y2z3w4")
    }
}
