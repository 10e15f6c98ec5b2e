/// An object key as the scanner found it: a view of its raw bytes (without the quotes).
///
/// It stays a trivial value (no reference counting) because decoders compare every key
/// against known names; the rare key with escapes is decoded only when asked for.
public struct JSONKey {
    let start: UnsafePointer<UInt8>
    /// Raw byte count, escapes included.
    let count: Int
    let hasEscapes: Bool

    init(start: UnsafePointer<UInt8>, count: Int, hasEscapes: Bool) {
        self.start = start
        self.count = count
        self.hasEscapes = hasEscapes
    }

    /// The key as a Swift string.
    public var string: String {
        guard hasEscapes else {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        // Re-read the quoted key with the full string reader; the raw bytes are known valid.
        let quoted = [UInt8(ascii: "\"")] + Array(UnsafeBufferPointer(start: start, count: count)) + [UInt8(ascii: "\"")]
        return (try? JSONValue.parse(quoted).stringValue) ?? ""
    }

    /// Byte length of the key, for dispatching on it before comparing.
    public var length: Int { hasEscapes ? -1 : count }

    @inline(__always)
    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        if key.hasEscapes { return literal.withUTF8Buffer { key.string.utf8.elementsEqual($0) } }
        guard key.count == n else { return false }
        let p = literal.utf8Start
        for i in 0..<n where key.start[i] != p[i] { return false }
        return true
    }
}
