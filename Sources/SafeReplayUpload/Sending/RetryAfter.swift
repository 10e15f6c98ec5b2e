#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an HTTP `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait from `now` (ms since the epoch); `nil` when the value is neither
    /// form. A date in the past means no wait.
    public static func seconds(from value: String, now: Int64) -> Double? {
        let trimmed = value.trimmingASCIISpaces()
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return trimmed.utf8.count > 9 ? Double(Int32.max) : Double(trimmed)
        }
        guard let date = httpDate(trimmed) else { return nil }
        return max(0, Double(date * 1000 - now) / 1000)
    }

    /// Seconds since the epoch of an HTTP-date in IMF-fixdate form
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`), the one form senders must use, or the obsolete
    /// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`)
    /// forms recipients must still accept.
    static func httpDate(_ text: String) -> Int64? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var day: Int?, month: Int?, year: Int?, clock: String?
        if fields.count == 6, fields[5] == "GMT" {
            // IMF-fixdate or RFC 850: weekday, day, month, year, time, GMT
            day = Int(fields[1]); month = months.firstIndex(of: fields[2]); year = Int(fields[3]); clock = fields[4]
            if let y = year, fields[3].count == 2 { year = y < 70 ? 2000 + y : 1900 + y }
        } else if fields.count == 5 {
            // asctime: weekday, month, day, time, year
            month = months.firstIndex(of: fields[1]); day = Int(fields[2]); clock = fields[3]; year = Int(fields[4])
        }
        guard let day, let month, let year, let clock, (1...31).contains(day), (1900...9999).contains(year) else { return nil }
        let hms = clock.split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3, (0...23).contains(hms[0]), (0...59).contains(hms[1]), (0...60).contains(hms[2]) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hms[0])
        parts.tm_min = Int32(hms[1])
        parts.tm_sec = Int32(hms[2])
        let seconds = timegm(&parts)
        return seconds == -1 ? nil : Int64(seconds)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var utf8 = Substring(self).utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        return String(Substring(utf8))
    }
}
