import Testing
import SafeReplayDetect

@Suite struct MaskingTests {
    @Test func preserveLengthMasksEachVisibleCharacterAndKeepsWhitespace() {
        let masker = Masker(style: .preserveLength())
        #expect(masker.mask("Jane Doe\n42 x") == "**** ***\n** *")
        #expect(Masker(style: .preserveLength(maskCharacter: "#")).mask("ab c") == "## #")
        // One mask character per character the reader sees, not per scalar or byte.
        #expect(masker.mask("é👍🏽") == "**")
    }

    @Test func fixedHidesTheLength() {
        let masker = Masker(style: .fixed)
        #expect(masker.mask("a") == "****")
        #expect(masker.mask(String(repeating: "x", count: 500)) == "****")
        #expect(masker.mask("") == "****")
    }

    @Test func typedNamesTheTypeAndNothingElse() {
        let masker = Masker(style: .typed())
        #expect(masker.mask("ana@example.org", type: .email) == "[EMAIL]")
        #expect(masker.mask("4111 1111 1111 1111", type: .creditCard) == "[CARD]")
        #expect(masker.mask("whatever") == "[REDACTED]")
        for type in PIIType.allCases {
            #expect(masker.mask("4111111111111111", type: type) == type.placeholder)
        }
    }

    @Test func lastFourOfACardOnlyWhenAskedAndOnlyForCards() {
        let reveal = Masker(style: .typed(revealCardLastFour: true))
        #expect(reveal.mask("4111 1111 1111 1234", type: .creditCard) == "[CARD ****1234]")
        // Never for other types, even digit-shaped ones.
        #expect(reveal.mask("123-45-6789", type: .usSSN) == "[SSN]")
        #expect(reveal.mask("+1 415 555 2671", type: .phone) == "[PHONE]")
        // Never more than four digits, and nothing for a value too short to be a card.
        #expect(reveal.mask("1234", type: .creditCard) == "[CARD]")
    }

    @Test func scrubMasksOnlyTheSpans() {
        let text = "Mail ana@example.org or call +44 20 7946 0958."
        let typed = Scrubber().scrub(text)
        #expect(typed.text == "Mail [EMAIL] or call [PHONE].")
        #expect(typed.spans.map(\.type) == [.email, .phone])
        #expect(Scrubber(style: .fixed).scrub(text).text == "Mail **** or call ****.")
        #expect(Scrubber(style: .preserveLength()).scrub(text).text == "Mail *************** or call *** ** **** ****.")
    }

    @Test func scrubKeepsCleanTextAsIs() {
        let text = "Nothing to see here: version 1.2.3, order #A-1234, 12:30."
        #expect(Scrubber().scrub(text) == ScrubResult(text: text, spans: []))
    }

    @Test func maskWithSpansToleratesSpansPastTheEnd() {
        let masker = Masker(style: .fixed)
        #expect(masker.mask("abc", spans: [PIISpan(start: 1, end: 10, type: .email)]) == "a****")
        #expect(masker.mask("abc", spans: [PIISpan(start: 5, end: 10, type: .email)]) == "abc****")
    }
}

@Suite struct OffsetTests {
    @Test func offsetsCountUnicodeScalars() {
        let text = "👩‍💻 café 東京 ana@example.org"
        let spans = detector.detect(text)
        // 👩‍💻 is three scalars (woman, ZWJ, laptop); "café" is written with a precomposed é.
        #expect(spans == [PIISpan(start: 12, end: 27, type: .email)])
        #expect(found(text) == [Found(.email, "ana@example.org")])
    }

    @Test func scalarsOutsideTheBMPBeforeASpanCountOnce() {
        // Each emoji and 𝒜 is one scalar (four UTF-8 bytes, two UTF-16 units).
        #expect(detector.detect("😀😀 ana@example.org") == [PIISpan(start: 3, end: 18, type: .email)])
        #expect(detector.detect("𝒜 4111111111111111") == [PIISpan(start: 2, end: 18, type: .creditCard)])
        let text = String(repeating: "🙂", count: 9) + " 8.8.8.8 " + String(repeating: "🙂", count: 9) + " 123-45-6789"
        #expect(detector.detect(text) == [
            PIISpan(start: 10, end: 17, type: .ipAddress), PIISpan(start: 28, end: 39, type: .usSSN),
        ])
    }

    @Test func combiningMarksAndRTLTextBeforeASpan() {
        let text = "e\u{301}e\u{301} שלום مرحبا 4111 1111 1111 1111"
        let spans = detector.detect(text)
        #expect(spans.count == 1)
        #expect(spans.first?.start == 16)
        #expect(spans.first?.end == 35)
    }

    @Test func spansAreSortedAndDisjoint() {
        let text = "a@b.co 8.8.8.8 123-45-6789 a@b.co 4111111111111111 +1 415 555 2671"
        let spans = detector.detect(text)
        #expect(spans.count == 6)
        for (a, b) in zip(spans, spans.dropFirst()) {
            #expect(a.end <= b.start)
        }
    }
}
