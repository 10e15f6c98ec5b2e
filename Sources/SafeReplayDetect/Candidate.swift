/// A detection in UTF-8 byte offsets, before overlaps are resolved.
struct Candidate {
    var start: Int
    var end: Int
    var type: PIIType
    /// Lower wins when two candidates overlap: a value with a self-checking structure
    /// (a JWT's JSON header, a vendor prefix, a checksum) beats a looser reading of the same bytes.
    var rank: Rank

    enum Rank: UInt8, Comparable {
        case jwt, vendorKey, bearer, email, iban, card, ip, ssn, phone, keywordSecret, entropySecret

        static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }
}

extension Array where Element == Candidate {
    /// Makes the candidates sorted and non-overlapping, in place: of two overlapping
    /// candidates the better-ranked stays, and on a tie the longer one. The scan reports
    /// mostly in order, so sorting is usually skipped.
    mutating func resolveOverlaps() {
        if count < 2 { return }
        var ordered = true
        for k in 1..<count where self[k].start < self[k - 1].start {
            ordered = false
            break
        }
        if !ordered {
            sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        }
        var kept = 0
        for k in 0..<count {
            let c = self[k]
            guard kept > 0, c.start < self[kept - 1].end else {
                self[kept] = c
                kept += 1
                continue
            }
            // Survivors never overlap and starts are sorted, so `c` can only clash with the last.
            let last = self[kept - 1]
            if c.rank < last.rank || (c.rank == last.rank && c.end - c.start > last.end - last.start) {
                self[kept - 1] = c
            }
        }
        removeLast(count - kept)
    }
}
