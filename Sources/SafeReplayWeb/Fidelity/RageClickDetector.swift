/// Rage clicks: `count` clicks on the same target within `windowMs` of the first and
/// within `radius` px of it. Fires once per burst; a click elsewhere, on another target
/// or after the window starts a new burst. The numbers are the policy's
/// `mobile.rageTap` settings (3 clicks, 1 s, 30 px by default), shared with rage taps.
struct RageClickDetector {
    let count: Int
    let windowMs: Int64
    let radius: Double

    private var target = Int.min
    private var firstTime: Int64 = 0
    private var firstX: Double = 0
    private var firstY: Double = 0
    private var clicks = 0
    private var fired = false

    init(count: Int = 3, windowMs: Int64 = 1_000, radius: Double = 30) {
        self.count = count
        self.windowMs = windowMs
        self.radius = radius
    }

    /// Records a click; returns the burst's click count when it becomes a rage click.
    mutating func click(target id: Int, x: Double?, y: Double?, at time: Int64) -> Int? {
        let px = x ?? firstX, py = y ?? firstY
        let dx = px - firstX, dy = py - firstY
        let sameBurst = id == target && time >= firstTime && time - firstTime <= windowMs && (dx * dx + dy * dy) <= radius * radius
        if !sameBurst {
            target = id
            firstTime = time
            firstX = x ?? 0
            firstY = y ?? 0
            clicks = 0
            fired = false
        }
        clicks += 1
        guard clicks >= count, !fired else { return nil }
        fired = true
        return clicks
    }
}
