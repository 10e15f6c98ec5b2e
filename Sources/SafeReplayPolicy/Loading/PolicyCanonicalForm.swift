import Crypto
import SafeReplayModel

/// The canonical form the policy hash is taken over: object keys sorted by their UTF-8
/// bytes, no whitespace, integers without fraction, other numbers in shortest round-trip
/// form, strings with only the escapes JSON requires. Reordering keys or reformatting a
/// document does not change its hash; changing any value does.
enum PolicyCanonicalForm {
    static func bytes(of value: JSONValue) -> [UInt8] {
        var w = JSONWriter()
        write(value, into: &w)
        return w.bytes
    }

    static func sha256Hex(of value: JSONValue) -> String {
        let digest = SHA256.hash(data: bytes(of: value))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into w: inout JSONWriter) {
        switch value {
        case .object(let object):
            w.beginObject()
            for member in object.members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                w.key(member.key)
                write(member.value, into: &w)
            }
            w.endObject()
        case .array(let elements):
            w.beginArray()
            for element in elements { write(element, into: &w) }
            w.endArray()
        case .double(let d):
            // 1.0 and 1 are the same number; the writer already prints integral values bare.
            w.double(d)
        default:
            w.value(value)
        }
    }
}
