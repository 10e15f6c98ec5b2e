import SafeReplayModel

/// Sends the batches of a store, oldest first, one in flight at a time, until the store
/// is empty: the transport-agnostic state machine around ``SendDecision``.
///
/// A batch leaves the store only when the server acknowledged it (2xx) or refused it for
/// good (4xx other than 408/429: dead-letter). Everything else is retried with backoff,
/// honouring `Retry-After`, so a batch is never lost to a bad network. Each batch keeps
/// its `Idempotency-Key` (its batch id) across retries and restarts, so a send whose
/// answer was lost can be repeated safely.
public final class Sender: Sendable {
    public let store: any BatchStore
    public let transport: any BatchTransport
    public let backoff: Backoff
    public let retryAfterCap: Double
    let authHeader: AuthHeader?
    let sleeper: any UploadSleeper
    let clock: any UploadClock

    public init(
        store: any BatchStore, transport: any BatchTransport, configuration: UploadConfiguration,
        sleeper: any UploadSleeper = TaskSleeper(), clock: any UploadClock = SystemUploadClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.transport = transport
        self.backoff = Backoff(base: configuration.backoffBase, cap: configuration.backoffCap, random: random)
        self.retryAfterCap = configuration.retryAfterCap
        self.authHeader = configuration.authHeader
        self.sleeper = sleeper
        self.clock = clock
    }

    /// When to stop trying before the store is empty.
    public struct Limits: Sendable {
        /// Stop once one batch has failed this many attempts in a row.
        public var maxAttemptsPerBatch: Int?
        /// Stop rather than start a wait that would end after this (ms since the epoch).
        public var deadline: Int64?

        public init(maxAttemptsPerBatch: Int? = nil, deadline: Int64? = nil) {
            self.maxAttemptsPerBatch = maxAttemptsPerBatch
            self.deadline = deadline
        }

        public static let none = Limits()
    }

    /// The headers every attempt carries.
    public func headers(for batch: StoredBatch) -> [(String, String)] {
        var headers = [
            ("Content-Type", "application/json"),
            ("Content-Encoding", "gzip"),
            ("Idempotency-Key", batch.batchId),
        ]
        if let authHeader { headers.append((authHeader.name, authHeader.value)) }
        return headers
    }

    /// Sends until the store is empty, a limit is reached or the task is cancelled.
    public func drain(limits: Limits = .none) async -> SendReport {
        var report = SendReport()
        while !Task.isCancelled, let batch = store.checkOut() {
            let body: [UInt8]
            do {
                body = try store.body(of: batch)
            } catch {
                // The store quarantined (or lost) it; the rest still goes.
                report.unreadable.append(ReportedBatch(batch, reason: error.description))
                store.release(batch)
                continue
            }
            guard await send(batch, body: body, limits: limits, report: &report) else {
                store.release(batch)
                report.stoppedEarly = true
                break
            }
        }
        report.remaining = store.pending().count
        return report
    }

    /// Sends one batch until it is acknowledged or dead-lettered (`true`), or a limit or
    /// cancellation stops the sender (`false`).
    private func send(_ batch: StoredBatch, body: [UInt8], limits: Limits, report: inout SendReport) async -> Bool {
        let headers = headers(for: batch)
        var attempt = 0
        while true {
            report.attempts += 1
            var response: TransportResponse?
            do {
                response = try await transport.send(body: body, headers: headers)
            } catch {
                report.transportErrors += 1
                report.lastError = String(describing: error)
            }
            switch SendDecision.decide(response: response, attempt: attempt, backoff: backoff, retryAfterCap: retryAfterCap) {
            case .acknowledged:
                try? store.acknowledge(batch)
                report.sent.append(batch)
                return true
            case .deadLetter(let reason):
                try? store.deadLetter(batch, reason: reason)
                report.deadLettered.append(ReportedBatch(batch, reason: reason))
                return true
            case .retry(let delay):
                if let status = response?.status { report.lastError = "HTTP \(status)" }
                attempt += 1
                if let max = limits.maxAttemptsPerBatch, attempt >= max { return false }
                if let deadline = limits.deadline, clock.nowMilliseconds() + Int64(delay * 1000) > deadline { return false }
                do {
                    try await sleeper.sleep(seconds: delay)
                } catch {
                    return false
                }
            }
        }
    }
}

/// What a ``Sender/drain(limits:)`` did.
public struct SendReport: Sendable {
    public var sent: [StoredBatch] = []
    public var deadLettered: [ReportedBatch] = []
    /// Batches the store could not read (quarantined).
    public var unreadable: [ReportedBatch] = []
    public var attempts = 0
    public var transportErrors = 0
    public var lastError: String?
    /// Batches still waiting when the drain returned.
    public var remaining = 0
    /// Whether a limit or cancellation stopped the drain with batches waiting.
    public var stoppedEarly = false

    public init() {}
}

public struct ReportedBatch: Sendable {
    public var batch: StoredBatch
    public var reason: String

    init(_ batch: StoredBatch, reason: String) {
        self.batch = batch
        self.reason = reason
    }
}
