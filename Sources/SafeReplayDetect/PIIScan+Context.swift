/// The words just before a candidate, for the look-alikes that no checksum can tell apart:
/// a bare 9- or 10-digit number is an order number after "Order #" and may be a phone
/// number after "Mobile"; a dotted quad after "Version" is a version.
///
/// Context only ever *rejects* a weak candidate (a bare digit run, a hex string, a dotted
/// quad). Values with structure of their own (a `+CC` phone, a Luhn-valid card, an IBAN)
/// are reported whatever precedes them.
extension PIIScan {
    /// Words after which a bare number is an identifier, a quantity or a time, not PII.
    static let identifierWords = PackedWordSet([
        "order", "orders", "invoice", "inv", "confirmation", "booking", "ref", "reference", "ticket",
        "tracking", "track", "shipment", "parcel", "package", "fedex", "ups", "usps", "dhl", "isbn",
        "isbn10", "isbn13", "ean", "ean13", "barcode", "upc", "gtin", "sku", "serial", "part", "product",
        "item", "article", "build", "version", "ver", "release", "timestamp", "ts", "t", "time", "epoch",
        "date", "zip", "zipcode", "postcode", "postal", "plz", "cep", "population", "views", "qty",
        "quantity", "count", "size", "id", "uid", "pid", "txid", "transaction", "case", "po", "batch",
        "lot", "model", "rev", "revision", "commit", "page", "line", "port", "pin", "otp", "code",
    ])

    /// Words after which a dotted quad is a version, not an address (see docs/detectors.md).
    static let versionWords = PackedWordSet([
        "version", "ver", "v", "build", "release", "firmware", "fw", "assembly", "assemblyversion",
        "fileversion", "productversion", "sdk", "app", "ios", "android", "windows", "macos", "os",
        "chrome", "firefox", "safari", "edge", "kernel", "driver", "bios", "patch", "update", "rev",
        "revision",
    ])

    /// Words after which a hex string is a digest or an id, not a secret.
    static let digestWords = PackedWordSet([
        "commit", "merge", "merged", "sha", "sha1", "sha256", "sha512", "md5", "hash", "digest",
        "checksum", "rev", "revision", "fixed", "in", "revert", "cherrypick", "parent", "tree", "blob",
        "object", "etag", "trace", "traceid", "span", "spanid", "request", "requestid", "correlationid",
        "uuid", "guid", "build", "integrity", "fingerprint",
    ])

    /// Words after which a bare nine-digit number that is also a valid SSN is a phone
    /// number: `Mobile 612345678`, `{"phone":"092559350"}`, `Chiamami al 036376415`.
    static let phoneWords = PackedWordSet([
        "phone", "telephone", "tel", "tlf", "telf", "tfno", "mobile", "mob", "mobil", "mobiel", "cell",
        "cellphone", "cellular", "cellulare", "celular", "cel", "movil", "telefono", "telefone", "telefon",
        "telefoon", "handy", "portable", "fax", "call", "whatsapp", "sms", "chiamami", "llamame", "ligue",
        "appelez", "contact", "kontakt",
    ])

    /// Short words between a phone word and its number ("call me at", "Chiamami al"): look
    /// one word further back.
    static let phoneLinkWords = PackedWordSet(["al", "at", "on", "au", "am", "a", "me", "to", "unter", "op", "is"])

    /// "number", "no.", "#": transparent, look one word further back ("Order number 123").
    static let numberWords = PackedWordSet(["number", "no", "nr", "num", "nummer", "numero", "n"])

    /// Where the word before `position` ends, past a little punctuation (`: = # " ' ( [ {`,
    /// tab and space, four bytes at most), and whether a `#` was among it.
    @inline(__always)
    func precedingWordEnd(before position: Int) -> (end: Int, sawHash: Bool) {
        var k = position - 1
        var sawHash = false
        var skipped = 0
        while k >= 0, skipped < 4 {
            let c = base[k]
            // One bit test for the punctuation under 64 (tab, space, `" # ' ( . : =`), and
            // `[` or `{` (one with 0x20 set): eleven compares before.
            let below64: UInt64 = 1 << 0x09 | 1 << 0x20 | 1 << 0x22 | 1 << 0x23 | 1 << 0x27 | 1 << 0x28
                | 1 << 0x2E | 1 << 0x3A | 1 << 0x3D
            guard c < 64 ? below64 & (1 &<< UInt64(c)) != 0 : c | 0x20 == 0x7B else { break }
            if c == 0x23 { sawHash = true }
            k -= 1
            skipped += 1
        }
        return (k + 1, sawHash)
    }

    /// The word that ends right before `position`, skipping a little punctuation
    /// (`: = # " ' ( [ {`), and whether a `#` was among it.
    func precedingWord(before position: Int) -> (word: PackedWord?, start: Int, sawHash: Bool) {
        let (end, sawHash) = precedingWordEnd(before: position)
        var k = end - 1
        if end >= 8 {
            // The eight bytes that end where the word does, classed at once: most words are
            // shorter, and the loop below cost ten instructions a byte. The same load packs
            // the word.
            let lastEight = UInt64(littleEndian: UnsafeRawPointer(base + (end - 8)).loadUnaligned(as: UInt64.self))
            let nonWord = ~Lanes.wordBytes(lastEight) & Lanes.high
            if nonWord != 0 {
                let start = end - nonWord.leadingZeroBitCount &>> 3
                guard start < end, !isDigit(base[start]) else { return (nil, start, sawHash) }
                return (PackedWord(base, start, end, lastEight: lastEight), start, sawHash)
            }
            k = end - 9  // eight word bytes: the rest of a longer word byte by byte
        }
        // Letters, digits, `_` and `-`: one bit of the scan's table.
        while k >= 0, end - k <= PackedWord.capacity, table[Int(base[k])] & ByteClass.word != 0 {
            k -= 1
        }
        let start = k + 1
        guard start < end, !isDigit(base[start]) else { return (nil, start, sawHash) }
        return (PackedWord(base, start, end), start, sawHash)
    }

    /// Whether the word before `position` may be one of ``barcodeWords``, by its last byte:
    /// one of theirs (either case), or a joiner, which packing drops. Most card numbers
    /// follow another word (`card`, `Visa`, `number`), or none: no word packed.
    func mayFollowBarcodeWord(_ position: Int) -> Bool {
        let end = precedingWordEnd(before: position).end
        guard end > 0 else { return false }
        // (0x20 set folds letters. Other bytes that fold onto one of these only cost the
        // full reading.)
        let c = base[end - 1] | 0x20
        return Self.barcodeLastBytes & (1 &<< UInt64(c & 63)) != 0
    }

    /// Whether the words before `position` say the number there is an identifier.
    func identifierContext(before position: Int) -> Bool {
        var (word, start, sawHash) = precedingWord(before: position)
        if sawHash { return true }
        if let w = word, Self.numberWords.contains(w) {
            (word, _, sawHash) = precedingWord(before: start)
            if sawHash { return true }
        }
        guard let word else { return false }
        return Self.identifierWords.contains(word)
    }

    /// Whether the words before `position` say the bare number there is a phone number.
    /// (Words are read as ASCII: `Móvil` is not recognised, `Movil` is.)
    func phoneContext(before position: Int) -> Bool {
        var position = position
        for _ in 0..<3 {
            let (word, start, _) = precedingWord(before: position)
            guard let word else { return false }
            if Self.phoneWords.contains(word) { return true }
            guard Self.numberWords.contains(word) || Self.phoneLinkWords.contains(word) else { return false }
            position = start
        }
        return false
    }

    func versionContext(before position: Int) -> Bool {
        guard let word = precedingWord(before: position).word else { return false }
        return Self.versionWords.contains(word)
    }

    func digestContext(before position: Int) -> Bool {
        guard let word = precedingWord(before: position).word else { return false }
        return Self.digestWords.contains(word)
    }
}

extension PackedWord: ExpressibleByStringLiteral {
    init(stringLiteral value: StaticString) {
        self.init(value)
    }
}
