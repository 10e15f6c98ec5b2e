import SafeReplayMobile

/// One touch as the host posted it, waiting in the ``TouchInbox``.
struct TouchSample {
    let pointerId: Int
    let phase: TouchPhase
    let x: Double
    let y: Double
    let timestamp: Int64
}
