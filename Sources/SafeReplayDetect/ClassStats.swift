import CSafeReplaySIMD

/// What ``PIIScan/isRandomLooking(_:_:minimumLength:identifierCheck:)`` counts in a token's
/// first bytes, sixteen bytes a step with the vector unit (CSafeReplaySIMD): a byte at a
/// time, with a table lookup, the loop cost about sixteen instructions a byte.
struct ClassStats: Equatable {
    var digits: Int
    var letters: Int
    /// A byte that is neither a digit nor a hex letter was seen.
    var notHex: Bool
    /// ``ByteClass`` digit, upper and lower bits, and 8 for any other byte.
    var classes: UInt8
    /// How often the class changes from one byte to the next.
    var transitions: Int

    /// The statistics of the `count` (at most 255) bytes at `p`.
    @inline(__always) init(_ p: UnsafePointer<UInt8>, _ count: Int) {
        self.init(packed: sr_class_stats(p, count))
    }

    /// The portable path, which the vector path must agree with (for the tests).
    static func scalar(_ p: UnsafePointer<UInt8>, _ count: Int) -> ClassStats {
        ClassStats(packed: sr_class_stats_scalar(p, count))
    }

    @inline(__always) init(packed stats: UInt64) {
        digits = Int(stats & 0xFF)
        letters = Int(stats >> 8 & 0xFF)
        notHex = stats >> 16 & 1 != 0
        classes = UInt8(truncatingIfNeeded: stats >> 24)
        transitions = Int(truncatingIfNeeded: stats >> 32)
    }

    init(digits: Int, letters: Int, notHex: Bool, classes: UInt8, transitions: Int) {
        self.digits = digits
        self.letters = letters
        self.notHex = notHex
        self.classes = classes
        self.transitions = transitions
    }
}
