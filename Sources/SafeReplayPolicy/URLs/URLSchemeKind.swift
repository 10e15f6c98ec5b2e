/// What a URL's scheme means for canonicalization.
enum SchemeKind {
    /// Never emitted: `javascript:`, `vbscript:`, `data:`, `blob:`, `filesystem:`.
    case forbidden
    /// A contact address: only the scheme and this placeholder remain (`mailto::email`).
    case contact(StaticString)
    /// WHATWG special schemes (authority after any run of `/` or `\`).
    case special
    case file
    case other

    /// The kind of a scheme of `count` bytes whose first 16, lower-cased, are the
    /// little-endian words `low` and `high`.
    init(count: Int, low: UInt64, high: UInt64) {
        @inline(__always) func `is`(_ literal: StaticString) -> Bool {
            low == literalWord(literal) && high == literalWord(literal, from: 8)
        }
        switch count {
        case 2:
            self = `is`("ws") ? .special : `is`("im") ? .contact(":contact") : .other
        case 3:
            if `is`("wss") || `is`("ftp") { self = .special }
            else if `is`("tel") || `is`("sms") || `is`("fax") { self = .contact(":phone") }
            else if `is`("sip") || `is`("geo") {
                self = .contact(`is`("geo") ? ":location" : ":contact")
            } else { self = .other }
        case 4:
            if `is`("http") { self = .special }
            else if `is`("data") || `is`("blob") { self = .forbidden }
            else if `is`("file") { self = .file }
            else if `is`("sips") || `is`("xmpp") { self = .contact(":contact") }
            else { self = .other }
        case 5:
            self = `is`("https") ? .special : `is`("skype") ? .contact(":contact") : .other
        case 6:
            if `is`("mailto") { self = .contact(":email") }
            else if `is`("callto") { self = .contact(":phone") }
            else { self = .other }
        case 8:
            if `is`("vbscript") { self = .forbidden }
            else if `is`("facetime") { self = .contact(":phone") }
            else { self = .other }
        case 10:
            self = `is`("javascript") || `is`("filesystem") ? .forbidden : .other
        case 14:
            self = `is`("facetime-audio") ? .contact(":phone") : .other
        default:
            self = .other
        }
    }
}
