/// Just enough JSON to tell whether a decoded JWT header is a JSON object with an `alg`
/// member: a strict, non-recursive validator over a small buffer. (SafeReplayDetect has
/// no dependencies, so it cannot use the model's scanner.)
enum JSONHeaderProbe {
    enum Algorithm { case none, signed }

    static let maxDepth = 16

    /// The header's algorithm, or `nil` when `bytes` is not one JSON object with a string
    /// `alg` member at the top level.
    static func algorithm(in bytes: UnsafeBufferPointer<UInt8>) -> Algorithm? {
        var probe = Probe(bytes: bytes)
        return probe.run()
    }

    private struct Probe {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            }
        }

        mutating func run() -> Algorithm? {
            skipSpace()
            guard peek == 0x7B else { return nil }
            i += 1
            var alg: Algorithm? = nil
            skipSpace()
            if peek == 0x7D {
                return nil
            }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard peek == 0x3A else { return nil }
                i += 1
                skipSpace()
                if Self.equals(key, "alg", foldingCase: false) {
                    guard let value = string(), !value.isEmpty else { return nil }
                    let isNone = Self.equals(value, "none", foldingCase: true)
                    alg = isNone ? Algorithm.none : .signed
                } else {
                    guard skipValue() else { return nil }
                }
                skipSpace()
                if peek == 0x2C {
                    i += 1
                    continue
                }
                guard peek == 0x7D else { return nil }
                i += 1
                break
            }
            skipSpace()
            guard i == bytes.count else { return nil }
            return alg
        }

        /// Byte comparison with an ASCII literal, without the generic `elementsEqual`
        /// over `String.UTF8View`, which costs more than the rest of the probe.
        static func equals(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ literal: StaticString, foldingCase: Bool) -> Bool {
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            let fold: UInt8 = foldingCase ? 0x20 : 0
            for (k, byte) in bytes.enumerated() where byte | fold != literal.utf8Start[k] { return false }
            return true
        }

        /// A string's raw bytes (escapes checked, not decoded).
        mutating func string() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard peek == 0x22 else { return nil }
            i += 1
            let s = i
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x22 {
                    i += 1
                    return bytes[s..<(i - 1)]
                }
                if c < 0x20 { return nil }
                if c == 0x5C {
                    i += 1
                    guard i < bytes.count else { return nil }
                    if bytes[i] == 0x75 {
                        for k in 1...4 where i + k >= bytes.count || !isHex(bytes[i + k]) { return nil }
                        i += 4
                    } else if !"\"\\/bfnrt".utf8.contains(bytes[i]) {
                        return nil
                    }
                }
                i += 1
            }
            return nil
        }

        /// Skips one value; containers by bracket counting with strings and scalars checked.
        mutating func skipValue() -> Bool {
            var stack: [UInt8] = []
            repeat {
                skipSpace()
                switch peek {
                case 0x22:
                    guard string() != nil else { return false }
                case 0x7B, 0x5B:
                    guard stack.count < JSONHeaderProbe.maxDepth else { return false }
                    stack.append(peek == 0x7B ? 0x7D : 0x5D)
                    i += 1
                    skipSpace()
                    if peek == stack.last {
                        i += 1
                        stack.removeLast()
                    } else if stack.last == 0x7D {
                        guard string() != nil else { return false }
                        skipSpace()
                        guard peek == 0x3A else { return false }
                        i += 1
                        continue
                    } else {
                        continue
                    }
                case 0x74: guard literal("true") else { return false }
                case 0x66: guard literal("false") else { return false }
                case 0x6E: guard literal("null") else { return false }
                default:
                    guard number() else { return false }
                }
                // After a value inside a container: `,` then the next member/element, or a close.
                while let close = stack.last {
                    skipSpace()
                    if peek == 0x2C {
                        i += 1
                        if close == 0x7D {
                            skipSpace()
                            guard string() != nil else { return false }
                            skipSpace()
                            guard peek == 0x3A else { return false }
                            i += 1
                        }
                        break
                    }
                    guard peek == close else { return false }
                    i += 1
                    stack.removeLast()
                }
            } while !stack.isEmpty
            return true
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func number() -> Bool {
            let s = i
            if peek == 0x2D { i += 1 }
            guard isDigit(peek) else { return false }
            while isDigit(peek) { i += 1 }
            if peek == 0x2E {
                i += 1
                guard isDigit(peek) else { return false }
                while isDigit(peek) { i += 1 }
            }
            if peek | 0x20 == 0x65 {
                i += 1
                if peek == 0x2B || peek == 0x2D { i += 1 }
                guard isDigit(peek) else { return false }
                while isDigit(peek) { i += 1 }
            }
            return i > s
        }
    }
}
