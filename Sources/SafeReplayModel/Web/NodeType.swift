/// rrweb's serialized `NodeType`.
public enum NodeType: Int, Sendable, CaseIterable {
    case document = 0
    case documentType = 1
    case element = 2
    case text = 3
    case cdata = 4
    case comment = 5
}
