import Testing
@testable import SafeReplayDetect

/// The eight-bytes-a-step helpers against the byte-at-a-time code they replaced, on random
/// text made of the bytes they tell apart.
@Suite struct SWARHelperTests {
    /// Digits, every separator the count-ahead passes, bytes next to those ranges, letters,
    /// and a non-ASCII byte.
    static let runBytes = Array("0123456789 ()-./*+,:'9a_".utf8) + [0xC3, 0x29, 0x28]

    /// A scan over `bytes` with every detector on, for calling its helpers.
    static func withScan(of bytes: [UInt8], _ body: (PIIScan) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: Candidate.self, capacity: CandidateBuffer.stackCapacity) { stack in
                body(PIIScan(base: buffer.baseAddress!, count: buffer.count, tables: ScanTables(), enabled: 0xFFFF,
                             stopAtFirst: false, candidates: CandidateBuffer(stack)))
            }
        }
    }

    /// The count-ahead as it was: `nil` when nine digits come within 48 bytes of `start`.
    static func referenceShortRunEnd(_ bytes: [UInt8], _ start: Int, _ digitsEnd: Int) -> Int? {
        func at(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
        let limit = min(bytes.count, start + 48)
        var k = digitsEnd
        var digits = min(digitsEnd - start, 9)
        while digits < 9, k < limit {
            let c = bytes[k]
            if isDigit(c) {
                digits += 1
                if digits == 9 { break }
            } else if !(c == 0x20 || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x28 || c == 0x29) {
                break
            }
            k += 1
        }
        if digits >= 9 { return nil }
        while isDigit(at(k)) || at(k) == 0x2D { k += 1 }
        return k
    }

    @Test func shortRunEndAgreesWithTheByteLoop() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let count = Int.random(in: 1...70, using: &generator)
            // Mostly digits and separators, so that runs reach nine digits as often as not.
            let digitHeavy = round % 2 == 0
            let bytes = (0..<count).map { _ in
                digitHeavy && Bool.random(using: &generator)
                    ? UInt8.random(in: 0x30...0x39, using: &generator)
                    : Self.runBytes.randomElement(using: &generator)!
            }
            let start = Int.random(in: 0..<count, using: &generator)
            var digitsEnd = start
            if Bool.random(using: &generator) {
                while digitsEnd < count, isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
            }
            guard digitsEnd - start < 9 else { continue }
            Self.withScan(of: bytes) { scan in
                let expected = Self.referenceShortRunEnd(bytes, start, digitsEnd)
                #expect(scan.shortRunEnd(from: start, digitsTo: digitsEnd) == expected,
                        "\(String(decoding: bytes, as: UTF8.self)) from \(start), digits to \(digitsEnd)")
            }
        }
    }

    /// The word packed a byte at a time, as the long-word path does.
    static func referencePacked(_ bytes: ArraySlice<UInt8>) -> (UInt64, UInt64, UInt64, Int)? {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        for byte in bytes where byte != 0x5F && byte != 0x2D {
            guard length < PackedWord.capacity else { return nil }
            let value = UInt64(lowercased(byte)) << UInt64((length & 7) * 8)
            switch length >> 3 {
            case 0: words.0 |= value
            case 1: words.1 |= value
            default: words.2 |= value
            }
            length += 1
        }
        return length == 0 ? nil : (words.0, words.1, words.2, length)
    }

    @Test func shortWordsPackAsByteAtATime() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAzZ09_-@[`{".utf8) + [0xC3, 0x80]
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...20, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let start = Int.random(in: 0..<count, using: &generator)
            let end = Int.random(in: start...count, using: &generator)
            bytes.withUnsafeBufferPointer { buffer in
                let word = PackedWord(buffer.baseAddress!, start, end)
                let expected = Self.referencePacked(bytes[start..<end])
                #expect(word.map { ($0.a, $0.b, $0.c, $0.length) } ?? (0, 0, 0, -1) == expected ?? (0, 0, 0, -1),
                        "\(bytes) \(start)..<\(end)")
            }
        }
    }

    /// A German IBAN (22 characters) with valid check digits for `bban` (18 digits).
    static func germanIBAN(_ bban: [UInt8]) -> String {
        // "DE00" moved to the end: D = 13, E = 14.
        var remainder = 0
        for digit in bban + [1, 3, 1, 4, 0, 0] { remainder = (remainder * 10 + Int(digit)) % 97 }
        let check = 98 - remainder
        let digits = String(decoding: bban.map { $0 + 0x30 }, as: UTF8.self)
        return "DE" + (check < 10 ? "0" : "") + String(check) + digits
    }

    @Test func ibanChecksumFourDigitsAStep() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bban = (0..<18).map { _ in UInt8.random(in: 0...9, using: &generator) }
            let iban = Self.germanIBAN(bban)
            #expect(found("IBAN \(iban).") == [Found(.iban, iban)], "\(iban)")
            // Any one digit changed breaks mod 97, wherever the four-digit steps fall.
            var changed = Array(iban.utf8)
            let position = Int.random(in: 4..<22, using: &generator)
            changed[position] = 0x30 + (changed[position] - 0x30 + UInt8.random(in: 1...9, using: &generator)) % 10
            let wrong = String(decoding: changed, as: UTF8.self)
            #expect(found("IBAN \(wrong).").filter { $0.type == .iban }.isEmpty, "\(wrong)")
        }
    }

    /// The backwards match a byte at a time, skipping `_` and `-`.
    static func referenceSuffixMatch(_ bytes: [UInt8], _ start: Int, _ end: Int, _ suffix: String) -> Int? {
        var k = end
        var rest = Array(suffix.utf8)
        while let last = rest.last {
            guard k > start else { return nil }
            let c = bytes[k - 1]
            k -= 1
            if c == 0x5F || c == 0x2D { continue }
            guard lowercased(c) == last else { return nil }
            rest.removeLast()
        }
        return k
    }

    @Test func keywordSuffixesMatchAsByteAtATime() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("keyKEYpwdPWDsecretTOKEN_-a".utf8) + [0x7F, 0x4B | 0x80]
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...16, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let start = Int.random(in: 0..<count, using: &generator)
            let end = Int.random(in: start...count, using: &generator)
            Self.withScan(of: bytes) { scan in
                let label = "\(bytes) \(start)..<\(end)"
                #expect(PIIScan.suffixMatch(scan.base, start, end, "key") == Self.referenceSuffixMatch(bytes, start, end, "key"), "\(label)")
                #expect(PIIScan.suffixMatch(scan.base, start, end, "pwd") == Self.referenceSuffixMatch(bytes, start, end, "pwd"), "\(label)")
                #expect(PIIScan.suffixMatch(scan.base, start, end, "secret") == Self.referenceSuffixMatch(bytes, start, end, "secret"), "\(label)")
                #expect(PIIScan.suffixMatch(scan.base, start, end, "token") == Self.referenceSuffixMatch(bytes, start, end, "token"), "\(label)")
                #expect(PIIScan.suffixMatch(scan.base, start, end, "keykeykey") == Self.referenceSuffixMatch(bytes, start, end, "keykeykey"),
                        "\(label)")
            }
        }
    }

    /// IPv6 groups' hex and digit lanes: every byte value in every lane, against isHex and isDigit.
    @Test func hexDigitLanesAgreeWithTheByteTests() {
        for value in 0...255 {
            for lane in 0..<8 {
                // The other lanes a mix of hex, digit and neither.
                var bytes = Array("0aF:g9Z.".utf8)
                bytes[lane] = UInt8(value)
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                let (hex, digit) = Lanes.hexDigits(word)
                for k in 0..<8 {
                    let bit = UInt64(0x80) << UInt64(8 * k)
                    #expect((hex & bit != 0) == isHex(bytes[k]), "byte \(bytes[k]) in lane \(k)")
                    #expect((digit & bit != 0) == isDigit(bytes[k]), "byte \(bytes[k]) in lane \(k)")
                }
                #expect(hex & ~Lanes.high == 0 && digit & ~Lanes.high == 0)
            }
        }
    }

    /// The Luhn sum a digit at a time, from the last digit back.
    static func referenceLuhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (k, digit) in digits.reversed().enumerated() {
            let d = k % 2 == 1 ? digit * 2 : digit
            sum += d > 9 ? d - 9 : d
        }
        return sum % 10 == 0
    }

    @Test func luhnAgreesWithTheDigitLoop() {
        var generator = SystemRandomNumberGenerator()
        var valid = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...DigitRun.maxDigits, using: &generator)
            let digits = (0..<count).map { _ in Int.random(in: 0...9, using: &generator) }
            var run = DigitRun()
            // Bytes past the digits hold anything after lexing: the check must not read them.
            for k in 0..<32 { run.digits[k] = k < count ? UInt8(digits[k]) : UInt8.random(in: 0...255, using: &generator) }
            let expected = Self.referenceLuhn(digits)
            if expected { valid += 1 }
            #expect(PIIScan.luhnValid(run, count) == expected, "\(digits)")
        }
        #expect(valid > 1_000)  // about one in ten
    }

    /// Scalar offsets counted from the string itself, for byte offsets on scalar boundaries.
    static func referenceScalarOffset(_ bytes: [UInt8], _ byteOffset: Int) -> Int {
        String(decoding: bytes[0..<byteOffset], as: UTF8.self).unicodeScalars.count
    }

    @Test func scalarSpansAgreeWithTheStringsOwnCount() {
        var generator = SystemRandomNumberGenerator()
        // One to four bytes a scalar; ASCII stretches long enough to fill whole 32-byte blocks.
        let pieces = ["a", " ", "0", "é", "東", "😀", String(repeating: "x", count: 40), "ш"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            // Scalar boundaries in bytes: where no continuation byte (10xxxxxx) stands.
            let boundaries = (0...bytes.count).filter { $0 == bytes.count || bytes[$0] & 0xC0 != 0x80 }
            let cuts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in boundaries.randomElement(using: &generator)! }
                .sorted()
            let spans = withUnsafeTemporaryAllocation(of: Candidate.self, capacity: CandidateBuffer.stackCapacity) { stack in
                var candidates = CandidateBuffer(stack)
                for k in stride(from: 0, to: cuts.count - 1, by: 2) {
                    candidates.append(Candidate(start: cuts[k], end: cuts[k + 1], type: .email, rank: .email))
                }
                defer { candidates.deallocate() }
                if candidates.isEmpty { return [PIISpan]() }
                return bytes.withUnsafeBufferPointer { PIIDetector.scalarSpans(candidates, in: $0) }
            }
            let expected = stride(from: 0, to: cuts.count - 1, by: 2).map {
                PIISpan(start: Self.referenceScalarOffset(bytes, cuts[$0]), end: Self.referenceScalarOffset(bytes, cuts[$0 + 1]),
                        type: .email)
            }
            #expect(spans == expected, "\(text) \(cuts)")
        }
    }

    @Test func cardPrefixFromOneLoadAgreesWithTheDigits() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var run = DigitRun()
            run.digitCount = 12
            for k in 0..<12 { run.digits[k] = UInt8.random(in: 0...9, using: &generator) }
            #expect(PIIScan.cardLengths(run) == PIIScan.cardLengths(prefix: run.value(0, 6)), "\(run.value(0, 12))")
            // Visa and American Express: the prefix is read first digit first.
            if run.digit(0) == 4 { #expect(PIIScan.cardLengths(run) == 1 << 13 | 1 << 16 | 1 << 19) }
            if run.value(0, 2) == 37 { #expect(PIIScan.cardLengths(run) == 1 << 15) }
        }
    }

    /// A run is copied to each validator that reads a prefix of it: within 128 bytes the
    /// compiler copies it with inline moves, above that with a `memcpy` call.
    @Test func digitRunFitsAnInlineCopy() {
        #expect(MemoryLayout<DigitRun>.size <= 128)
    }
}
