/// One wireframe of the mirror, already sanitized, with its place in the tree.
struct MirrorNode {
    var hostID: Int64
    var safe: SafeWireframe
    /// The parent's slot; -1 for a top-level wireframe.
    var parent: Int
    var depth: Int
    var children: [Int] = []
    /// Whether the player has it. False for a dropped view and for everything inside a
    /// blocked or dropped one (kept here only so later mutations can name them).
    var emitted = false
    /// `block` or `drop`: descendants are never emitted.
    var seals = false
    /// `drop`: not emitted itself either.
    var dropsSelf = false
    /// `ignore`, `block` or `drop`: touches on its frame are dropped.
    var dropsTouches = false
    var live = true

    init(hostID: Int64, safe: SafeWireframe, parent: Int, depth: Int) {
        self.hostID = hostID
        self.safe = safe
        self.parent = parent
        self.depth = depth
    }

    /// Whether its children can be emitted.
    var isOpen: Bool { emitted && !seals }
}

/// A frame touches are dropped on.
struct TouchRect {
    var minX, minY, maxX, maxY: Double

    /// A frame missing its position or size spans that whole axis: fail closed.
    init(_ w: SafeWireframe) {
        if let x = w.x, let width = w.width {
            (minX, maxX) = (x, x + width)
        } else {
            (minX, maxX) = (-.infinity, .infinity)
        }
        if let y = w.y, let height = w.height {
            (minY, maxY) = (y, y + height)
        } else {
            (minY, maxY) = (-.infinity, .infinity)
        }
    }

    @inline(__always)
    func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }
}
