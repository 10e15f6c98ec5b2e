/// rrweb's `EventType`. Numbers are the wire values.
public enum EventType: Int, Sendable, CaseIterable {
    case domContentLoaded = 0
    case load = 1
    case fullSnapshot = 2
    case incrementalSnapshot = 3
    case meta = 4
    case custom = 5
    case plugin = 6
    /// rrweb 2.0 final and later; older players do not know it, so it is never emitted.
    case asset = 7
}
