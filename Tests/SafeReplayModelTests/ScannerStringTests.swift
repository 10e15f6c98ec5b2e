import SafeReplayModel
import Testing

/// Strings take fast paths of their own: short ASCII values are built directly as small
/// strings, and escaped ones are unescaped into the scanner's arena. These check both
/// against what the standard library builds, at every length and next to the end of the
/// input (where the fast path may not read ahead).
@Suite struct ScannerStringTests {
    static let ascii = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN".utf8)

    /// Reads `content` as a JSON string: at the end of the document and inside a larger one.
    static func read(_ content: [UInt8]) throws -> [String] {
        let alone = try JSONValue.parse([0x22] + content + [0x22])
        let padded = try JSONValue.parse(Array(#"[""#.utf8) + content + Array(#"","after the value, long enough to read ahead"]"#.utf8))
        guard case .string(let a) = alone, case .array(let items) = padded, case .string(let b)? = items.first else {
            Issue.record("not a string")
            return []
        }
        return [a, b]
    }

    /// A string built by the fast path must be indistinguishable from the standard
    /// library's: equal, same hash, same bytes, and usable as an ordinary string.
    static func expectSame(_ ours: String, _ expected: String, _ note: String) {
        #expect(ours == expected, "\(note)")
        #expect(ours.hashValue == expected.hashValue, "\(note)")
        #expect(Array(ours.utf8) == Array(expected.utf8), "\(note)")
        #expect(ours.count == expected.count, "\(note)")
        #expect(ours + "!" == expected + "!", "\(note)")
        #expect(ours.isEmpty == expected.isEmpty, "\(note)")
    }

    @Test func plainASCIIOfEveryLength() throws {
        for n in 0...40 {
            let content = Array(Self.ascii[0..<n])
            for s in try Self.read(content) {
                Self.expectSame(s, String(decoding: content, as: UTF8.self), "length \(n)")
            }
        }
    }

    /// Non-ASCII or invalid bytes anywhere in a short string take the validating path.
    @Test func nonASCIIAndInvalidUTF8NextToTheFastPath() throws {
        let cases: [([UInt8], String)] = [
            (Array("é".utf8), "é"),
            (Array("abcdefghijklmé".utf8), "abcdefghijklmé"),  // 15 bytes, the last two non-ASCII
            (Array("abcdefghijklmnoé".utf8), "abcdefghijklmnoé"),  // 17 bytes
            (Array("😀abc".utf8), "😀abc"),
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
            (Array("abcdefghijklmn".utf8) + [0xC3], "abcdefghijklmn\u{FFFD}"),  // truncated sequence, 15 bytes
            ([0xE2, 0x82], "\u{FFFD}"),
            ([0x7F], "\u{7F}"),
        ]
        for (content, expected) in cases {
            for s in try Self.read(content) { Self.expectSame(s, expected, "\(content)") }
        }
    }

    @Test func loneSurrogatesAreCounted() throws {
        var replaced = 0
        let json = Array(#"{"type":5,"data":{"tag":"t\ud800","payload":{"a":"\udc00\ud83d\ude00","\ud801":1}},"timestamp":1}"#.utf8)
        _ = try json.withUnsafeBytes { raw in try Event(json: raw, replacedSurrogates: &replaced) }
        #expect(replaced == 3, "two in values, one in a key; the pair is a character")
        var none = 0
        _ = try Array(#"{"type":5,"data":{"tag":"\ud83d\ude00","payload":{}},"timestamp":1}"#.utf8).withUnsafeBytes { raw in
            try Event(json: raw, replacedSurrogates: &none)
        }
        #expect(none == 0)
    }

    @Test func escapesAndSurrogates() throws {
        let cases: [(String, String)] = [
            (#"\n"#, "\n"),
            (#"a\"b\\c\/d\be\ff\ng\rh\ti"#, "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"),
            (#"\u0041\u00e9\u20AC"#, "Aé€"),
            (#"\ud83d\ude00"#, "😀"),
            (#"x\ud800y"#, "x\u{FFFD}y"),
            (#"\udc00"#, "\u{FFFD}"),
            (#"\ud800\u0041"#, "\u{FFFD}A"),
            (#"\ud800\udbff"#, "\u{FFFD}\u{FFFD}"),
            (#"é\n"#, "é\n"),
            (#"abcdefghijklm\n"#, "abcdefghijklm\n"),  // 14 bytes unescaped: small
            (#"abcdefghijklmno\n"#, "abcdefghijklmno\n"),  // 16: large
        ]
        for (raw, expected) in cases {
            for s in try Self.read(Array(raw.utf8)) { Self.expectSame(s, expected, raw) }
        }
        // Invalid UTF-8 between escapes is repaired, not fatal.
        for s in try Self.read([0x5C, 0x6E, 0xFF, 0x5C, 0x74]) { Self.expectSame(s, "\n\u{FFFD}\t", "invalid byte between escapes") }
    }

    /// Short escaped strings (whitespace text nodes) are built in two words when at most
    /// 15 ASCII bytes result: every length around that limit, escapes first, last and
    /// between runs, and anything the short path leaves to the general one.
    @Test func shortEscapedStringsAroundTheSmallLimit() throws {
        let escapes: [(String, String)] = [
            (#"\n"#, "\n"), (#"\t"#, "\t"), (#"\r"#, "\r"), (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"),
            (#"\b"#, "\u{8}"), (#"\f"#, "\u{C}"),
        ]
        for (raw, unescaped) in escapes {
            for n in 0...17 {
                let run = String(repeating: " ", count: n)
                let shapes: [(String, String)] = [
                    (raw + run, unescaped + run),
                    (run + raw, run + unescaped),
                    (raw + run + raw + "ab" + raw, unescaped + run + unescaped + "ab" + unescaped),
                ]
                for (json, expected) in shapes {
                    for s in try Self.read(Array(json.utf8)) { Self.expectSame(s, expected, json) }
                }
            }
        }
        let others: [(String, String)] = [
            (#"\n\u0041"#, "\nA"),
            (#"\néa"#, "\néa"),
            (#"é\n"#, "é\n"),
            (#"\n0123456789abcdefghij"#, "\n0123456789abcdefghij"),  // a run longer than 16 bytes
        ]
        for (json, expected) in others {
            for s in try Self.read(Array(json.utf8)) { Self.expectSame(s, expected, json) }
        }
    }

    /// Escaped strings are unescaped above the arrays being built in the scanner's arena:
    /// long ones grow it, and the elements already read must survive that.
    @Test func longEscapedStringsInsideArrays() throws {
        let long = String(repeating: "line\\n\\u00e9\\\"", count: 400)  // 5,600 raw bytes
        let expected = String(repeating: "line\né\"", count: 400)
        var json = "["
        for k in 0..<50 { json += #"{"k\#(k)":"v\#(k)","long":"\#(long)","n":[\#(k),"\#(long)"]},"# }
        json += "1]"
        guard case .array(let items) = try JSONValue.parse(json) else {
            Issue.record("not an array")
            return
        }
        #expect(items.count == 51)
        for k in 0..<50 {
            #expect(items[k]["k\(k)"] == .string("v\(k)"))
            #expect(items[k]["long"] == .string(expected))
            #expect(items[k]["n"] == .array([.int(Int64(k)), .string(expected)]))
        }
    }

    /// Attribute names are built by the same fast path as values.
    @Test func attributeNames() throws {
        let json = #"{"type":2,"tagName":"p","attributes":{"a":"1","data-abcdefghijk":"2","data-abcdefghijkl":"3","é":"4","\u0062":"5"},"childNodes":[],"id":1}"#
        let node = try Array(json.utf8).withUnsafeBytes { raw throws(JSONError) in try SerializedNode(json: raw) }
        let names = node.element?.attributes.entries.map(\.name) ?? []
        #expect(names == ["a", "data-abcdefghijk", "data-abcdefghijkl", "é", "b"])
        for (name, expected) in zip(names, ["a", "data-abcdefghijk", "data-abcdefghijkl", "é", "b"]) {
            Self.expectSame(name, expected, expected)
        }
    }

    /// Errors keep their positions and reasons.
    @Test(arguments: [
        (#""abc"#, 4, "unterminated string"),
        (#""ab\ncd"#, 7, "unterminated string"),
        ("\"ab\u{01}\"", 3, "control character in string"),
        (#""a\n\"#, 4, "unterminated escape"),
        (#""ab\x""#, 3, "invalid escape"),
        (#""\n\u12"#, 5, "truncated \\u escape"),
        (#""\u12G4""#, 5, "invalid \\u escape"),
        // With enough input after them for the short escaped path to read ahead.
        ("[\"\\n \u{01}\",\"0123456789abcdef\"]", 5, "control character in string"),
        (#"["\n \x","0123456789abcdef"]"#, 5, "invalid escape"),
    ])
    func errorsKeepTheirPositions(_ c: (String, Int, String)) {
        #expect(throws: JSONError(offset: c.1, c.2)) { try JSONValue.parse(c.0) }
    }
}
