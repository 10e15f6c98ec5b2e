import SafeReplayPolicy

/// The numbers gesture recognition uses, in points (iOS) or dp (Android), the units
/// hosts report touches in. Defaults follow Android's `ViewConfiguration` and
/// `GestureDetector` where UIKit publishes nothing; see docs/mobile-capture.md.
struct GestureThresholds {
    /// A pointer farther than this from its down (`distance > slop`) is no longer a tap
    /// (`TOUCH_SLOP`, 8 dp).
    var touchSlop = 8.0
    /// Held this long (`≥`) without leaving the slop first: a long press. UIKit's
    /// `minimumPressDuration` (0.5 s); Android moved from 500 to 400 ms.
    var longPressMs: Int64 = 500
    /// A second tap's down this long after the first tap's up (`40 ≤ Δ ≤ 300`) makes a
    /// double tap (`DOUBLE_TAP_MIN_TIME`, `DOUBLE_TAP_TIMEOUT`)…
    var doubleTapMinMs: Int64 = 40
    var doubleTapMaxMs: Int64 = 300
    /// …when the two downs are closer than this (`< 100`, `DOUBLE_TAP_SLOP`).
    var doubleTapSlop = 100.0
    /// A release faster than this on either axis (`> 50` units/s) after leaving the slop
    /// is a swipe (`MINIMUM_FLING_VELOCITY`).
    var minimumFlingVelocity = 50.0
    /// Velocity is measured over the last 100 ms of samples…
    var velocityWindowMs: Int64 = 100
    /// …and is zero when the pointer rested longer than this before lifting
    /// (`VelocityTracker`'s `ASSUME_POINTER_STOPPED_TIME`).
    var pointerStoppedMs: Int64 = 40
    /// Two fingers whose span changed by more than this (`> 16`, `2 × TOUCH_SLOP` like
    /// `ScaleGestureDetector`) made a pinch.
    var pinchSpanSlop = 16.0
    /// Rage tap: this many taps within `rageWindowMs` of the first and `rageRadius` of it.
    var rageCount = 3
    var rageWindowMs: Int64 = 1_000
    var rageRadius = 30.0

    init() {}

    init(policy: Policy) {
        rageCount = policy.mobile.rageTapCount
        rageWindowMs = Int64(policy.mobile.rageTapWindowMs)
        rageRadius = policy.mobile.rageTapRadius
    }
}
