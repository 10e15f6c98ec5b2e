import SafeReplayMobile
import SafeReplayModel

extension Session {
    /// One touch sample from a native touch feed.
    ///
    /// The sample is posted to the session's touch inbox and processed by a worker thread
    /// (or by the next call on this session, whichever comes first), so the host's UI
    /// thread pays for a post, not for the gesture stage. Every other call on the session
    /// processes the waiting touches before its own work, so the order in which one thread
    /// made its calls is the order the session sees. Failures from processing posted
    /// touches are thrown by the next call.
    public func touch(pointerId: Int, phase: TouchPhase, x: Double, y: Double, timestamp: Int64) throws(SafeReplayError) {
        let sample = TouchSample(pointerId: pointerId, phase: phase, x: x, y: y, timestamp: timestamp)
        switch touches.post(sample) {
        case .queued:
            return
        case .queuedStartWorker:
            startTouchWorker()
        case .full, .refused:
            lock.lock()
            defer { lock.unlock() }
            processWaitingTouches()
            try process(sample)
            try throwDeferredFailure()
        }
    }

    /// Runs the mobile stage on one touch. Under the lock.
    private func process(_ sample: TouchSample) throws(SafeReplayError) {
        guard try admit() else { return }
        if platform == nil { platform = .mobile }
        guard platform == .mobile else {
            statistics.audit.drop("platform-mismatch")
            try upload.record(audit: dropped("platform-mismatch"))
            return
        }
        try forwardMobile(
            mobile.touch(pointerId: sample.pointerId, phase: sample.phase, x: sample.x, y: sample.y, timestamp: sample.timestamp))
    }

    /// Processes every touch waiting in the inbox, in the order they were posted. A failure
    /// is kept for the next call to throw. Under the lock.
    func processWaitingTouches() {
        touches.take(into: &touchBatch)
        guard !touchBatch.isEmpty else { return }
        for sample in touchBatch {
            do throws(SafeReplayError) {
                try process(sample)
            } catch {
                if deferredFailure == nil {
                    deferredFailure = error
                    // The next touch takes the slow path, which throws it.
                    touches.refuse(ended: false)
                }
            }
        }
        touchBatch.removeAll(keepingCapacity: true)
    }

    /// Throws the failure met while processing posted touches, once. Under the lock.
    func throwDeferredFailure() throws(SafeReplayError) {
        guard let failure = deferredFailure else { return }
        deferredFailure = nil
        touches.stopRefusing()
        throw failure
    }

    /// Starts the thread that processes posted touches. It holds the session weakly, so a
    /// session dropped without `close()` ends it (the session's deinit ends the inbox).
    private func startTouchWorker() {
        let inbox = touches
        let started = DetachedThread.start { [weak self] in
            while inbox.waitForSamples() {
                guard let session = self else { return }
                session.lock.lock()
                session.processWaitingTouches()
                session.lock.unlock()
            }
        }
        guard !started else { return }
        // No thread to be had (the process is at its limit): process on this thread; the
        // next post tries again.
        inbox.workerDidNotStart()
        lock.lock()
        defer { lock.unlock() }
        processWaitingTouches()
    }
}
