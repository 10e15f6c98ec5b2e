import SafeReplayModel
/// Wakes a sender waiting for work: fired when a batch is filed or the session closes.
/// A fire with no waiter is remembered, so a batch filed just before the sender waits is
/// not missed.
final class BatchSignal: @unchecked Sendable {
    private struct State {
        var fired = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Locked(State())

    func fire() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            defer { s.waiter = nil }
            if s.waiter == nil { s.fired = true }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Returns once fired (now or earlier) or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    // Checked under the lock the cancellation handler also takes, so a
                    // cancellation either sees the stored waiter or is seen here.
                    if s.fired || Task.isCancelled {
                        s.fired = false
                        return true
                    }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }

    /// Returns once fired, cancelled, or after `seconds` (when given).
    func wait(timeout seconds: Double?, sleeper: any UploadSleeper) async {
        guard let seconds else { return await wait() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await sleeper.sleep(seconds: seconds) }
            await group.next()
            group.cancelAll()
        }
    }
}
