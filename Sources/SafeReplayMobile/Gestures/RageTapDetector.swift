/// Rage taps: `count` taps within `windowMs` of the first and within `radius` of it.
/// Fires once per burst; a tap outside the window or the radius starts a new burst.
/// The same rule (and policy numbers) as the web sanitizer's rage clicks, with the
/// position standing in for the target, since mobile touches carry none.
struct RageTapDetector {
    let count: Int
    let windowMs: Int64
    let radius: Double

    private var firstTime: Int64 = .min
    private var firstX = 0.0
    private var firstY = 0.0
    private var taps = 0
    private var fired = false

    init(count: Int, windowMs: Int64, radius: Double) {
        self.count = count
        self.windowMs = windowMs
        self.radius = radius
    }

    /// Records a tap; returns the burst's first position and tap count when it becomes
    /// a rage tap.
    mutating func tap(x: Double, y: Double, at time: Int64) -> (x: Double, y: Double, count: Int)? {
        let dx = x - firstX, dy = y - firstY
        let sameBurst = firstTime != .min && time >= firstTime && time - firstTime <= windowMs && dx * dx + dy * dy <= radius * radius
        if !sameBurst {
            firstTime = time
            firstX = x
            firstY = y
            taps = 0
            fired = false
        }
        taps += 1
        guard taps >= count, !fired else { return nil }
        fired = true
        return (firstX, firstY, taps)
    }

    mutating func reset() {
        firstTime = .min
        taps = 0
        fired = false
    }
}
