// The authority of a URL: user-info dropped, host lower-cased, port checked.
extension URLScan {
    /// Parses `[userinfo@]host[:port]` from `start`, appends `host[:port]` (user-info
    /// dropped, host lower-cased) and returns where the authority ends; nil if malformed.
    mutating func authority(_ start: Int, requireHost: Bool) -> Int? {
        // One pass: the end, the last `@` (user-info ends there) and whether any byte needs
        // a closer look (upper case, `[`, `:`, forbidden bytes).
        var end = start
        var hostStart = start
        var plain = true
        while end < n {
            let b = s[end]
            // Lower-case letters, digits, `.` and `-`: the common case, one load and a test.
            if classes[Int(b)] & ~URLByteClass.digit == 0 {
                end += 1
                continue
            }
            if b == ASCII.question || b == ASCII.hash || isSlash(b) { break }
            if b == ASCII.at {
                hostStart = end + 1
                plain = true
            } else {
                plain = false
            }
            end += 1
        }
        if plain {
            // Lower-case letters, digits, dots and dashes: the host as written, no port.
            if requireHost, end == hostStart { return nil }
            out.append(UnsafeBufferPointer(rebasing: s[hostStart..<end]))
            return end
        }
        var hostEnd = hostStart
        var portStart: Int? = nil
        if hostStart < end, s[hostStart] == ASCII.openBracket {
            var close = hostStart + 1
            while close < end, s[close] != ASCII.closeBracket {
                let b = s[close]
                guard ASCII.isHex(b) || b == ASCII.colon || b == ASCII.dot else { return nil }
                close += 1
            }
            guard close < end else { return nil }
            hostEnd = close + 1
            if hostEnd < end {
                guard s[hostEnd] == ASCII.colon else { return nil }
                portStart = hostEnd + 1
            }
        } else {
            while hostEnd < end, s[hostEnd] != ASCII.colon {
                if isForbiddenHostByte(s[hostEnd]) { return nil }
                hostEnd += 1
            }
            if hostEnd < end { portStart = hostEnd + 1 }
        }
        if requireHost, hostEnd == hostStart { return nil }
        var high: UInt8 = 0
        for i in hostStart..<hostEnd {
            high |= s[i]
            out.append(ASCII.lower(s[i]))
        }
        if high >= 0x80 { out.mayHoldNonASCII = true }
        if let portStart, portStart < end {
            guard end - portStart <= 5 else { return nil }
            var value = 0
            for i in portStart..<end {
                guard ASCII.isDigit(s[i]) else { return nil }
                value = value * 10 + Int(s[i] &- 0x30)
            }
            guard value <= 65_535 else { return nil }
            out.append(ASCII.colon)
            out.append(UnsafeBufferPointer(rebasing: s[portStart..<end]))
        }
        return end
    }
}
