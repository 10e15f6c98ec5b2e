/// Tag names the sanitizer treats specially, interned at fixed indices so that
/// classifying an element is an integer comparison rather than a string one.
enum KnownTag: Int32, CaseIterable {
    case html, head, body, title
    case script, noscript, template, style, link, meta
    case input, textarea, select, option, optgroup, button, form
    case img, video, audio, canvas, picture, source, track, object, embed, iframe, frame, svgImage

    var name: String {
        switch self {
        case .svgImage: return "image"
        default: return String(describing: self)
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
    private var index: [String: Int32]

    init() {
        names = KnownTag.allCases.map(\.name)
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, Int32($0.offset)) })
    }

    mutating func intern(_ name: String) -> Int32 {
        if let i = index[name] { return i }
        let i = Int32(names.count)
        names.append(name)
        index[name] = i
        return i
    }

    func name(_ tag: Int32) -> String { names[Int(tag)] }

    func known(_ tag: Int32) -> KnownTag? { KnownTag(rawValue: tag) }
}
