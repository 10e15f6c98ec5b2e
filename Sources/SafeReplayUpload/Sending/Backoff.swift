/// Exponential backoff with full jitter: attempt n (from 0) waits a uniform draw in
/// [0, min(cap, base · 2ⁿ)). Full jitter spreads a fleet of clients that all lost the
/// server at once, instead of having them return in lockstep.
public struct Backoff: Sendable {
    public var base: Double
    public var cap: Double
    /// A uniform draw in [0, 1): injected so tests know the delays.
    public var random: @Sendable () -> Double

    public init(base: Double, cap: Double, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.base = base
        self.cap = cap
        self.random = random
    }

    /// The ceiling for the given attempt (before jitter).
    public func ceiling(attempt: Int) -> Double {
        // 2^31 seconds is far past any cap: stop doubling before it overflows.
        min(cap, base * Double(1 << min(max(attempt, 0), 31)))
    }

    public func delay(attempt: Int) -> Double {
        ceiling(attempt: attempt) * min(max(random(), 0), 1)
    }
}
