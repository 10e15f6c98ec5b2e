import Testing
import SafeReplayDetect

@Suite struct CreditCardTests {
    @Test(arguments: [
        "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",  // Visa 16
        "4222222222222", "4000000000000000006",  // Visa 13 and 19
        "5555555555554444", "2223003122003222",  // Mastercard 5x and 2-series
        "378282246310005", "3782 822463 10005",  // Amex, 4-6-5
        "6011111111111117", "3530111333300000", "30569309025904", "6200000000000005", "6759649826438453",
    ])
    func validCardsAreFound(_ number: String) {
        #expect(found("paid with \(number) today") == [Found(.creditCard, number)])
    }

    @Test(arguments: [
        "4111100000000000000", "4000 0000 0000 0000 006",  // Visa 19, plain and in fours
        "2221000000000009", "2720999999999996",  // Mastercard 2-series, both ends
        "62000000000000000", "620000000000000005", "6200000000000000000",  // UnionPay 17, 18, 19
        "675900000000", "5018 0000 0009", "5018000000007", "6759000000000000005",  // Maestro 12, 13, 19
        "060421389275", "0604 2138 9275", "0604000000000000009",  // Maestro's 0604 range, 12 and 19
        "36000000000008", "3600 000000 0008",  // Diners 14, plain and 4-6-4
        "3528000000000007", "3589000000000003", "3528000000000000007",  // JCB 3528–3589, 16 and 19
        "2200000000000004",  // Mir
        "6011 0000 0000 0000 001",  // Discover 19
    ])
    func brandRangeAndLengthEdgesAreCards(_ number: String) {
        #expect(found("card \(number) ok") == [Found(.creditCard, number)])
    }

    @Test(arguments: [
        "2220999999999991", "2721000000000004",  // Luhn-valid, just outside Mastercard's 2221–2720
        "41111111111111111115",  // 20 digits
        "41111111112",  // 11 digits
    ])
    func luhnValidNumbersOutsideTheBrandRangesAreNotCards(_ number: String) {
        #expect(found("card \(number) ok").filter { $0.type == .creditCard }.isEmpty)
    }

    @Test func luhnFailingByOneDigitIsNotACard() {
        #expect(found("4111111111111112").isEmpty)
        #expect(found("4111 1111 1111 1121").isEmpty)
        #expect(found("3782 822463 10006").isEmpty)
    }

    @Test func luhnValidRunsOutsideAnyBrandRangeAreNotCards() {
        // Luhn-valid, but 9-prefixed and 8-prefixed numbers belong to no card brand.
        #expect(found("SKU 9111111111111110").isEmpty)
        #expect(found("ref 8000000000000003").isEmpty)
        #expect(found("ref 0605000000000009").isEmpty, "0-prefixed outside 0604")
    }

    @Test func brandLengthsAreChecked() {
        // Amex is 15 digits: a Luhn-valid 16-digit 34… number is not one.
        #expect(found("3400000000000000").isEmpty)
    }

    @Test func mixedSeparatorsAreNotOneCard() {
        #expect(found("4111 1111-1111 1111").isEmpty)
    }

    @Test func cardFollowedByAYearIsStillFound() {
        #expect(found("4111-1111-1111-1111 2029") == [Found(.creditCard, "4111-1111-1111-1111")])
        #expect(found("Ana Lima,4111111111111111,09/27") == [Found(.creditCard, "4111111111111111")])
    }

    @Test func cardsInCommaSeparatedFieldsAreEachFound() {
        #expect(found("pay 4111-1111-1111-1111,5555555555554444") == [
            Found(.creditCard, "4111-1111-1111-1111"), Found(.creditCard, "5555555555554444"),
        ])
        #expect(found("4111111111111111,5555555555554444,378282246310005").map(\.value) == [
            "4111111111111111", "5555555555554444", "378282246310005",
        ])
    }

    @Test func anSSNOrPhoneAfterANumericFieldIsFound() {
        #expect(found("42,123-45-6789,x") == [Found(.usSSN, "123-45-6789")])
        #expect(found("7,415-555-2671") == [Found(.phone, "415-555-2671")])
    }

    @Test(arguments: ["1,000,000", "1,234,567,890", "12,5", "3,14159", "4,111,111,111,111,111", "1,000-2,000"])
    func commaGroupedQuantitiesAndDecimalsAreNotValues(_ text: String) {
        #expect(found("total \(text) units").isEmpty)
    }

    @Test func barcodeContextIsRespected() {
        // A Luhn-valid 13-digit Visa shape after "EAN" is a barcode.
        #expect(found("EAN 4006381330060").isEmpty)
        #expect(found("card 4222222222222") == [Found(.creditCard, "4222222222222")])
    }

    /// The barcode words are told apart by their last byte before they are read whole: each
    /// must still be found in every case, after punctuation, and with a joiner after it.
    @Test func everyBarcodeWordIsReadBeforeACard() {
        let words = ["isbn", "isbn13", "ean", "ean13", "barcode", "upc", "gtin", "tracking", "shipment", "parcel",
                     "fedex", "ups", "usps", "dhl"]
        for word in words {
            for spelled in [word, word.uppercased(), word.capitalized, word + "-", word + "_", word + ":", "#" + word + " #"] {
                #expect(found("\(spelled) 4111111111111111").isEmpty, "\(spelled)")
            }
        }
        for word in ["card", "Visa", "number", "Karte", "tarjeta", "payment", "premium", "pay_"] {
            #expect(found("\(word) 4111111111111111") == [Found(.creditCard, "4111111111111111")], "\(word)")
        }
    }

    @Test func digitsGluedToLettersAreNotCards() {
        #expect(found("x4111111111111111").isEmpty)
        #expect(found("4111111111111111abc").isEmpty)
    }

    /// Digits are read eight bytes at a time where eight remain and one at a time near the
    /// end of the text: a value reads the same whatever follows it, and a run longer than
    /// any value is not matched in part.
    @Test func digitRunsReadTheSameWhereverTheTextEnds() {
        for tail in ["", ".", " ", " ok", " and more text after it"] {
            #expect(found("card 4111111111111111" + tail) == [Found(.creditCard, "4111111111111111")])
            #expect(found("card 4111 1111 1111 1111" + tail) == [Found(.creditCard, "4111 1111 1111 1111")])
            #expect(found("call 0049 30 12345678" + tail) == [Found(.phone, "0049 30 12345678")])
            #expect(found("ref 41111111111111114111111111" + tail).isEmpty)
        }
    }
}
