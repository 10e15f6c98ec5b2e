/// Where the soft keyboard is, from the host's Custom `keyboard` events. Touches inside
/// it are dropped: key positions spell out what is typed, passwords included.
///
/// The keyboard spans the screen's width from its top edge down: `y` when the host
/// reports one, else the viewport height (from the last Meta) minus its height. When
/// neither can be worked out, an open keyboard covers the whole screen (fail closed).
struct KeyboardRegion {
    private(set) var isOpen = false
    private(set) var height: Double?
    private(set) var reportedTop: Double?
    /// The top edge for the hot path: `+∞` when closed, `-∞` when unknown.
    private(set) var top = Double.infinity

    mutating func open(height: Double?, top: Double?, viewportHeight: Double?) {
        isOpen = true
        self.height = height
        reportedTop = top
        update(viewportHeight: viewportHeight)
    }

    mutating func close() {
        isOpen = false
        height = nil
        reportedTop = nil
        top = .infinity
    }

    /// Recomputes the edge when the viewport changes.
    mutating func update(viewportHeight: Double?) {
        guard isOpen else { return }
        if let reportedTop {
            top = reportedTop
        } else if let height, let viewportHeight {
            top = viewportHeight - height
        } else {
            top = -.infinity
        }
    }

    @inline(__always)
    func covers(y: Double) -> Bool { y >= top }
}
