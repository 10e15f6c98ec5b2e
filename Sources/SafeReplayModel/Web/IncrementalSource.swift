/// rrweb's `IncrementalSource`: the kind of an incremental snapshot.
public enum IncrementalSource: Int, Sendable, CaseIterable {
    case mutation = 0
    case mouseMove = 1
    case mouseInteraction = 2
    case scroll = 3
    case viewportResize = 4
    case input = 5
    case touchMove = 6
    case mediaInteraction = 7
    case styleSheetRule = 8
    case canvasMutation = 9
    case font = 10
    case log = 11
    case drag = 12
    case styleDeclaration = 13
    case selection = 14
    case adoptedStyleSheet = 15
    case customElement = 16
}
