import Foundation
import SafeReplayModel
import Testing

@Suite struct JSONScannerTests {
    @Test(arguments: [
        "", " ", "{", "[", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", "1e", "-", "+1",
        "\"\\x\"", "\"abc", "\"\u{01}\"", "tru", "nul", "[1 2]", "{\"a\":1}}", "1 2", "\"\\ud800", "NaN", "Infinity",
    ])
    func rejectsMalformedJSON(_ text: String) {
        #expect(throws: JSONError.self) { try JSONValue.parse(text) }
    }

    @Test func parsesScalarsAndContainers() throws {
        let v = try JSONValue.parse(#" {"a": [1, -2.5, 3e2, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
        #expect(v["a"] == .array([.int(1), .double(-2.5), .double(300), .bool(true), .bool(false), .null, .string("x\né😀")]))
        #expect(v["b"] == .object([:]))
    }

    /// Swift's `Double(String)` (correctly rounded strtod) is the oracle; Foundation's
    /// JSONSerialization on Linux is not (it reads 0.30000000000000004 as 0.3000000000000001).
    @Test func numbersAreCorrectlyRounded() throws {
        let samples = ["0", "-0", "12.5", "0.1", "1e-7", "123456789012345678", "1.7976931348623157e308", "5e-324",
                       "3.141592653589793", "1234567.0000001", "9007199254740993", "0.30000000000000004", "1E+2"]
        for s in samples {
            let ours = try JSONValue.parse(s).doubleValue
            let theirs = Double(s)
            #expect(ours == theirs, "\(s)")
        }
    }

    @Test func loneSurrogatesAndInvalidUTF8AreRepairedNotFatal() throws {
        #expect(try JSONValue.parse(#""\udc00""#) == .string("\u{FFFD}"))
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0xFE, 0x62, 0x22]
        #expect(try JSONValue.parse(bytes) == .string("a\u{FFFD}\u{FFFD}b"))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(fine)) != nil)
    }

    @Test func writerEscapesAndReparses() throws {
        let tricky = "quote\" backslash\\ nl\n tab\t ctl\u{01} é 😀 </script>"
        let w = JSONWriter()
        w.beginObject()
        w.key("k")
        w.string(tricky)
        w.key("n")
        w.double(2.5)
        w.key("i")
        w.double(3)
        w.key("inf")
        w.double(.infinity)
        w.endObject()
        let back = try JSONValue.parse(w.bytes)
        #expect(back["k"] == .string(tricky))
        #expect(back["n"] == .double(2.5))
        #expect(back["i"] == .int(3))
        #expect(back["inf"] == .null)
    }

    @Test func randomGarbageNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let n = Int.random(in: 0..<64, using: &rng)
            let alphabet = Array("{}[]\":,0123456789.-eEtruefalsn \\u".utf8) + [0xFF, 0xC3]
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            _ = try? JSONValue.parse(bytes)
            _ = try? Event(json: bytes)
        }
    }
}
