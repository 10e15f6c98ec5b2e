import SafeReplayModel

/// A `#RGB`, `#RRGGBB` or `#RRGGBBAA` colour, parsed to numbers and written back from
/// them: no byte of the host's string reaches the output.
struct HexColor: Equatable {
    var value: UInt32
    var hasAlpha: Bool

    init?(_ text: String) {
        var digits: [UInt8] = []
        var first = true
        for byte in text.utf8 {
            if first {
                guard byte == UInt8(ascii: "#") else { return nil }
                first = false
                continue
            }
            guard let d = Self.hexValue(byte), digits.count < 8 else { return nil }
            digits.append(d)
        }
        switch digits.count {
        case 3: digits = digits.flatMap { [$0, $0] }
        case 6, 8: break
        default: return nil
        }
        value = digits.reduce(0) { $0 << 4 | UInt32($1) }
        hasAlpha = digits.count == 8
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `#rrggbb` or `#rrggbbaa`, lower case.
    var text: String {
        let digits = hasAlpha ? 8 : 6
        return String(unsafeUninitializedCapacity: digits + 1) { buffer in
            buffer[0] = UInt8(ascii: "#")
            for i in 0..<digits {
                let nibble = UInt8(truncatingIfNeeded: value >> (UInt32(digits - 1 - i) * 4)) & 0xF
                buffer[i + 1] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return digits + 1
        }
    }
}
