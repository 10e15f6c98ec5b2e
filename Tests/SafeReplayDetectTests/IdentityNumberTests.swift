import Testing
import SafeReplayDetect

@Suite struct SSNTests {
    @Test(arguments: ["123-45-6789", "123 45 6789", "123456789", "001-01-0001", "899-99-9999", "665-12-3456"])
    func validSSNsAreFound(_ ssn: String) {
        #expect(found("SSN: \(ssn)") == [Found(.usSSN, ssn)])
    }

    @Test(arguments: [
        "000-12-3456",  // area 000
        "666-12-3456",  // area 666
        "900-12-3456", "999-12-3456",  // 9xx areas
        "123-00-4567",  // group 00
        "123-45-0000",  // serial 0000
        "123-45 6789",  // mixed separators
    ])
    func invalidSSNsAreNotFound(_ ssn: String) {
        #expect(found("SSN: \(ssn)").filter { $0.type == .usSSN }.isEmpty)
    }

    @Test(arguments: [
        ("Mobile 612345678", "612345678"), ("Movil: 612345678", "612345678"), (#"{"phone":"092559350"}"#, "092559350"),
        ("Chiamami al 036376415.", "036376415"), ("Cellulare 328132883", "328132883"), ("call me at 612345678", "612345678"),
        ("Phone number 612345678", "612345678"),
    ])
    func bareNineDigitsAfterAPhoneWordAreAPhoneNumber(_ text: String, _ number: String) {
        #expect(found(text) == [Found(.phone, number)])
    }

    @Test func bareNineDigitsAfterAPhoneWordStayMaskedWhenNoPhoneRuleFits() {
        // Not a national phone number anywhere the rules check, but a valid SSN: masked still.
        #expect(found("Mobile 123456789").count == 1)
        #expect(found("SSN 612345678") == [Found(.usSSN, "612345678")])
        #expect(found("Mobile 612-34-5678") == [Found(.usSSN, "612-34-5678")])
    }

    @Test func bareNineDigitsAfterAnOrderWordAreAnOrderNumber() {
        #expect(found("Order #123456789").isEmpty)
        #expect(found("Confirmation number 234567891").isEmpty)
    }
}

@Suite struct IBANTests {
    @Test(arguments: [
        "DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32", "FR1420041010050500013M02606", "NL91ABNA0417164300",
        "IT60X0542811101000000123456", "ES9121000418450200051332", "BR1800360305000010009795493C1",
        // The longest in the registry: Saint Lucia (32) and Russia (33).
        "LC55HEMM000100010012001200023015", "RU0304452522540817810538091310419",
        "RU03 0445 2522 5408 1781 0538 0913 1041 9",
    ])
    func validIBANsAreFound(_ iban: String) {
        #expect(found("IBAN \(iban).") == [Found(.iban, iban)])
    }

    @Test func checksumFailureIsNotAnIBAN() {
        #expect(found("DE88370400440532013000").isEmpty)
        #expect(found("GB82 WEST 1234 5698 7654 33").isEmpty)
    }

    @Test func wrongLengthForTheCountryIsNotAnIBAN() {
        // A valid German IBAN with a digit dropped, and one with an unknown country code.
        #expect(found("DE8937040044053201300").isEmpty)
        #expect(found("QQ89370400440532013000").isEmpty)
    }

    @Test func mixedPrintedAndElectronicFormsAreRefused() {
        #expect(found("DE89 37040044 0532 0130 00").filter { $0.type == .iban }.isEmpty)
        // One separator kind throughout: a dash and a space in one number is no way to write it.
        #expect(found("DE89-3704-0044 0532 0130 00").filter { $0.type == .iban }.isEmpty)
    }

    @Test(arguments: [
        "de89370400440532013000", "gb82west12345698765432", "Gb82West12345698765432",
        "DE89-3704-0044-0532-0130-00", "gb82-west-1234-5698-7654-32", "de89 3704 0044 0532 0130 00",
    ])
    func lowerCaseAndDashedIBANsAreFound(_ iban: String) {
        #expect(found("IBAN \(iban).") == [Found(.iban, iban)])
    }

    @Test func lowerCaseChecksumFailureIsNotAnIBAN() {
        #expect(found("de88370400440532013000").isEmpty)
        #expect(found("gb82-west-1234-5698-7654-33").filter { $0.type == .iban }.isEmpty)
    }
}
