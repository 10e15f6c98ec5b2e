import SafeReplayModel

/// Runs the filing of closed batches (envelope, gzip, store) on a thread of its own, one
/// job at a time in the order they were submitted.
///
/// Why: the event that closes a batch arrives on a host thread, often the UI thread
/// delivering touches. Compressing a batch there charged a share of deflate to every
/// touch and event (about 40% of an `sr_touch` call); here the host thread pays for the
/// capture and a copy of the bytes only.
///
/// A worker thread lives while jobs wait and ends when the queue is empty, so an idle
/// session holds no thread. At most `capacity` jobs wait: a submitter beyond that waits
/// for room, which bounds memory when a host records faster than one core compresses.
/// Jobs must not take a lock a submitter may hold while submitting.
final class BatchFiler: @unchecked Sendable {
    private let condition = Condition()
    private let capacity: Int
    // Guarded by `condition`.
    private var jobs: [() -> Void] = []
    private var head = 0
    private var workerRunning = false
    private var submitted = 0
    private var finished = 0

    init(capacity: Int = 4) {
        self.capacity = max(capacity, 1)
    }

    /// Queues `job`, first waiting for room when `capacity` jobs are waiting already.
    func submit(_ job: @escaping () -> Void) {
        let startWorker = condition.withLock { () -> Bool in
            condition.wait { submitted - finished < capacity }
            jobs.append(job)
            submitted += 1
            defer { workerRunning = true }
            return !workerRunning
        }
        if startWorker && !DetachedThread.start({ self.drain() }) {
            // No thread to be had (the process is at its limit): file on this thread.
            drain()
        }
    }

    /// Returns once every job submitted before the call has finished. Jobs submitted
    /// meanwhile by other threads are not waited for, so a reader cannot starve.
    func waitUntilFiled() {
        condition.withLock {
            let target = submitted
            condition.wait { finished >= target }
        }
    }

    private func drain() {
        while true {
            let next = condition.withLock { () -> (() -> Void)? in
                guard head < jobs.count else {
                    jobs.removeAll(keepingCapacity: true)
                    head = 0
                    workerRunning = false
                    return nil
                }
                defer {
                    jobs[head] = {}
                    head += 1
                }
                return jobs[head]
            }
            guard let job = next else { return }
            job()
            condition.withLock {
                finished += 1
                condition.broadcast()
            }
        }
    }
}
