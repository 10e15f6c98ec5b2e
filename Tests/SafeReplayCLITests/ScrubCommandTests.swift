import Testing
import SafeReplayDetect
@testable import SafeReplayCLI

@Suite struct ScrubCommandTests {
    /// Runs the `scrub` line protocol over `input`, fed in chunks of `chunk` bytes.
    func scrub(_ input: [UInt8], style: MaskStyle = .typed(), chunk: Int = 7, maxLineBytes: Int = 1 << 20)
        -> (lines: [String], diagnostics: [String], failed: Int)
    {
        var stream = ScrubStream(scrubber: Scrubber(style: style), maxLineBytes: maxLineBytes)
        nonisolated(unsafe) var out: [UInt8] = []
        nonisolated(unsafe) var diagnostics: [String] = []
        stream.output = { out += $0 }
        stream.diagnostic = { diagnostics.append($0) }
        var offset = 0
        while offset < input.count {
            let end = min(offset + chunk, input.count)
            input[offset..<end].withUnsafeBytes { stream.feed($0) }
            offset = end
        }
        stream.finish()
        let text = String(decoding: out, as: UTF8.self)
        return (text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init),
                diagnostics, stream.failedLines)
    }

    func scrub(_ input: String, style: MaskStyle = .typed(), chunk: Int = 7) -> (lines: [String], diagnostics: [String], failed: Int) {
        scrub(Array(input.utf8), style: style, chunk: chunk)
    }

    @Test func oneOutputLinePerInputLine() {
        let result = scrub("""
            {"text": "Mail ana@example.org or call +44 20 7946 0958."}
            {"text": "nothing here", "other": [1, {"a": null}]}

            """)
        #expect(result.lines == [
            #"{"text":"Mail [EMAIL] or call [PHONE].","spans":[{"start":5,"end":20,"type":"EMAIL"},{"start":29,"end":45,"type":"PHONE"}]}"#,
            #"{"text":"nothing here","spans":[]}"#,
        ])
        #expect(result.failed == 0)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func offsetsCountScalarsAndEscapesRoundTrip() {
        let result = scrub(#"{"text": "\u00e9\ud83d\ude00 \"q\" ana@example.org\n"}"# + "\n")
        #expect(result.lines == [#"{"text":"é😀 \"q\" [EMAIL]\n","spans":[{"start":7,"end":22,"type":"EMAIL"}]}"#])
    }

    @Test func typesAreExactlyTheSpecNamesAndOffsetsAreEndExclusiveScalars() {
        let text = "😀 ana@example.org 4111111111111111 +44 20 7946 0958 123-45-6789 DE89370400440532013000 8.8.8.8 "
            + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl Authorization: Bearer 4f7Kq9zXbT2mWc8RyL0p AKIAIOSFODNN7EXAMPLE"
        let result = scrub("{\"text\": \"\(text)\"}\n", style: .fixed)
        #expect(result.failed == 0)
        let line = result.lines.first ?? ""
        var types: [String] = []
        var rest = Substring(line)
        while let range = rest.range(of: #""type":""#) {
            rest = rest[range.upperBound...]
            types.append(String(rest.prefix { $0 != "\"" }))
        }
        #expect(types == ["EMAIL", "CREDIT_CARD", "PHONE", "US_SSN", "IBAN", "IP_ADDRESS", "JWT", "BEARER_TOKEN", "API_KEY"])
        // The emoji is one scalar: the email starts at 2 and ends (exclusive) at 2 + 15.
        #expect(line.contains(#"{"start":2,"end":17,"type":"EMAIL"}"#))
        #expect(line.hasPrefix(#"{"text":"😀 **** **** "#))
    }

    @Test func badLinesGetAnErrorInTheirPlaceAndTheRestStillRun() {
        let result = scrub("not json\n{\"text\": 5}\n{\"text\": \"8.8.8.8\"}\n\n{\"x\": 1}\n")
        #expect(result.lines.count == 5)
        #expect(result.lines[0].hasPrefix(#"{"error":"#))
        #expect(result.lines[1].hasPrefix(#"{"error":"#))
        #expect(result.lines[2] == #"{"text":"[IP]","spans":[{"start":0,"end":7,"type":"IP_ADDRESS"}]}"#)
        #expect(result.lines[3].hasPrefix(#"{"error":"#))
        #expect(result.lines[4].hasPrefix(#"{"error":"#))
        #expect(result.failed == 4)
        #expect(result.diagnostics.map { $0.prefix(7) } == ["line 1:", "line 2:", "line 4:", "line 5:"])
    }

    @Test func invalidUTF8IsReplacedReportedAndScrubbed() {
        var input = Array(#"{"text": "bad "#.utf8)
        input += [0xFF, 0xC3]
        input += Array(#" ana@example.org"}"#.utf8) + [0x0A]
        let result = scrub(input)
        #expect(result.lines == [#"{"text":"bad \#u{FFFD}\#u{FFFD} [EMAIL]","spans":[{"start":7,"end":22,"type":"EMAIL"}]}"#])
        #expect(result.failed == 0)
        #expect(result.diagnostics == ["line 1: invalid UTF-8 replaced with U+FFFD"])
    }

    @Test func loneSurrogatesAreReplacedReportedAndScrubbed() {
        let result = scrub(#"{"text": "cut \ud83d ana@example.org \udc00"}"# + "\n")
        #expect(result.lines == [#"{"text":"cut \#u{FFFD} [EMAIL] \#u{FFFD}","spans":[{"start":6,"end":21,"type":"EMAIL"}]}"#])
        #expect(result.failed == 0)
        #expect(result.diagnostics == ["line 1: 2 lone surrogate escape(s) replaced with U+FFFD"])
    }

    @Test func lastLineWithoutNewlineAndCRLFEndings() {
        let result = scrub("{\"text\": \"a\"}\r\n{\"text\": \"b\"}")
        #expect(result.lines == [#"{"text":"a","spans":[]}"#, #"{"text":"b","spans":[]}"#])
    }

    @Test func chunkBoundariesDoNotMatter() {
        let input = "{\"text\": \"call +1 415 555 2671 or 4111-1111-1111-1111\"}\n{\"text\": \"x\"}\n"
        let whole = scrub(input, chunk: 1 << 16)
        for chunk in [1, 2, 3, 5, 13] {
            #expect(scrub(input, chunk: chunk).lines == whole.lines)
        }
    }

    @Test func overlongLinesAreRefusedWholeInBoundedMemory() {
        let long = "{\"text\": \"" + String(repeating: "a", count: 5_000) + "\"}\n"
        var stream = ScrubStream(scrubber: Scrubber(), maxLineBytes: 1_000)
        nonisolated(unsafe) var out: [UInt8] = []
        stream.output = { out += $0 }
        Array((long + "{\"text\": \"ok\"}\n").utf8).withUnsafeBytes { stream.feed($0) }
        stream.finish()
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == [#"{"error":"line longer than 1000 bytes"}"#, #"{"text":"ok","spans":[]}"#])
        #expect(stream.failedLines == 1)
    }

    @Test func stylesFromTheCommandLine() throws {
        #expect(try ScrubCommand.parse(["--style", "preserve-length"]).style.maskStyle == .preserveLength())
        #expect(try ScrubCommand.parse(["--style", "preserveLength"]).style.maskStyle == .preserveLength())
        #expect(try ScrubCommand.parse(["--style", "typed-last4"]).style.maskStyle == .typed(revealCardLastFour: true))
        #expect(try ScrubCommand.parse([]).style.maskStyle == .typed())
        #expect(throws: (any Error).self) { try ScrubCommand.parse(["--style", "bogus"]) }
        let fixed = scrub("{\"text\": \"ana@example.org!\"}\n", style: .fixed)
        #expect(fixed.lines == [#"{"text":"****!","spans":[{"start":0,"end":15,"type":"EMAIL"}]}"#])
    }

    @Test func theBinaryStreamsAndExitsWith65AfterABadLine() throws {
        let input = Array("{\"text\": \"ssn 123-45-6789\"}\nnope\n{\"text\": \"ok\"}\n".utf8)
        let result = try CLI.run(["scrub", "--style", "fixed"], stdin: input)
        #expect(result.status == 65)
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            #"{"text":"ssn ****","spans":[{"start":4,"end":15,"type":"US_SSN"}]}"#,
            #"{"error":"unexpected 'n', expected an object at byte 0"}"#,
            #"{"text":"ok","spans":[]}"#,
        ])
        #expect(result.stderr.contains("line 2:"))
        #expect(try CLI.run(["scrub"], stdin: Array("{\"text\": \"fine\"}\n".utf8)).status == 0)
    }
}
