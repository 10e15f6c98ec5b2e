public import SafeReplayModel

extension MobileSanitizer {
    /// One fix from the host's location feed (the C ABI's `sr_location`). Sent as a
    /// Custom `location` event holding a geohash cell, never coordinates: at the policy's
    /// precision, coarser when the accuracy does not support it, at most one per
    /// `minIntervalMs`, and only when the policy captures locations.
    public func location(latitude: Double, longitude: Double, accuracyMeters: Double, timestamp: Int64) -> [SanitizedEvent] {
        handleLocation(latitude: latitude, longitude: longitude, accuracy: accuracyMeters, at: timestamp)
        return out.take()
    }

    private func handleLocation(latitude: Double, longitude: Double, accuracy: Double, at t: Int64) {
        guard capturesLocation else {
            ledger.drop(.locationOff)
            return
        }
        // iOS reports a negative accuracy for an invalid fix.
        guard accuracy.isFinite, accuracy >= 0, t >= 0, t <= now() &+ 86_400_000,
              let _ = Geohash.encode(latitude: latitude, longitude: longitude, precision: 1) else {
            ledger.drop(.locationInvalid)
            return
        }
        guard admitsInput() else { return }
        switch locationGate.decide(at: t) {
        case .outOfOrder:
            ledger.drop(.locationOutOfOrder)
            return
        case .rateLimited:
            ledger.drop(.locationRateLimit)
            return
        case .send:
            break
        }
        let precision = GeohashCell.precision(policy: policy.location.precision, accuracyMetres: accuracy, latitude: latitude)
        guard let cell = Geohash.encode(latitude: latitude, longitude: longitude, precision: precision) else {
            ledger.drop(.locationInvalid)
            return
        }
        locationGate.sent(at: t)
        flushMoves()
        out.custom(.location, timestamp: t, ["geohash": .string(cell), "precision": .int(Int64(precision))])
    }
}
