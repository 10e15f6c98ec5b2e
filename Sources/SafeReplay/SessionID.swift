/// Session identifiers: 32 lower-case hex digits from the system's random source, the
/// shape upload accepts in spool file names.
enum SessionID {
    static func random() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for _ in 0..<2 {
            var word = rng.next() as UInt64
            for _ in 0..<16 {
                out.append(hex[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
