/// Digit runs: one lexing, then the detectors from the most to the least self-checking.
extension PIIScan {
    /// Words after which even a Luhn-valid number is a barcode or a parcel.
    static let barcodeWordList: [StaticString] = [
        "isbn", "isbn13", "ean", "ean13", "barcode", "upc", "gtin", "tracking", "shipment", "parcel", "fedex",
        "ups", "usps", "dhl",
    ]
    static let barcodeWords = PackedWordSet(barcodeWordList.map { PackedWord($0) })

    /// The last bytes a barcode word can end with, folded as ``mayFollowBarcodeWord(_:)``
    /// folds them (`| 0x20`, low six bits), with the joiners `-` and `_` that packing drops.
    static let barcodeLastBytes: UInt64 = barcodeWordList.reduce(1 << (0x2D & 63) | 1 << ((0x5F | 0x20) & 63)) { bits, word in
        bits | 1 << UInt64((word.utf8Start[word.utf8CodeUnitCount - 1] | 0x20) & 63)
    }

    /// A run of nine digits or more from `start`: lexed once, then read by each detector.
    @inline(never)
    mutating func lexedDigitRun(from start: Int) -> Int {
        // One copy of `self` for the calls below: from a mutating method each call to a
        // non-mutating one copied it.
        let scan = self
        let run = scan.lexDigitRun(from: start)
        if isOn(.creditCard), let end = scan.cardEnd(in: run), end < run.end || scan.endsCleanly(end) {
            let word = scan.mayFollowBarcodeWord(start) ? scan.precedingWord(before: start).word : nil
            if word == nil || !Self.barcodeWords.contains(word!) {
                report(start, end, .creditCard, .card)
                return end
            }
        }
        if isOn(.usSSN), let (end, bare) = scan.ssnEnd(in: run), end < run.end || scan.endsCleanly(end),
           !bare || !scan.identifierContext(before: start) {
            // Nine bare digits after a phone word are a national phone number (Spain and Italy
            // write them so) when the phone rules agree; otherwise still masked, as an SSN.
            if bare, isOn(.phone), scan.phoneContext(before: start), let phone = scan.phoneEnd(in: run) {
                report(start, phone, .phone, .phone)
                return phone
            }
            report(start, end, .usSSN, .ssn)
            return end
        }
        if isOn(.phone), let end = scan.phoneEnd(in: run) {
            report(start, end, .phone, .phone)
            return end
        }
        return resumingAtWordStart(scan.resumption(after: run), runStart: start)
    }

    /// Where scanning resumes after a run that found nothing, moved back to the start of its
    /// last group when that group is glued to a word (`Postcode 024890 95d:f00b:…`, `12
    /// 9:f00b:…`): resumed mid-word, the scan would read the word's tail as a word of its own,
    /// and an address starting in the group would be masked only in part, or missed.
    @inline(__always)
    func resumingAtWordStart(_ resume: Int, runStart: Int) -> Int {
        guard isAlnum(at(resume)) || at(resume) == 0x3A else { return resume }
        var j = resume
        while j > runStart, isAlnum(at(j &- 1)) { j &-= 1 }
        return j > runStart ? j : resume
    }

    /// Where scanning resumes after a run from `start` with fewer than nine digits within 48
    /// bytes (digits and `space - . / ( )` between them), or `nil` when it has nine. Eight
    /// bytes a step, each lane classed as digit, separator or neither at once.
    @inline(__always)
    func shortRunEnd(from start: Int, digitsTo digitsEnd: Int) -> Int? {
        let base = self.base  // a local: through `self` the loop reloads it at every byte
        let limit = min(count, start + 48)
        var k = digitsEnd
        var digits = digitsEnd - start
        let high: UInt64 = 0x8080_8080_8080_8080
        while k &+ 8 <= limit {
            let v = UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
            // Seven-bit lanes plus 0x80 - c: bit 7 set where the lane is c or more (no carry
            // crosses a lane). Non-ASCII lanes are neither digit nor separator.
            let low = v & 0x7F7F_7F7F_7F7F_7F7F
            let ascii = ~v & high
            let atLeast20 = (low &+ 0x6060_6060_6060_6060) & high
            let atLeast21 = (low &+ 0x5F5F_5F5F_5F5F_5F5F) & high
            let atLeast28 = (low &+ 0x5858_5858_5858_5858) & high
            let atLeast2A = (low &+ 0x5656_5656_5656_5656) & high
            let atLeast2D = (low &+ 0x5353_5353_5353_5353) & high
            let atLeast30 = (low &+ 0x5050_5050_5050_5050) & high
            let atLeast3A = (low &+ 0x4646_4646_4646_4646) & high
            let digit = atLeast30 & ~atLeast3A & ascii
            // `space`, `(` `)`, `-` `.` `/` or a digit.
            let member = (atLeast20 & ~atLeast21 | atLeast28 & ~atLeast2A | atLeast2D & ~atLeast3A) & ascii
            let lanes = (~member & high).trailingZeroBitCount &>> 3
            let kept = lanes == 8 ? digit : digit & ((1 &<< UInt64(truncatingIfNeeded: lanes &* 8)) &- 1)
            digits &+= Lanes.count(kept)
            if digits >= 9 { return nil }
            k &+= lanes
            if lanes < 8 { return k }
        }
        while k < limit {
            let c = base[k]
            if isDigit(c) {
                digits += 1
                if digits == 9 { return nil }
            } else if !(c == 0x20 || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x28 || c == 0x29) {
                return k
            }
            k += 1
        }
        // The run went on to the limit: digits and dashes after it are passed with it.
        while isDigit(at(k)) || at(k) == 0x2D { k += 1 }
        return k
    }

    /// Where to look again after a run in which nothing was found: right after its first
    /// space (`1040424035 590 16 2626` is a timestamp, then an SSN), unless the run is
    /// grouped in fours throughout (card-like, tracking numbers), which is never re-read in part.
    func resumption(after run: DigitRun) -> Int {
        if run.isGroupedInFours { return run.end }
        return run.groupEnds.withBytes { groupEnds in
            for g in 0..<run.groupCount {
                let position = run.start + Int(groupEnds[g & 15])
                if position < run.end, at(position) == 0x20 { return position }
            }
            return run.end
        }
    }
}
