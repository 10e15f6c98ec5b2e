/// One pass over the UTF-8 bytes of one string.
///
/// The loop looks at each byte once to find candidate triggers: a word (run of letters,
/// digits, `_` and `-`) is read whole and classified by its shape, and the few non-word
/// bytes that can start a value (`@`, `+`, `(`, `::`) are checked where they stand. Only a
/// trigger leads to a detector, and each detector validates (checksums, ranges, decoding)
/// before it reports, so clean text costs one table lookup per byte.
///
/// Every read goes through ``at(_:)``, which answers 0 outside the buffer: detectors can
/// look around freely and hostile input cannot make them read out of bounds.
struct PIIScan {
    // (The small fields after the buffer, in its tail: 62 bytes, not 74, for the copies a
    // mutating detector makes to call a non-mutating helper.)
    let base: UnsafePointer<UInt8>
    let count: Int
    let table: UnsafePointer<UInt8>
    /// ``keywordTailFilter``, held here so the hot loop reads a field, not a lazy global.
    let tailFilter: UnsafePointer<UInt8>
    var candidates: CandidateBuffer
    let enabled: UInt16
    /// `containsPII`: stop at the first validated value.
    let stopAtFirst: Bool
    var finished = false

    init(base: UnsafePointer<UInt8>, count: Int, tables: ScanTables, enabled: UInt16, stopAtFirst: Bool,
         candidates: CandidateBuffer) {
        self.base = base
        self.candidates = candidates
        self.count = count
        self.table = tables.classes
        self.enabled = enabled
        self.stopAtFirst = stopAtFirst
        self.tailFilter = tables.tailFilter
    }

    /// (`0 <= i < count` as one unsigned compare: a negative `i` is a huge `UInt`. The two
    /// signed tests were two compares and two branches at every read.)
    @inline(__always) func at(_ i: Int) -> UInt8 {
        UInt(bitPattern: i) < UInt(bitPattern: count) ? base[i] : 0
    }

    /// `A-Z a-z 0-9 _ -`, by table.
    @inline(__always) func isBase64URLByte(_ i: Int) -> Bool {
        UInt(bitPattern: i) < UInt(bitPattern: count) && table[Int(base[i])] & ByteClass.word != 0
    }

    @inline(__always) func isOn(_ type: PIIType) -> Bool {
        enabled & type.bit != 0
    }

    mutating func report(_ start: Int, _ end: Int, _ type: PIIType, _ rank: Candidate.Rank) {
        candidates.append(Candidate(start: start, end: end, type: type, rank: rank))
        if stopAtFirst { finished = true }
    }

    mutating func run() {
        // Locals: through `self` (inout, and handed to every detector the loop calls) the
        // buffer and the tables were reloaded at every word.
        let n = count, base = self.base, table = self.table, tailFilter = self.tailFilter
        var i = 0
        scan: while i < n {
            // Spaces and punctuation that start nothing: a tight skip, by pointer (by index the
            // loop kept three counters).
            var cls = table[Int(base[i])]
            if cls & (ByteClass.alnum | ByteClass.trigger) == 0 {
                var p = base + i
                let last = base + n
                repeat {
                    p += 1
                    if p == last { break scan }
                    cls = table[Int(p.pointee)]
                } while cls & (ByteClass.alnum | ByteClass.trigger) == 0
                i = p - base
            }
            if cls & ByteClass.alnum == 0 {
                // A colon starts something only as `::`; a label's (`Date: `) is passed here,
                // without the call.
                if base[i] == 0x3A, at(i &+ 1) != 0x3A {
                    i &+= 1
                    continue
                }
                i = trigger(at: i)
                if finished { break }
                continue
            }
            var j = i &+ 1
            // A word of letters only, ended within nine bytes by a byte that is no word byte:
            // running text's common case, answered from one eight-byte load.
            if cls & ByteClass.digit == 0, i &+ 9 < n {
                j &+= Self.lettersAhead(base + j)
                if table[Int(base[j])] & ByteClass.word == 0 {
                    if !Self.mayStartValue(base, n, tailFilter, i, j) {
                        // One space, the usual end, skipped here: it starts nothing.
                        i = base[j] == 0x20 ? j &+ 1 : j
                        continue
                    }
                    i = max(letterWord(i, j, cls), j)
                    if finished { break }
                    continue
                }
            } else if i &+ 9 < n {
                // A number of up to nine digits (prices, dates, counts: most numbers), likewise
                // from one load; more digits add no bit that `numericWord` reads.
                let values = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                    ^ 0x3030_3030_3030_3030
                j &+= Lanes.nonDigits(values).trailingZeroBitCount &>> 3
                if table[Int(base[j])] & ByteClass.word == 0 {
                    i = max(numericWord(i, j, cls), j)
                    if finished { break }
                    continue
                }
            }
            // Classes of the rest of the word, four bytes a step with one bounds check: a wider
            // step does not pay, words of running text are too short (eight classified at
            // once, or sixteen, cost more instructions here). Letters the load above measured
            // are not read again: they add no bit that `letterWord` reads (digit, joiner).
            var flags = cls
            word: do {
                while j &+ 4 <= n {
                    let k0 = table[Int(base[j])]
                    if k0 & ByteClass.word == 0 { break word }
                    let k1 = table[Int(base[j &+ 1])]
                    if k1 & ByteClass.word == 0 {
                        flags |= k0
                        j &+= 1
                        break word
                    }
                    let k2 = table[Int(base[j &+ 2])]
                    if k2 & ByteClass.word == 0 {
                        flags |= k0 | k1
                        j &+= 2
                        break word
                    }
                    let k3 = table[Int(base[j &+ 3])]
                    if k3 & ByteClass.word == 0 {
                        flags |= k0 | k1 | k2
                        j &+= 3
                        break word
                    }
                    flags |= k0 | k1 | k2 | k3
                    j &+= 4
                }
                while j < n {
                    let k = table[Int(base[j])]
                    if k & ByteClass.word == 0 { break }
                    flags |= k
                    j &+= 1
                }
            }
            if flags & ByteClass.digit == 0 {
                // A plain word of running text, the common case: nothing to do. Under ten
                // letters, by `mayStartValue`; up to 28, when no keyword's tail ends it and it
                // cannot start a JWT (`e…`) or, from fourteen, a vendor key (by its first
                // letter): `letterWord` would do nothing else with it (no digit for an IBAN,
                // 28 letters or fewer, never a bare secret).
                let length = j &- i
                if length < 10 ? !Self.mayStartValue(base, n, tailFilter, i, j)
                    : (length < 14 ? base[i] != UInt8(ascii: "e")
                        : length < 29 && Self.tokenFirstLetters & (1 &<< UInt64(base[i] & 63)) == 0)
                        && !Self.filterHit(tailFilter + Self.longWordFilterOffset, Self.foldedTail(base, j)) {
                    i = j
                    continue
                }
            }
            let next = cls & ByteClass.digit != 0
                ? numericWord(i, j, flags)
                : letterWord(i, j, flags)
            i = max(next, j)
            if finished { break }
        }
    }

    /// How many of the eight bytes at `p` are ASCII letters before the first that is not.
    /// (``Lanes/letters(_:)`` without its seven-bit mask, two instructions a word fewer: an
    /// ASCII lane carries nothing out, so only a lane past a non-ASCII one, itself no letter,
    /// can take a carry, and the count stops before it.)
    @inline(__always) static func lettersAhead(_ p: UnsafePointer<UInt8>) -> Int {
        let v = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let folded = v | 0x2020_2020_2020_2020
        let nonLetters = (~(folded &+ 0x1F1F_1F1F_1F1F_1F1F) | (folded &+ 0x0505_0505_0505_0505) | v) & Lanes.high
        return nonLetters.trailingZeroBitCount &>> 3
    }

    /// Where the run of word bytes from `start` ends, for long ones (tokens, JWT segments):
    /// sixteen bytes a step (``WordRun``).
    @inline(__always) func longWordEnd(from start: Int) -> Int {
        start &+ WordRun.length(base + start, count &- start)
    }

    /// Whether a short word without digits may lead to a value: a keyword (by its last
    /// three letters: a 256-bit filter, then ``keywordTailFits(_:_:)``), an IPv6 group before
    /// `:`, or SendGrid's `SG`.
    @inline(__always) static func mayStartValue(_ base: UnsafePointer<UInt8>, _ count: Int,
                                                _ tailFilter: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end &- start
        if length >= 3 {
            let folded = foldedTail(base, end)
            if filterHit(tailFilter, folded), keywordTailFits(folded, length) { return true }
        }
        guard length <= 4 else { return false }
        let next = end < count ? base[end] : 0
        return next == UInt8(ascii: ":") || next == UInt8(ascii: ".") && length == 2
    }

    /// The last three bytes of a word of three or more that ends at `end`, first in the low
    /// byte, with 0x20 set in each (letters folded): one load of four from the byte before
    /// them, which is there unless the word starts the text.
    @inline(__always) static func foldedTail(_ base: UnsafePointer<UInt8>, _ end: Int) -> UInt32 {
        let tail = end >= 4
            ? UInt32(littleEndian: UnsafeRawPointer(base + (end - 4)).loadUnaligned(as: UInt32.self)) >> 8
            : UInt32(base[end - 3]) | UInt32(base[end - 2]) << 8 | UInt32(base[end - 1]) << 16
        return tail | 0x20_2020
    }

    /// Whether `folded` (see ``foldedTail(_:_:)``) has its bit in the 256-bit `filter`.
    @inline(__always) static func filterHit(_ filter: UnsafePointer<UInt8>, _ folded: UInt32) -> Bool {
        let slot = filterSlot(folded)
        return filter[Int(slot >> 3)] & (1 << (slot & 7)) != 0
    }

    @inline(__always) static func filterSlot(_ tail: UInt32) -> UInt32 {
        (tail &* 0x9E37_79B1) >> 24
    }

    /// Whether a word of `length` bytes (under ten: longer ones reach ``keyword(_:_:)``
    /// without this test) that ends in `tail` (its last three bytes folded as above, first
    /// lowest) can be one of the keywords ``keyword(_:_:)`` matches: the tail of one and at
    /// least its length. The filter's other hits (a third of pii-dev's: `ssn`, `order`,
    /// `header`, `test` by collision, `barcode` or `session` by a tail of their own) then cost
    /// a switch here, not two calls that found nothing.
    @inline(__always) static func keywordTailFits(_ tail: UInt32, _ length: Int) -> Bool {
        switch tail {
        case 0x79_656B, 0x64_7770: return true  // key (`api_key`, …), pwd
        case 0x6E_656B: return length >= 5  // token
        case 0x74_6572, 0x64_7773, 0x72_6572: return length >= 6  // secret, passwd, bearer
        case 0x64_726F, 0x65_646F: return length >= 8  // password, passcode
        default: return false
        }
    }

    /// Two filters of 256 bits, one bit per keyword tail (see ``keyword(_:_:)``, there
    /// written last letter lowest); other tails mostly miss. (With 64 bits, two in three short
    /// words of pii-dev that reached ``keyword(_:_:)`` were misses.) The first 32 bytes hold
    /// the tails of keywords under ten letters, for shorter words; the next 32 every tail
    /// ``keyword(_:_:)`` compares, for longer words (``longWordFilterOffset``).
    /// Written once before first use and never again, so sharing it across threads is safe.
    nonisolated(unsafe) static let keywordTailFilter: UnsafePointer<UInt8> = {
        let short: [UInt32] = [0x6B6579, 0x726574, 0x6B656E, 0x6F7264, 0x737764, 0x707764, 0x6F6465, 0x726572]
        // passphrase, credential, credentials, authorization
        let long = short + [0x617365, 0x69616C, 0x616C73, 0x696F6E]
        let bits = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * longWordFilterOffset)
        bits.initialize(repeating: 0, count: 2 * longWordFilterOffset)
        for (tails, offset) in [(short, 0), (long, longWordFilterOffset)] {
            for tail in tails {
                let slot = filterSlot((tail & 0xFF) << 16 | tail & 0xFF00 | tail >> 16)
                bits[offset + Int(slot >> 3)] |= 1 << (slot & 7)
            }
        }
        return UnsafePointer(bits)
    }()

    /// The first letters of JWTs (`e`) and of the vendor keys ``vendorKey(_:_:)`` knows (`A g h
    /// n p r s S x`), one bit each at the letter's low six bits (A-Z 1-26, a-z 33-58).
    /// (A literal: a computed global was read through its lazy initializer in the hot loop.)
    static let tokenFirstLetters: UInt64 = 1 << 37 | 1 << 1 | 1 << 39 | 1 << 40 | 1 << 46 | 1 << 48 | 1 << 50
        | 1 << 51 | 1 << 19 | 1 << 56

    /// Where the long words' filter starts in ``keywordTailFilter``.
    static let longWordFilterOffset = 32

    /// A non-word byte that may start a value. Returns where scanning resumes.
    @inline(never)
    mutating func trigger(at i: Int) -> Int {
        switch base[i] {
        case UInt8(ascii: "@"):
            if isOn(.email), let end = email(at: i) { return end }
        case UInt8(ascii: "+"):
            if isOn(.phone), isDigit(at(i + 1)), !isAlnum(at(i - 1)), let end = phoneRun(from: i) { return end }
        case UInt8(ascii: "("):
            if isOn(.phone), isDigit(at(i + 1)), !isAlnum(at(i - 1)), let end = phoneRun(from: i) { return end }
        case UInt8(ascii: ":"):
            // `::` not glued to a hex group; in `:::ffff:…` (a label's colon, then the
            // address) the address starts at the last two.
            if isOn(.ipAddress), at(i + 1) == UInt8(ascii: ":"), at(i + 2) != UInt8(ascii: ":"), !isHex(at(i - 1)) {
                return ipv6(from: i)
            }
        default:
            break
        }
        return i + 1
    }

    /// A word that starts with a digit: numbers of every kind, IPs, and hex secrets.
    @inline(never)
    mutating func numericWord(_ start: Int, _ end: Int, _ flags: UInt8) -> Int {
        let hasLetters = flags & (ByteClass.upper | ByteClass.lower) != 0
        if isOn(.ipAddress), end &- start <= 4, at(end) == UInt8(ascii: ":"), !hasLetters || allHex(start, end) {
            return ipv6(from: start)
        }
        if digitsMayStart(at: start) {
            if isOn(.ipAddress), flags & ByteClass.joiner == 0, !hasLetters, at(end) == UInt8(ascii: "."),
               let e = ipv4(from: start) {
                return e
            }
            // Letters glued on (`989-420-4684x561`, `1Z…`, a UUID) end the run early; the
            // detectors' boundary checks sort out which of those are values.
            let found = candidates.count
            let digitsEnd = hasLetters || flags & ByteClass.joiner != 0 ? start : end
            // Nothing we detect in a run that starts with a digit has fewer than nine digits
            // (`+CC` numbers start at the `+`): count ahead before lexing properly. Here, in
            // this function: half the runs end so, and the call to the lexing path costs a
            // large frame (a function of its own, this was a call per number too).
            let next: Int
            if digitsEnd &- start < 9, let shortEnd = shortRunEnd(from: start, digitsTo: digitsEnd) {
                next = resumingAtWordStart(shortEnd, runStart: start)
            } else {
                next = lexedDigitRun(from: start)
            }
            if candidates.count > found || !hasLetters { return next }
        }
        if hasLetters { secretWord(start, end, flags) }
        return end
    }

    /// A number may start here: not the tail of another number (`12.345`, `1,000`, `10:30`).
    @inline(__always)
    func digitsMayStart(at start: Int) -> Bool {
        // (Wrapping offsets here and below: they stay within a few bytes of the text.)
        let p = at(start &- 1)
        if isAlnum(p) { return false }
        switch p {
        case UInt8(ascii: ","):
            // `1,000` and `12,5` continue a number; four digits or more after the comma, or
            // three and a dash, do not (no thousands group or decimal is written so): a CSV
            // field (`…1111,5555…`, `42,123-45-6789`).
            guard isDigit(at(start &- 2)) else { return true }
            guard isDigit(at(start &+ 1)), isDigit(at(start &+ 2)) else { return false }
            return isDigit(at(start &+ 3)) || at(start &+ 3) == UInt8(ascii: "-")
        case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return !isDigit(at(start &- 2))
        case UInt8(ascii: "+"):
            return false  // the `+` trigger already read this number as international
        default:
            return true
        }
    }

    /// A word that starts with a letter: vendor keys, JWTs, IBANs, keywords, IPv6, secrets.
    @inline(never)
    mutating func letterWord(_ start: Int, _ end: Int, _ flags: UInt8) -> Int {
        let length = end &- start
        if flags & ByteClass.digit == 0, length < 10 {
            // The common case, a word of running text: only a keyword, `SG.` or an IPv6 group.
            if length <= 4, at(end) == UInt8(ascii: ":"), isOn(.ipAddress), allHex(start, end) {
                return ipv6(from: start)
            }
            if length == 2, base[start] == UInt8(ascii: "S"), base[start + 1] == UInt8(ascii: "G"),
               at(end) == UInt8(ascii: "."), isOn(.apiKey), let e = sendGridKey(start) {
                return e
            }
            return keyword(start, end) ?? end
        }
        let first = base[start]
        if length >= 10, first == UInt8(ascii: "e"), isOn(.jwt), isJWTStart(start), let e = jwt(from: start) {
            return e
        }
        if isOn(.iban), flags & ByteClass.digit != 0, isAlpha(first), isAlpha(at(start + 1)),
           isDigit(at(start + 2)), isDigit(at(start + 3)), let e = iban(from: start) {
            return e
        }
        if length >= 14, isOn(.apiKey), let e = vendorKey(start, end) { return e }
        if length <= 4, at(end) == UInt8(ascii: ":"), isOn(.ipAddress), allHex(start, end) {
            return ipv6(from: start)
        }
        if length <= 28, flags & ByteClass.digit == 0 {
            // Most long words end in no keyword's tail: the filter, not the call.
            guard Self.filterHit(tailFilter + Self.longWordFilterOffset, Self.foldedTail(base, end)) else { return end }
            return keyword(start, end) ?? end
        } else {
            secretWord(start, end, flags)
        }
        return end
    }

    func allHex(_ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end {
            if !isHex(base[k]) { return false }
            k += 1
        }
        return true
    }
}
