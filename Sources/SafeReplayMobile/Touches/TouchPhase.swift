/// A touch phase as hosts report it (the C ABI's `phase`: 0 down, 1 move, 2 up, 3 cancel).
public enum TouchPhase: Int32, Sendable {
    case down = 0
    case move = 1
    case up = 2
    case cancel = 3
}
