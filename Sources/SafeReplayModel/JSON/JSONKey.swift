#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An object key as the scanner found it: raw bytes when the key had no escapes
/// (the common case), so that matching against known names needs no allocation.
public struct JSONKey {
    let start: UnsafePointer<UInt8>
    let count: Int
    let decoded: String?

    init(start: UnsafePointer<UInt8>, count: Int, decoded: String?) {
        self.start = start
        self.count = count
        self.decoded = decoded
    }

    /// The key as a Swift string.
    public var string: String {
        if let decoded { return decoded }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        if let decoded = key.decoded {
            return literal.withUTF8Buffer { decoded.utf8.elementsEqual($0) }
        }
        let n = literal.utf8CodeUnitCount
        return key.count == n && memcmp(key.start, literal.utf8Start, n) == 0
    }
}
