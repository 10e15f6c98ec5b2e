import SafeReplayModel

/// Reads an attribute entry's name and string value as their raw words, where they lie in
/// the entries' buffer: copying the entry out retained both strings and released them
/// again, even when they were small strings (held in their words, nothing to retain).
///
/// The layout is checked once (``layoutHolds()``); when it is not the one expected, callers
/// never use these reads and take the general path.
enum EntryWords {
    /// The value's payload follows the name; the enum's tag byte follows the payload.
    static let valueOffset = 16
    static let tagOffset = 32

    /// The tag byte of `AttributeValue.string` when the layout holds, else `nil`: kept by
    /// the caller (a static read on every entry would test its lazy initialization).
    static func stringTag() -> UInt8? { checkedStringTag }

    /// The check, run once per process: it builds entries and strings to look at.
    private static let checkedStringTag: UInt8? = layoutHolds() ? tag(.string("ab")) : nil

    /// The name's and the string value's words of the entry at `entry`; `nil` when the
    /// value is not a string (its tag is not `stringTag`).
    @inline(__always)
    static func read(_ entry: UnsafePointer<Attributes.Entry>, stringTag: UInt8) -> (name: (UInt64, UInt64), text: (UInt64, UInt64))? {
        guard holdsString(entry, stringTag: stringTag) else { return nil }
        return (name(entry), text(entry))
    }

    /// The words of the entry's name (whatever its value).
    @inline(__always)
    static func name(_ entry: UnsafePointer<Attributes.Entry>) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(entry)
        return (raw.load(as: UInt64.self), raw.load(fromByteOffset: 8, as: UInt64.self))
    }

    /// Whether the entry's value is a string.
    @inline(__always)
    static func holdsString(_ entry: UnsafePointer<Attributes.Entry>, stringTag: UInt8) -> Bool {
        UnsafeRawPointer(entry).load(fromByteOffset: tagOffset, as: UInt8.self) == stringTag
    }

    /// The words of the entry's value, which `holdsString` found a string.
    @inline(__always)
    static func text(_ entry: UnsafePointer<Attributes.Entry>) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(entry)
        return (raw.load(fromByteOffset: valueOffset, as: UInt64.self), raw.load(fromByteOffset: valueOffset + 8, as: UInt64.self))
    }

    static func tag(_ value: AttributeValue) -> UInt8 {
        withUnsafeBytes(of: Attributes.Entry(name: "", value: value)) { $0.count > tagOffset ? $0[tagOffset] : 0xFF }
    }

    /// Whether entries are laid out as `read` expects: two strings' words, then a tag byte
    /// that every string value has and no other value has.
    static func layoutHolds() -> Bool {
        guard SmallStringCache.layoutHolds(), MemoryLayout<Attributes.Entry>.size == tagOffset + 1,
              MemoryLayout<Attributes.Entry>.offset(of: \.value) == valueOffset else { return false }
        let stringTag = tag(.string("ab"))
        let name = "name", text = "text"
        let entry = Attributes.Entry(name: name, value: .string(text))
        let words = withUnsafePointer(to: entry) { read($0, stringTag: stringTag) }
        guard let words, words.name == unsafeBitCast(name, to: (UInt64, UInt64).self),
              words.text == unsafeBitCast(text, to: (UInt64, UInt64).self),
              tag(.string(String(repeating: "x", count: 40))) == stringTag else { return false }
        let others: [AttributeValue] = [.number(0), .number(1), .bool(false), .bool(true), .null, .styleDiff(JSONObject())]
        return others.allSatisfy { tag($0) != stringTag }
    }
}
