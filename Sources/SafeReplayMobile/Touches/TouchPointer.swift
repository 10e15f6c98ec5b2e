/// One finger from its down to its up.
struct TouchPointer {
    /// Why nothing of this finger is emitted (it went down on the keyboard or on a view
    /// whose rule drops touches); nil when it is captured.
    var suppressedBy: DropReason?
    var id = 0
    var active = false
    var downX = 0.0
    var downY = 0.0
    var downTime: Int64 = 0
    var x = 0.0
    var y = 0.0
    var time: Int64 = 0
    /// When it first moved beyond the touch slop; `.max` while it has not.
    var leftTapRegionAt = Int64.max
    /// When a move of it was last sent, for position sampling.
    var lastSentMove = Int64.min
    /// Its velocity samples: `ringCount` entries ending before `ringEnd` in its ring.
    var ringEnd = 0
    var ringCount = 0

    var isInTapRegion: Bool { leftTapRegionAt == .max }
}

/// A position sample for velocity.
struct VelocitySample {
    var x: Double
    var y: Double
    var time: Int64
}
