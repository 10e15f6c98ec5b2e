/// EMAIL: triggered by `@`, the local part read backwards and the domain forwards.
///
/// Local parts take the characters real addresses use (`A-Z a-z 0-9 . _ % + -`) plus letters
/// of any alphabetic script (RFC 6531); the rarer RFC 5322 specials (`= ? & / …`) end the
/// local part, because in page text they are far more often the delimiters around an
/// address (`?email=`, `user=`) than inside one. Domains take LDH labels, IDN labels in
/// Unicode, or `xn--` labels, and need at least one dot and a top-level label of letters.
/// Next to CJK text without spaces, the address ends where the script changes.
extension PIIScan {
    static let maxLocalBytes = 64
    static let maxDomainBytes = 255

    mutating func email(at at_: Int) -> Int? {
        // One copy of `self` for both calls: from a mutating method each call to a
        // non-mutating one copied it.
        let scan = self
        guard let localStart = scan.localPartStart(before: at_) else { return nil }
        guard let domainEnd = scan.domainEnd(after: at_ + 1) else { return nil }
        report(localStart, domainEnd, .email, .email)
        return domainEnd
    }

    func isLocalASCII(_ c: UInt8) -> Bool {
        isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D
    }

    /// Where the local part before the `@` at `at_` starts, or `nil` if there is none.
    func localPartStart(before at_: Int) -> Int? {
        var k = at_
        var script: ScriptClass? = nil  // .letter for ASCII/alphabetic, .cjk for an all-CJK local part
        // An ASCII local part, the common case, in a loop of its own (`k - 1` is in the text).
        // (``isLocalASCII(_:)`` by the class table: letters, digits, `_` and `-` are one bit.)
        while k > 0, at_ &- k < Self.maxLocalBytes {
            let c = base[k &- 1]
            guard table[Int(c)] & ByteClass.word != 0 || c == 0x2E || c == 0x25 || c == 0x2B else { break }
            k &-= 1
        }
        if k < at_ { script = .letter }
        while k > 0, at_ - k < Self.maxLocalBytes {
            let c = at(k - 1)
            if c < 0x80 {
                guard isLocalASCII(c), script != .cjk else { break }
                script = .letter
                k -= 1
                continue
            }
            let s = scalarStart(before: k)
            let cls = ScriptClass(scalar(at: s).value)
            if cls == .other { break }
            if let script, script != cls { break }
            script = cls
            k = s
        }
        // Dots may not lead, nor double up: keep what follows the last such break.
        var start = k
        var i = k
        while i < at_ {
            // (`i + 1` is at most the `@`: in the text.)
            if base[i] == 0x2E, i == start || base[i &+ 1] == 0x2E || i &+ 1 == at_ {
                start = i + 1
            }
            i += 1
        }
        guard start < at_, at(at_ - 1) != 0x2E else { return nil }
        return start
    }

    /// The end of a valid domain starting at `start`, or `nil`.
    func domainEnd(after start: Int) -> Int? {
        var i = start
        var labels = 0
        var lastLabelStart = start
        var lastLabelEnd = start
        var lastLabelAlphabetic = false
        while i < count, i - start < Self.maxDomainBytes {
            // One label.
            let labelStart = i
            var script: ScriptClass? = nil
            var alphabetic = true
            // An ASCII label, the common case, in a loop of its own: letters, digits and `-`.
            while i < count {
                let c = base[i]
                let cls = table[Int(c)]
                guard cls & ByteClass.alnum != 0 || c == 0x2D else { break }
                if cls & (ByteClass.upper | ByteClass.lower) == 0 { alphabetic = false }
                i += 1
            }
            if i > labelStart { script = .letter }
            while i < count {
                let c = base[i]
                if c < 0x80 {
                    guard isAlnum(c) || c == 0x2D, script != .cjk else { break }
                    if !isAlpha(c) { alphabetic = false }
                    script = .letter
                    i += 1
                    continue
                }
                let (value, length) = scalar(at: i)
                let cls = ScriptClass(value)
                if cls == .other { break }
                if let script, script != cls { break }
                script = cls
                i += length
            }
            let labelLength = i - labelStart
            guard labelLength > 0, labelLength <= 63, at(labelStart) != 0x2D, at(i - 1) != 0x2D else { break }
            labels += 1
            lastLabelStart = labelStart
            lastLabelEnd = i
            lastLabelAlphabetic = alphabetic
            // Another label follows only after a dot that leads somewhere.
            guard at(i) == 0x2E else { break }
            let n = at(i + 1)
            guard isAlnum(n) || n >= 0x80 else { break }
            i += 1
        }
        guard labels >= 2 else { return nil }
        let tldLength = lastLabelEnd - lastLabelStart
        let isPunycode = at(lastLabelStart) | 0x20 == 0x78 && at(lastLabelStart + 1) | 0x20 == 0x6E
            && at(lastLabelStart + 2) == 0x2D && at(lastLabelStart + 3) == 0x2D
        guard tldLength >= 2, lastLabelAlphabetic || isPunycode else { return nil }
        return lastLabelEnd
    }
}
