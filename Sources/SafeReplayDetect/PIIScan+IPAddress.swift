/// IP_ADDRESS: dotted-quad IPv4 and RFC 4291 IPv6 text forms (full, `::`-compressed,
/// and with an embedded IPv4 tail such as `::ffff:192.0.2.1`).
///
/// Unspecified and loopback addresses (`0.0.0.0`, `127.x.x.x`, `::1` however spelled) are not reported:
/// they identify no one and fill developer text. A dotted quad right after a version word ("Version 1.2.3.4", "Build 10.0.1.7") is read
/// as a version; see docs/detectors.md for why.
extension PIIScan {
    /// An IPv4 address starting at `start`: its end, or `nil`.
    func ipv4End(from start: Int) -> Int? {
        var i = start
        for part in 0..<4 {
            if part > 0 {
                guard at(i) == 0x2E else { return nil }
                i &+= 1
            }
            let s = i
            var value = 0
            while isDigit(at(i)), i &- s < 3 {
                value = value &* 10 &+ digitValue(at(i))
                i &+= 1
            }
            let length = i &- s
            // Leading zeros (`010`) are refused, as by inet_pton: they read as octal elsewhere.
            guard length > 0, value <= 255, length == 1 || at(s) != 0x30 else { return nil }
        }
        // Not part of a longer dotted or alphanumeric run (`1.2.3.4.5`, `1.2.3.4a`).
        let n = at(i)
        if isAlnum(n) || n == 0x5F { return nil }
        if n == 0x2E, isDigit(at(i &+ 1)) { return nil }
        return i
    }

    mutating func ipv4(from start: Int) -> Int? {
        guard let end = ipv4End(from: start) else { return nil }
        if versionContext(before: start) { return end }  // a version: consumed, not reported
        // The unspecified address and loopback (`0.0.0.0:8080`, `127.0.0.1`) name no one.
        let first = at(start)
        if first == 0x30 && end - start == 7 || first == 0x31 && at(start + 1) == 0x32 && at(start + 2) == 0x37
            && at(start + 3) == 0x2E {
            return end
        }
        report(start, end, .ipAddress, .ip)
        return end
    }

    /// Whether the IPv6 address in `start..<end` is the loopback or the unspecified address,
    /// however it is spelled (`::1`, `0:0:0:0:0:0:0:1`, `0::0001`, `0:0::`): they name no one,
    /// like `127.0.0.1` and `0.0.0.0`. Every group must be zero except the last written one,
    /// which may be 1 when it ends the address (in `1::` the 1 is the first group).
    func isLoopbackOrUnspecified(_ start: Int, _ end: Int) -> Bool {
        var group = 0
        for k in start..<end {
            let c = base[k]
            if c == 0x3A {
                guard group == 0 else { return false }
            } else if isDigit(c) {
                group = group &* 16 &+ digitValue(c)
            } else {
                return false  // a hex letter (the group is over 1) or an IPv4 tail's dot
            }
        }
        return group <= 1
    }

    /// An IPv6 address starting at `start` (a hex digit or the first `:` of `::`): reports
    /// it, and returns where scanning resumes. A run of hex groups and colons that is not
    /// an address is skipped whole, never matched in part (`2001:db8::1::2`).
    mutating func ipv6(from start: Int) -> Int {
        // An address needs six colons (eight groups, or six and an IPv4 tail) or a `::`, in
        // the stretch of hex digits, colons and dots from `start`: a time (`06:54:18`) or a
        // ratio has neither and is passed whole without parsing. (The count stops at the
        // sixth colon: an address is then parsed, and a stretch is never read twice over.)
        var i = start
        var colons = 0
        while true {
            let c = at(i)
            if c == 0x3A {
                if at(i + 1) == 0x3A { break }
                colons += 1
                if colons == 6 { break }
            } else if !(isHex(c) || c == 0x2E) {
                return max(i, start + 1)
            }
            i += 1
        }
        if let end = ipv6End(from: start) {
            if !isLoopbackOrUnspecified(start, end) { report(start, end, .ipAddress, .ip) }
            return end
        }
        while isHex(at(i)) || at(i) == 0x3A || at(i) == 0x2E { i += 1 }
        return max(i, start + 1)
    }

    func ipv6End(from start: Int) -> Int? {
        var i = start
        var groups = 0
        var compressed = false
        var sawDigit = false
        var end = start
        if at(i) == 0x3A {
            guard at(i + 1) == 0x3A else { return nil }
            compressed = true
            i += 2
            end = i
        }
        while groups < 8 {
            // An embedded IPv4 tail counts as two groups (where one may stand: tested before
            // parsing, which would otherwise run at every group of a full address).
            if groups <= 6, compressed || groups == 6, isDigit(at(i)), let v4End = ipv4End(from: i) {
                groups += 2
                sawDigit = true
                end = v4End
                i = v4End
                break
            }
            let s = i
            if i &+ 8 <= count {
                // The group from one load: its hex lanes, up to five, and whether a digit is
                // among them (a byte at a time, with bounds checks, a group cost about 70).
                let (hex, digit) = Lanes.hexDigits(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                let length = min((~hex & Lanes.high).trailingZeroBitCount &>> 3, 5)
                if length == 0 { break }
                guard length <= 4 else { return nil }
                if digit & (1 &<< UInt64(truncatingIfNeeded: length &* 8) &- 1) != 0 { sawDigit = true }
                i &+= length
            } else {
                while isHex(at(i)), i - s < 5 { i += 1 }
                let length = i - s
                if length == 0 { break }
                guard length <= 4 else { return nil }
                for k in s..<i where isDigit(base[k]) { sawDigit = true }
            }
            groups += 1
            end = i
            guard at(i) == 0x3A else { break }
            if at(i + 1) == 0x3A {
                guard !compressed else { return nil }
                compressed = true
                i += 2
                end = i
            } else {
                guard isHex(at(i + 1)) else { break }
                i += 1
            }
        }
        guard compressed ? groups <= 7 : groups == 8 else { return nil }
        // `a::b`, `Cafe::Bad`: too little to be an address rather than a scope operator.
        if compressed, groups < 3, !sawDigit { return nil }
        let n = at(end)
        if isAlnum(n) || n == 0x5F || n == 0x3A { return nil }
        if n == 0x2E, isDigit(at(end + 1)) { return nil }
        if groups == 0 { return nil }  // a bare `::`
        return end
    }
}
