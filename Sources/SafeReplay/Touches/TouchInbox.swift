import SafeReplayModel
import Synchronization

/// Touch samples posted by the host, waiting for the session's touch worker.
///
/// Why: touches arrive on the host's UI thread, up to 120 per second per finger, and the
/// gesture stage, the batch hand-over and the session's bookkeeping cost several hundred
/// nanoseconds per sample. Posting costs one uncontended mutex and an append; the worker
/// (or any other call on the session, which takes what is waiting first, so the host's
/// order of calls is kept) processes the samples.
///
/// The worker is not woken per sample: a futex wake costs the poster more than processing
/// the sample inline would. While touches keep coming it wakes by itself every
/// `pollInterval`; a poster wakes it only when half the inbox (`wakeCount`) waits, or
/// when it has gone to sleep for good after `idleAfterPolls` empty polls. Waking it
/// earlier helps no real feed (a few hundred touches per second fill 16 ms with a handful)
/// and, in a flood, makes the worker read the samples while the poster writes beside them,
/// which moves cache lines between cores on every post (about 120 instead of 85 ns per
/// `sr_touch` here). At most `capacity` samples wait: a poster beyond that is told to
/// process them itself, so memory stays bounded whatever the worker's luck with the
/// scheduler.
final class TouchInbox: @unchecked Sendable {
    enum Posting {
        /// The sample waits for the worker.
        case queued
        /// The worker must be started (first sample, or it exited); the sample waits.
        case queuedStartWorker
        /// The sample was not queued: the caller processes what waits, then the sample.
        case full
        /// The session ended or a deferred failure waits to be reported: the caller takes
        /// the session's slow path, which throws.
        case refused
    }

    enum WorkerState {
        case none
        /// Waiting with a timeout; posters do not signal.
        case polling
        /// Waiting until signalled.
        case sleeping
        case running
    }

    static let capacity = 4096
    static let wakeCount = capacity / 2
    static let pollIntervalNanoseconds = 16_000_000
    static let idleAfterPolls = 16

    private let condition = Condition()
    // Guarded by `condition`. Unchecked exclusivity: the dynamic checks cost more than the
    // rest of a post.
    @exclusivity(unchecked) private var pending: [TouchSample] = []
    @exclusivity(unchecked) private var worker = WorkerState.none
    @exclusivity(unchecked) private var ended = false
    @exclusivity(unchecked) private var refusing = false
    /// Set by the first post and never cleared: a session that never saw a touch (every
    /// web session) skips the inbox's mutex on each of its calls.
    private let everPosted = Atomic<Bool>(false)

    init() {
        pending.reserveCapacity(256)
    }

    /// Queues one sample, unless the inbox refuses it or is full.
    func post(_ sample: TouchSample) -> Posting {
        condition.lock()
        defer { condition.unlock() }
        if refusing || ended { return .refused }
        if pending.count >= Self.capacity { return .full }
        pending.append(sample)
        switch worker {
        case .none:
            worker = .running
            everPosted.store(true, ordering: .releasing)
            return .queuedStartWorker
        case .sleeping:
            worker = .running
            condition.signal()
        case .polling:
            if pending.count >= Self.wakeCount { condition.signal() }
        case .running:
            break
        }
        return .queued
    }

    /// Moves every waiting sample into `batch` (which the caller has emptied).
    func take(into batch: inout [TouchSample]) {
        guard everPosted.load(ordering: .acquiring) else { return }
        condition.lock()
        swap(&pending, &batch)
        condition.unlock()
    }

    /// Whether samples wait or a refusal stands (a deferred failure to throw, or the end):
    /// lets a call that otherwise needs no session lock skip taking it.
    var needsAttention: Bool {
        guard everPosted.load(ordering: .acquiring) else { return false }
        condition.lock()
        defer { condition.unlock() }
        return !pending.isEmpty || refusing
    }

    /// Posts fail from now on (`.refused`) until ``stopRefusing()``: the session ended, or a
    /// failure from deferred samples waits to be thrown by the next call.
    func refuse(ended: Bool) {
        condition.lock()
        refusing = true
        if ended {
            self.ended = true
            condition.signal()
        }
        condition.unlock()
    }

    func stopRefusing() {
        condition.lock()
        refusing = false
        condition.unlock()
    }

    /// The worker's wait: returns `true` when samples wait, `false` when the session ended
    /// (the worker exits then). Polls while touches keep arriving; sleeps until signalled
    /// after `idleAfterPolls` empty polls.
    func waitForSamples() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        var emptyPolls = 0
        while !ended {
            if pending.count >= Self.wakeCount { break }
            if pending.isEmpty && emptyPolls >= Self.idleAfterPolls {
                worker = .sleeping
                condition.waitOnce()
                worker = .running
                continue
            }
            worker = .polling
            let signalled = condition.waitOnce(nanoseconds: Self.pollIntervalNanoseconds)
            worker = .running
            // A full poll with samples waiting: process them (a wake for `wakeCount` is
            // caught at the top of the loop).
            if !pending.isEmpty && !signalled { break }
            if pending.isEmpty { emptyPolls += 1 } else { emptyPolls = 0 }
        }
        if ended {
            worker = .none
            return false
        }
        return true
    }

    /// The worker could not be started: the next post starts one again.
    func workerDidNotStart() {
        condition.lock()
        worker = .none
        condition.unlock()
    }
}
