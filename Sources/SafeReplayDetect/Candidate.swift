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

