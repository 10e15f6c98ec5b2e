import Testing
import SafeReplayDetect

@Suite struct IPAddressTests {
    @Test(arguments: [
        "192.168.1.20", "8.8.8.8", "10.0.0.1", "255.255.255.254",
        "2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "fe80::1ff:fe23:4567:890a",
        "::ffff:192.0.2.128", "2001:db8::192.0.2.33", "fe80::1",
        // Every place the `::` can stand, full eight groups, upper case, a v4 tail after six groups.
        "1:2:3:4:5:6:7:8", "2001:db8::", "1::8", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "1:2:3:4:5:6::8",
        "::192.0.2.1", "FE80::ABCD", "dead:beef::cafe", "abcd:ef01:2345:6789:abcd:ef01:2345:6789",
        "1:2:3:4:5:6:192.0.2.1",
        // Next to loopback and unspecified, but other addresses.
        "1::", "::2", "0:0:0:0:0:0:1:0", "1::1", "::1:0", "0:0:0:0:0:0:0:11",
    ])
    func addressesAreFound(_ address: String) {
        #expect(found("client \(address) connected") == [Found(.ipAddress, address)])
    }

    @Test func addressesInBracketsAndWithPortsKeepJustTheAddress() {
        #expect(found("[2001:db8::7]:443") == [Found(.ipAddress, "2001:db8::7")])
        #expect(found("http://203.0.113.9:8080/x") == [Found(.ipAddress, "203.0.113.9")])
    }

    @Test func anAddressWhoseFirstDigitsEndANumberIsMaskedWhole() {
        // `024890 95` reads as one spaced number; the address still starts at `95d`.
        let text = "Postcode 024890 95d:f00b:ed11:736d:77b4:a170:d382:5ee3 x"
        #expect(found(text).filter { $0.type == .ipAddress } == [Found(.ipAddress, "95d:f00b:ed11:736d:77b4:a170:d382:5ee3")])
        #expect(found("code 12 9:f00b:ed11:736d:77b4:a170:d382:5ee3") == [Found(.ipAddress, "9:f00b:ed11:736d:77b4:a170:d382:5ee3")])
    }

    @Test func zoneIndexAndLabelsStayOutsideTheAddress() {
        #expect(found("link fe80::1%eth0 up") == [Found(.ipAddress, "fe80::1")])
        #expect(found("ip=::ffff:10.1.2.3") == [Found(.ipAddress, "::ffff:10.1.2.3")])
        #expect(found("gw 192.0.2.1. next") == [Found(.ipAddress, "192.0.2.1")])
        #expect(found("net 100.64.1.1/24") == [Found(.ipAddress, "100.64.1.1")])
    }

    @Test(arguments: [
        "::",  // unspecified, and too little to be anything
        "1.2.3.4.5", "256.1.1.1", "01.02.03.04", "1.2.3",  // not dotted quads
        "12:34:56", "06:54:18.250",  // times
        "2001:db8:1:2:3:4", "2001:db8:1:2:3:1.2.3.4",  // five colons: too few groups, also before an IPv4 tail
        "00:1a:2b:3c:4d:5e",  // a MAC address: six groups, no ::
        "std::vector", "Cafe::Bad", "a::b",  // scope operators
        "2001:db8::1::2",  // two ::
        "1:2:3:4:5:6:7:8:9",  // nine groups
        "0.0.0.0:8080", "127.0.0.1", "::1",  // unspecified and loopback: no one's address
        "0:0:0:0:0:0:0:1", "0::1", "0000:0000::0001", "::0:1", "0:0:0:0:0:0:0:0", "0::",  // the same, spelled out
    ])
    func lookAlikesAreNotAddresses(_ text: String) {
        #expect(found("see \(text) now").isEmpty)
    }

    @Test func sixColonsAndAnIPv4TailOrSevenMakeAnAddress() {
        #expect(found("see 1:2:3:4:5:6:1.2.3.4 now") == [Found(.ipAddress, "1:2:3:4:5:6:1.2.3.4")])
        #expect(found("see 12:34:56:78:9a:bc:de:f0 now") == [Found(.ipAddress, "12:34:56:78:9a:bc:de:f0")])
        #expect(found("see fe80::1 now") == [Found(.ipAddress, "fe80::1")])
    }

    @Test func versionWordsMakeADottedQuadAVersion() {
        #expect(found("Version 1.2.3.4").isEmpty)
        #expect(found("assembly version 4.0.30319.1").isEmpty)
        #expect(found("app v10.2.1.7").isEmpty)
        // Without such a word, a valid dotted quad is an address (docs/detectors.md).
        #expect(found("from 1.2.3.4") == [Found(.ipAddress, "1.2.3.4")])
    }
}

@Suite struct EmailTests {
    @Test(arguments: [
        "jane.doe@example.com", "JANE@EXAMPLE.COM", "a+tag@mail.example.co.uk", "o'neil@example.ie",
        "josé.garcía@ejemplo.es", "müller@bücher.de", "user@пример.рф", "用户@例子.广告", "x@xn--bcher-kva.example",
        "a+b.c@example.com", "first.last+tag@sub.example.co.jp", "δοκιμή@παράδειγμα.δοκιμή", "ユーザー@例え.テスト",
        "user@xn--mller-kva.de",
    ])
    func addressesAreFound(_ email: String) {
        let expected = email == "o'neil@example.ie" ? "neil@example.ie" : email
        #expect(found("write to \(email) today") == [Found(.email, expected)])
    }

    @Test func addressNextToCJKTextEndsWhereTheScriptChanges() {
        #expect(found("メールはuser@example.comまでお願いします") == [Found(.email, "user@example.com")])
        #expect(found("連絡先:taro@example.jp。") == [Found(.email, "taro@example.jp")])
        #expect(found("用户名test@example.com谢谢") == [Found(.email, "test@example.com")])
        #expect(found("メールuser+tag@example.co.jpまで") == [Found(.email, "user+tag@example.co.jp")])
        #expect(found("連絡先はjosé@bücher.deです") == [Found(.email, "josé@bücher.de")])
    }

    @Test func delimitersAroundAnAddressStayOutside() {
        #expect(found("https://x.test/reset?email=ana@example.org&step=2") == [Found(.email, "ana@example.org")])
        #expect(found("<ana@example.org>.") == [Found(.email, "ana@example.org")])
    }

    @Test(arguments: ["@mention", "root@localhost", "a@b", "user@host.123", "x@.com", "@@", "name@-bad.com"])
    func nonAddressesAreNotFound(_ text: String) {
        #expect(found("hi \(text) there").isEmpty)
    }
}

@Suite struct PhoneTests {
    @Test(arguments: [
        // US/NANP
        "(415) 555-2671", "415-555-2671", "415.555.2671", "+1 415 555 2671", "+14155552671", "1-800-555-0199",
        // GB, DE, FR, ES, IT, NL, BR, JP, IN
        "020 7946 0958", "07700 900123", "+44 20 7946 0958", "+44 (0)161 496 0123",
        "030 12345678", "0151 23456789", "+49 30 12345678", "+49 (0)221 1234567", "0221/1234567",
        "01 23 45 67 89", "06.12.34.56.78", "+33 6 12 34 56 78", "+33612345678",
        "612 34 56 78", "912 345 678", "+34 612 345 678",
        "02 1234 5678", "347 123 4567", "+39 347 123 4567", "+39 02 1234 5678",
        "020 123 4567", "06 12345678", "+31 6 12345678",
        "(11) 91234-5678", "(21) 2345-6789", "+55 11 91234-5678",
        "03-1234-5678", "090-1234-5678", "+81 90-1234-5678",
        "98765 43210", "+91 98765 43210", "022 2345 6789",
        // More national and international layouts of the ten countries.
        "+1 (415) 555-2671", "+1-415-555-2671", "(415)555-2671", "800-555-0199", "1.415.555.2671",
        "+447700900123", "0161 496 0123", "(020) 7946 0958", "01632 960123", "0800 123 4567",
        "+49 151 23456789", "089 1234567", "(030) 12345678", "030-12345678", "+49 (0) 30 12345678",
        "01-23-45-67-89", "+33 1 23 45 67 89",
        "91 123 45 67", "+34 912 34 56 78",
        "06 1234 5678", "3331234567", "+39 333 1234567",
        "010 123 4567", "+31 (0)20 123 4567",
        "(11) 2345-6789", "11 91234-5678", "(011) 91234-5678", "+55 (11) 91234-5678", "+55 21 2345-6789",
        "0120-123-456", "06-6123-4567", "+81 (0)3-1234-5678",
        "+91 98765-43210", "9876543210", "0124 234 5678", "+91 22 2345 6789",
        // other countries, international form
        "+61 2 9374 4000", "+48 22 123 45 67",
    ])
    func numbersAreFound(_ number: String) {
        #expect(found("call \(number) now") == [Found(.phone, number)])
    }

    @Test(arguments: [
        "0049 30 12345678", "0033 1 23 45 67 89", "00 44 20 7946 0958", "0044 (0)20 7946 0958", "001 415 555 2671",
        "0034 612 345 678", "0039 347 123 4567", "0031 6 12345678", "0055 11 91234-5678", "0081 90-1234-5678",
        "0091 98765 43210",
    ])
    func theDoubleZeroCallPrefixStandsForThePlus(_ number: String) {
        #expect(found("call \(number) now") == [Found(.phone, number)])
    }

    @Test func theNationalNumberAfterACodeFollowsThatCountrysRules() {
        // A trunk 0 kept after the code, bare or in parentheses, is not part of the NSN.
        #expect(found("call +44 020 7946 0958 now") == [Found(.phone, "+44 020 7946 0958")])
        #expect(found("call +33 0 1 23 45 67 89 now") == [Found(.phone, "+33 0 1 23 45 67 89")])
        #expect(found("call +55 (0)11 91234-5678 now") == [Found(.phone, "+55 (0)11 91234-5678")])
        // NANP: area code and exchange start with 2-9; Brazil's 11-digit NSNs are mobiles (9);
        // Germany's NSNs have seven digits or more once the `(0)` is dropped.
        #expect(found("call +1 155 555 2671 now").isEmpty)
        #expect(found("call +1 415 155 2671 now").isEmpty)
        #expect(found("call +55 11 81234-5678 now").isEmpty)
        #expect(found("call +49 (0) 30 1234 now").isEmpty)
    }

    @Test func extensionsBelongToTheNumber() {
        #expect(found("415-555-2671x209") == [Found(.phone, "415-555-2671x209")])
        #expect(found("(415) 555-2671 ext. 42.") == [Found(.phone, "(415) 555-2671 ext. 42")])
    }

    @Test func aNumberFollowedByAnotherIsCutAtTheSpace() {
        #expect(found("Tel. 910 454 099 71.4% done") == [Found(.phone, "910 454 099")])
        #expect(found("+33 5 96 13 69 22 4694 done") == [Found(.phone, "+33 5 96 13 69 22")])
    }

    @Test(arguments: [
        "1712345678",  // epoch seconds: no NANP area code starts with 1
        "1712345678901",  // epoch milliseconds
        "20240115", "2024-01-15", "15.01.2024", "01/15/2024",  // dates
        "12345-6789",  // ZIP+4
        "0-306-40615-2",  // ISBN-10
        "978-3-16-148410-0", "9783161484100",  // ISBN-13
        "12.1151, 41.6848",  // coordinates
        "123,456,789",  // a quantity
        "555-1234",  // too short anywhere
        "+20%",  // not a number
        "0244 3921 0291",  // grouped in fours like a card or IBAN tail
        "0044 3921 0291",  // the same after a `00`
        "000123456789", "00012345678905",  // zero-padded ids, GTIN-14: no country code starts with 0
        "0098765432",  // `00` and a country not checked closely (Iran): not read as international
        "020 (7946) 0958", "0161 496 (0123)",  // parentheses only ever around the first group
        "020.7946.0958",  // dots only in the US 3.3.4 and French 2.2.2.2.2 layouts
        "030/1234/5678",  // at most one slash, after the first group
    ])
    func lookAlikesAreNotPhones(_ text: String) {
        #expect(found("value \(text) end").isEmpty)
    }

    @Test func identifierWordsMakeABareNumberAnIdentifier() {
        #expect(found("Order #4155552671").isEmpty)
        #expect(found("FedEx 012345678901").isEmpty)
        #expect(found("Booking ref 0612345678").isEmpty)
        #expect(found("Order 0049301234567").isEmpty)
        // The same digits as a phone number, formatted or after a phone word, are found.
        #expect(found("Mobile 0612345678") == [Found(.phone, "0612345678")])
    }
}
