/// Tag names the sanitizer treats specially, interned at fixed indices so that
/// classifying an element is an integer comparison rather than a string one.
enum KnownTag: Int32, CaseIterable {
    case html, head, body, title
    case script, noscript, template, style, link, meta
    case input, textarea, select, option, optgroup, button, form
    case img, video, audio, canvas, picture, source, track, object, embed, iframe, frame, svgImage

    /// Spelled out rather than `String(describing:)`: that goes through runtime reflection
    /// (about 5,000 instructions a name), and every session's mirror interns all of them.
    var name: String {
        switch self {
        case .html: return "html"
        case .head: return "head"
        case .body: return "body"
        case .title: return "title"
        case .script: return "script"
        case .noscript: return "noscript"
        case .template: return "template"
        case .style: return "style"
        case .link: return "link"
        case .meta: return "meta"
        case .input: return "input"
        case .textarea: return "textarea"
        case .select: return "select"
        case .option: return "option"
        case .optgroup: return "optgroup"
        case .button: return "button"
        case .form: return "form"
        case .img: return "img"
        case .video: return "video"
        case .audio: return "audio"
        case .canvas: return "canvas"
        case .picture: return "picture"
        case .source: return "source"
        case .track: return "track"
        case .object: return "object"
        case .embed: return "embed"
        case .iframe: return "iframe"
        case .frame: return "frame"
        case .svgImage: return "image"
        }
    }

    /// Media and embedded content: blocked when `policy.media.block` is on.
    var isMedia: Bool {
        switch self {
        case .img, .video, .audio, .canvas, .picture, .source, .track, .object, .embed, .iframe, .frame, .svgImage: return true
        default: return false
        }
    }

    /// Elements whose children are never emitted: code, fallbacks and inert markup
    /// (`__NEXT_DATA__` data islands, server-rendered templates).
    var isChildless: Bool {
        switch self {
        case .script, .noscript, .template: return true
        default: return false
        }
    }

    /// Form controls whose value the user types or picks.
    var isFormField: Bool {
        switch self {
        case .input, .textarea, .select: return true
        default: return false
        }
    }
}

/// Interns tag names: each distinct lower-case name gets a small integer, the known ones
/// first so their indices equal `KnownTag.rawValue`.
struct TagTable {
    private(set) var names: [String]
    /// Each name's words when it is a small string that needs no escape, else zeros: the
    /// writer tested that for every element it wrote (~80 instructions out of line), though
    /// a tag's name never changes.
    private var plainWords: [(UInt64, UInt64)]
    private var index: [String: Int32]
    /// Lower-case ASCII names already looked up, and their tags: an element's tag found
    /// from its bytes, without hashing a String. The dictionary stays the authority (it
    /// equates canonically equivalent names); this only remembers its answers.
    // A class shared by copies of the table; the mirror's table is the only one that interns.
    private let seen = NameTable()
    private var seenTags: [Int32] = []
    /// Short names already interned, by their words (tags are never removed, so an answer
    /// stays right): an element's tag without looking at its bytes.
    private let remembered = SmallStringCache()

    init() {
        names = KnownTag.allCases.map(\.name)
        plainWords = names.map(Self.plainWords(of:))
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, Int32($0.offset)) })
        for (i, name) in names.enumerated() { remember(name, Int32(i)) }
    }

    mutating func intern(_ name: String) -> Int32 {
        if let i = index[name] {
            remember(name, i)
            return i
        }
        let i = Int32(names.count)
        names.append(name)
        plainWords.append(Self.plainWords(of: name))
        index[name] = i
        remember(name, i)
        return i
    }

    /// The tag of an element's name as the recorder wrote it (ASCII upper case folded).
    mutating func intern(elementName name: String) -> Int32 {
        if let tag = remembered.value(for: name) { return Int32(truncatingIfNeeded: tag) }
        let tag = lookUp(elementName: name)
        remembered.store(UInt64(UInt32(bitPattern: tag)), for: name)
        return tag
    }

    private mutating func lookUp(elementName name: String) -> Int32 {
        let found: Int32? = name.utf8.withContiguousStorageIfAvailable { utf8 in
            for b in utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return nil }
            return seen.index(ofASCII: utf8)
        } ?? nil
        if let found { return seenTags[Int(found)] }
        return intern(name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? name.lowercased() : name)
    }

    private mutating func remember(_ name: String, _ tag: Int32) {
        guard seen.count < 4096, !name.utf8.contains(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }) else { return }
        if seen.index(ofString: name) == nil {
            seen.insert(name)
            seenTags.append(tag)
        }
    }

    func name(_ tag: Int32) -> String { names[Int(tag)] }

    /// The two words of the name of `tag` when it is a small string that needs no escape
    /// (``JSONBytes/smallPlainString(words:)`` writes it), else zeros: read where they lie,
    /// with no call between, so the table need not be retained for it.
    @inline(__always)
    func plainNameWords(_ tag: Int32) -> (UInt64, UInt64) {
        precondition(tag >= 0 && Int(tag) < plainWords.count)
        return plainWords.withUnsafeBufferPointer { $0[Int(tag)] }
    }

    private static func plainWords(of name: String) -> (UInt64, UInt64) {
        guard SmallStringCache.layoutHolds() else { return (0, 0) }
        return JSONBytes.plainWords(of: name) ?? (0, 0)
    }

    func known(_ tag: Int32) -> KnownTag? { KnownTag(rawValue: tag) }
}
