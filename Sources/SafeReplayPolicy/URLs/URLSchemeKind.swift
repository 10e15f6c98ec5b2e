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

    init(_ scheme: UnsafeBufferPointer<UInt8>) {
        switch scheme.count {
        case 2:
            self = equalsLowercased(scheme, "ws") ? .special : equalsLowercased(scheme, "im") ? .contact(":contact") : .other
        case 3:
            if equalsLowercased(scheme, "wss") || equalsLowercased(scheme, "ftp") { self = .special }
            else if equalsLowercased(scheme, "tel") || equalsLowercased(scheme, "sms") || equalsLowercased(scheme, "fax") { self = .contact(":phone") }
            else if equalsLowercased(scheme, "sip") || equalsLowercased(scheme, "geo") {
                self = .contact(equalsLowercased(scheme, "geo") ? ":location" : ":contact")
            } else { self = .other }
        case 4:
            if equalsLowercased(scheme, "http") { self = .special }
            else if equalsLowercased(scheme, "data") || equalsLowercased(scheme, "blob") { self = .forbidden }
            else if equalsLowercased(scheme, "file") { self = .file }
            else if equalsLowercased(scheme, "sips") || equalsLowercased(scheme, "xmpp") { self = .contact(":contact") }
            else { self = .other }
        case 5:
            self = equalsLowercased(scheme, "https") ? .special : equalsLowercased(scheme, "skype") ? .contact(":contact") : .other
        case 6:
            if equalsLowercased(scheme, "mailto") { self = .contact(":email") }
            else if equalsLowercased(scheme, "callto") { self = .contact(":phone") }
            else { self = .other }
        case 8:
            if equalsLowercased(scheme, "vbscript") { self = .forbidden }
            else if equalsLowercased(scheme, "facetime") { self = .contact(":phone") }
            else { self = .other }
        case 10:
            self = equalsLowercased(scheme, "javascript") || equalsLowercased(scheme, "filesystem") ? .forbidden : .other
        case 14:
            self = equalsLowercased(scheme, "facetime-audio") ? .contact(":phone") : .other
        default:
            self = .other
        }
    }
}
