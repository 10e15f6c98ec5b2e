import SafeReplayModel

extension Session {
    /// The most positions a pointer event may carry to take ``ingestPointerMove(json:)``
    /// (rrweb sends a move's positions every half second, about ten); one with more is
    /// decoded as an ``Event``. 32 positions are 1 KiB, the most the standard library
    /// places on the stack without asking the runtime (which put 2 KiB on the heap); their
    /// texts 512 bytes.
    static let pointerMoveCapacity = 32

    /// Ingests `bytes` when it is a pointer event in rrweb's own shape (see
    /// ``Event/decodePointerMove(_:into:)``): its positions are decoded into a buffer on
    /// the stack and handed to the web stage without an ``Event`` around them, which cost
    /// an array of positions, its free and the event's destruction. `false`, with nothing
    /// done, for any other bytes: ``ingest(json:)`` then decodes them as before.
    func ingestPointerMove(json bytes: UnsafeRawBufferPointer) throws(SafeReplayError) -> Bool {
        var failure: SafeReplayError?
        let taken = withUnsafeTemporaryAllocation(of: PointerPosition.self, capacity: Self.pointerMoveCapacity) { buffer -> Bool in
            withUnsafeTemporaryAllocation(of: UnsafeRawBufferPointer.self, capacity: Self.pointerMoveCapacity) { texts -> Bool in
                guard let move = Event.decodePointerMove(bytes, into: buffer, texts: texts) else { return false }
                do throws(SafeReplayError) {
                    try ingest(move, UnsafeBufferPointer(rebasing: buffer[..<move.count]), texts: UnsafeBufferPointer(rebasing: texts[..<move.count]))
                } catch {
                    failure = error
                }
                return true
            }
        }
        if let failure { throw failure }
        return taken
    }

    /// ``ingest(_:)`` for a decoded pointer event. Such an event claims no platform: it
    /// goes to the web stage unless the session is already mobile, as ``route(_:)`` decides.
    private func ingest(
        _ move: PointerMove, _ positions: UnsafeBufferPointer<PointerPosition>, texts: UnsafeBufferPointer<UnsafeRawBufferPointer>
    ) throws(SafeReplayError) {
        lock.lock()
        defer { lock.unlock() }
        processWaitingTouches()
        guard try admit() else { return }
        guard route(claiming: nil) == .web else {
            let data = PointerPositionsData(positions: Array(positions))
            return try sanitizeAdmitted(Event(timestamp: move.timestamp, body: .incrementalSnapshot(.pointerPositions(move.source, data))))
        }
        let output = web.sanitizePointerMove(source: move.source, positions: positions, texts: texts, timestamp: move.timestamp)
        try forward(output, audit: web.takeAudit(), drift: web.takeDriftAlerts(), countsInStatistics: false)
        try throwDeferredFailure()
    }
}
