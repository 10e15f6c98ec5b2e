/// Digit runs: one lexing, then the detectors from the most to the least self-checking.
extension PIIScan {
    /// Words after which even a Luhn-valid number is a barcode or a parcel.
    static let barcodeWords = PackedWordSet([
        "isbn", "isbn13", "ean", "ean13", "barcode", "upc", "gtin", "tracking", "shipment", "parcel", "fedex",
        "ups", "usps", "dhl",
    ])

    /// `base[start ..< digitsEnd]` are known to be digits (the word read there was all
    /// digits), or `digitsEnd` is `start`.
    mutating func digitRun(from start: Int, digitsTo digitsEnd: Int) -> Int {
        // Nothing we detect in a run that starts with a digit has fewer than nine digits
        // (`+CC` numbers start at the `+`): count ahead before lexing properly.
        let base = self.base  // a local: through `self` the loop reloads it at every byte
        let limit = min(count, start + 48)
        var k = digitsEnd
        var digits = min(digitsEnd - start, 9)
        while digits < 9, k < limit {
            let c = base[k]
            if isDigit(c) {
                digits += 1
                if digits == 9 { break }
            } else if !(c == 0x20 || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x28 || c == 0x29) {
                break
            }
            k += 1
        }
        if digits < 9 {
            while isDigit(at(k)) || at(k) == 0x2D { k += 1 }
            return k
        }
        let run = lexDigitRun(from: start)
        if isOn(.creditCard), let end = cardEnd(in: run), end < run.end || endsCleanly(end) {
            let word = precedingWord(before: start).word
            if word == nil || !Self.barcodeWords.contains(word!) {
                report(start, end, .creditCard, .card)
                return end
            }
        }
        if isOn(.usSSN), let (end, bare) = ssnEnd(in: run), end < run.end || endsCleanly(end),
           !bare || !identifierContext(before: start) {
            report(start, end, .usSSN, .ssn)
            return end
        }
        if isOn(.phone), let end = phoneEnd(in: run) {
            report(start, end, .phone, .phone)
            return end
        }
        return resumption(after: run)
    }

    /// Where to look again after a run in which nothing was found: right after its first
    /// space (`1040424035 590 16 2626` is a timestamp, then an SSN), unless the run is
    /// grouped in fours throughout (card-like, tracking numbers), which is never re-read in part.
    func resumption(after run: DigitRun) -> Int {
        if run.isGroupedInFours { return run.end }
        for g in 0..<run.groupCount {
            let position = run.start + Int(run.groupEnds[g])
            if position < run.end, at(position) == 0x20 { return position }
        }
        return run.end
    }
}
