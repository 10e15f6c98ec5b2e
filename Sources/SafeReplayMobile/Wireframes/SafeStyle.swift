import SafeReplayModel

/// The style keys a text-free wireframe keeps, each parsed to a number, a colour or a
/// known keyword. Fonts, background images and icons (Android's `iconLeft`) are dropped:
/// with no text to draw a font means nothing, and images are never recorded.
struct SafeStyle: Equatable {
    enum Key: String, CaseIterable {
        case color, backgroundColor, borderColor
        case borderWidth, borderRadius, fontSize, paddingTop, paddingBottom, paddingLeft, paddingRight
        case horizontalAlign, verticalAlign, bar, backgroundSize

        var name: StaticString {
            switch self {
            case .color: return "color"
            case .backgroundColor: return "backgroundColor"
            case .borderColor: return "borderColor"
            case .borderWidth: return "borderWidth"
            case .borderRadius: return "borderRadius"
            case .fontSize: return "fontSize"
            case .paddingTop: return "paddingTop"
            case .paddingBottom: return "paddingBottom"
            case .paddingLeft: return "paddingLeft"
            case .paddingRight: return "paddingRight"
            case .horizontalAlign: return "horizontalAlign"
            case .verticalAlign: return "verticalAlign"
            case .bar: return "bar"
            case .backgroundSize: return "backgroundSize"
            }
        }
    }

    enum Value: Equatable {
        case color(HexColor)
        case number(Double)
        case keyword(String)
    }

    private(set) var entries: [(Key, Value)] = []

    static func == (a: SafeStyle, b: SafeStyle) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Keeps the members of `style` that parse; `dropped` counts the others.
    init(_ style: JSONObject, dropped: inout Int) {
        for member in style.members {
            guard let key = Key(rawValue: member.key), let value = Self.parse(member.value, for: key) else {
                dropped += 1
                continue
            }
            entries.append((key, value))
        }
    }

    private static func parse(_ value: JSONValue, for key: Key) -> Value? {
        switch key {
        case .color, .backgroundColor, .borderColor:
            return value.stringValue.flatMap(HexColor.init).map(Value.color)
        case .borderWidth, .borderRadius, .fontSize, .paddingTop, .paddingBottom, .paddingLeft, .paddingRight:
            guard let d = value.doubleValue, d.isFinite, abs(d) <= 10_000 else { return nil }
            return .number(d)
        case .horizontalAlign:
            return keyword(value, among: ["left", "right", "center"])
        case .verticalAlign:
            return keyword(value, among: ["top", "bottom", "center"])
        case .bar:
            return keyword(value, among: ["horizontal", "circular", "rating"])
        case .backgroundSize:
            return keyword(value, among: ["contain", "cover", "auto"])
        }
    }

    /// The keyword written back is our own literal, not the host's string.
    private static func keyword(_ value: JSONValue, among allowed: [String]) -> Value? {
        guard let s = value.stringValue, let known = allowed.first(where: { $0 == s }) else { return nil }
        return .keyword(known)
    }

    func encode(into w: JSONWriter) {
        w.beginObject()
        for (key, value) in entries {
            w.field(key.name)
            switch value {
            case .color(let c): w.string(c.text)
            case .number(let d): w.double(d)
            case .keyword(let k): w.string(k)
            }
        }
        w.endObject()
    }
}
