/// Which location fixes may leave: at most one per `minIntervalMs` of fix time, never
/// one older than the last sent.
struct LocationGate {
    let minIntervalMs: Int64
    private var lastSent: Int64?

    init(minIntervalMs: Int) {
        self.minIntervalMs = Int64(minIntervalMs)
    }

    enum Decision {
        case send
        case outOfOrder
        case rateLimited
    }

    func decide(at time: Int64) -> Decision {
        guard let lastSent else { return .send }
        if time < lastSent { return .outOfOrder }
        return time - lastSent < minIntervalMs ? .rateLimited : .send
    }

    mutating func sent(at time: Int64) {
        lastSent = time
    }
}
