/// One detected value: `start..<end` in Unicode scalars of the scanned text.
///
/// Scalars (not `Character`s, not UTF-16 units) because they are what every host can count
/// the same way, and what the `scrub` CLI contract promises.
public struct PIISpan: Sendable, Equatable, Hashable {
    public var start: Int
    /// Exclusive.
    public var end: Int
    public var type: PIIType

    public init(start: Int, end: Int, type: PIIType) {
        self.start = start
        self.end = end
        self.type = type
    }
}
