/// A recognized gesture, emitted as a Custom `gesture` event.
struct Gesture: Equatable {
    enum Kind: String {
        case tap
        case doubleTap = "double-tap"
        case longPress = "long-press"
        case swipe
        case pinch
        case rageTap = "rage-tap"

        var name: StaticString {
            switch self {
            case .tap: return "tap"
            case .doubleTap: return "double-tap"
            case .longPress: return "long-press"
            case .swipe: return "swipe"
            case .pinch: return "pinch"
            case .rageTap: return "rage-tap"
            }
        }
    }

    enum Direction: String {
        case left, right, up, down

        var name: StaticString {
            switch self {
            case .left: return "left"
            case .right: return "right"
            case .up: return "up"
            case .down: return "down"
            }
        }
    }

    var kind: Kind
    /// Where it happened: the down of a tap, long press or swipe; the fingers' midpoint
    /// for a pinch; the first tap of a rage tap.
    var x: Double
    var y: Double
    var direction: Direction?
    /// Span at the end over span at the start.
    var scale: Double?
    /// Taps in a rage tap.
    var count: Int?
}

/// At most two gestures end together (a tap and the rage tap it completes); a pair
/// avoids allocating on every finger lift.
struct GesturePair {
    var first: Gesture?
    var second: Gesture?

    static let none = GesturePair()

    mutating func append(_ g: Gesture) {
        if first == nil { first = g } else { second = g }
    }
}
