/// rrweb's `MouseInteractions`.
public enum MouseInteractionType: Int, Sendable, CaseIterable {
    case mouseUp = 0
    case mouseDown = 1
    case click = 2
    case contextMenu = 3
    case dblClick = 4
    case focus = 5
    case blur = 6
    case touchStart = 7
    /// Never emitted by rrweb; touch moves travel as `IncrementalSource.touchMove`.
    case touchMoveDeparted = 8
    case touchEnd = 9
    case touchCancel = 10
}

/// rrweb's `PointerTypes`.
public enum PointerType: Int, Sendable, CaseIterable {
    case mouse = 0
    case pen = 1
    case touch = 2
}
