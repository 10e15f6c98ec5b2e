#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayMobile
import SafeReplayModel
public import SafeReplayPolicy
public import SafeReplayUpload
import SafeReplayWeb

/// One recording: raw observations in, batches of sanitized events out.
///
/// The one public API behind the CLI, the C ABI and Swift hosts, so all three exercise
/// the same path. Raw events (rrweb JSON from a browser or WebView recorder, wireframe
/// JSON from a native view walker), touches and locations go through the capture stage
/// the policy configures; only what it emits reaches the upload stage, which batches,
/// compresses and spools it.
///
/// Safe to use from many threads: JSON decoding runs on the caller's thread, and one lock
/// orders sanitizing and batching so events keep their order within the session.
public final class Session: @unchecked Sendable {
    public let policy: Policy
    public let sessionId: String
    /// Whether the policy's sampling rate selected this session; when not, every
    /// observation is dropped and counted as `sampled-out`.
    public let isRecorded: Bool
    /// The upload stage: run its sender (`upload.runSender(transport:)`) to send batches, or
    /// pull them with ``nextBatch()``.
    public let upload: UploadPipeline

    /// Raw events larger than this are refused before decoding (32 MiB).
    public static let maximumEventBytes = 32 << 20

    let lock = Lock()
    private let clock: @Sendable () -> Int64
    /// Touches posted by the host and not yet processed (see ``touch(pointerId:phase:x:y:timestamp:)``).
    let touches = TouchInbox()
    // Guarded by `lock`.
    let web: WebSanitizer
    let mobile: MobileSanitizer
    // Unchecked exclusivity: every access is under `lock`, and the dynamic check cost as
    // much as a touch's whole bookkeeping.
    @exclusivity(unchecked) var platform: Platform?
    @exclusivity(unchecked) var closed = false
    /// Without the web stage's counts, which ``currentStatistics`` adds from `web.audit`.
    @exclusivity(unchecked) var statistics = SessionStatistics()
    /// The touches being processed; kept to reuse its storage.
    @exclusivity(unchecked) var touchBatch: [TouchSample] = []
    /// A failure met while processing posted touches, thrown by the next call.
    @exclusivity(unchecked) var deferredFailure: SafeReplayError?

    enum Platform: String {
        case web
        case mobile
    }

    /// - Parameters:
    ///   - spoolDirectory: where batches wait, durably; `nil` keeps them in memory.
    ///   - sessionId: the session's id (a restarted app continuing a session passes it
    ///     again); a random one when `nil`.
    ///   - clock: milliseconds since the epoch, for events that carry no timestamp and for
    ///     batch ages.
    public init(
        policy: Policy, spoolDirectory: String? = nil, sessionId: String? = nil,
        clock: @escaping @Sendable () -> Int64 = Session.systemMilliseconds
    ) throws(SafeReplayError) {
        let id = sessionId ?? SessionID.random()
        self.policy = policy
        self.sessionId = id
        self.clock = clock
        isRecorded = SessionSampling.isRecorded(sessionId: id, rate: policy.sampling.sessionRate)
        upload = try UploadPipeline(
            configuration: policy.uploadConfiguration, spoolDirectory: spoolDirectory, sessionId: id,
            policyHash: policy.hash, clock: ClosureUploadClock(clock)
        )
        web = WebSanitizer(policy: policy, now: clock)
        mobile = MobileSanitizer(policy: policy, now: clock)
    }

    deinit {
        // Lets the touch worker, which holds only the inbox, end.
        touches.refuse(ended: true)
    }

    /// Wall-clock milliseconds since the Unix epoch.
    @Sendable public static func systemMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    // MARK: - observations

    /// Ingests one raw event as UTF-8 JSON (an rrweb event or a wireframe event).
    /// Malformed input is refused with a `.json` error and counted; nothing else is lost.
    public func ingest(json bytes: UnsafeRawBufferPointer) throws(SafeReplayError) {
        guard bytes.count <= Self.maximumEventBytes else {
            reject("oversize-event")
            throw SafeReplayError(.limit, "event of \(bytes.count) bytes exceeds \(Self.maximumEventBytes)")
        }
        if try ingestPointerMove(json: bytes) { return }
        let event: Event
        var replacedSurrogates = 0
        do {
            event = try Event(json: bytes, replacedSurrogates: &replacedSurrogates)
        } catch {
            reject("malformed-json")
            throw error.asSafeReplayError
        }
        if replacedSurrogates > 0 { countRepaired(replacedSurrogates) }
        try ingest(event)
    }

    /// Lone-surrogate escapes the event's strings held, read as U+FFFD: a part of the input
    /// the session could not keep, counted as dropped with the event that carried it.
    private func countRepaired(_ n: Int) {
        lock.withLock {
            statistics.audit.drop(Self.loneSurrogateReason, n)
            try? upload.record(audit: dropped(Self.loneSurrogateReason, n))
        }
    }

    static let loneSurrogateReason = "json:lone-surrogate"

    public func ingest(json bytes: [UInt8]) throws(SafeReplayError) {
        var failure: SafeReplayError?
        bytes.withUnsafeBytes { raw in
            do throws(SafeReplayError) { try ingest(json: raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Ingests one decoded raw event.
    public func ingest(_ event: Event) throws(SafeReplayError) {
        // Not `withLock`: its generic closure is not specialized across modules.
        lock.lock()
        defer { lock.unlock() }
        processWaitingTouches()
        guard try admit() else { return }
        try sanitizeAdmitted(event)
    }

    /// Sanitizes an admitted event in its platform's stage and forwards the output. Called
    /// under the lock.
    func sanitizeAdmitted(_ event: Event) throws(SafeReplayError) {
        guard let target = route(event) else {
            statistics.audit.drop("platform-mismatch")
            try upload.record(audit: dropped("platform-mismatch"))
            return
        }
        switch target {
        case .web:
            // The web stage keeps its cumulative counts itself (`currentStatistics` adds
            // them), so the session does not merge them per event.
            try forward(web.sanitize(event), audit: web.takeAudit(), drift: web.takeDriftAlerts(), countsInStatistics: false)
        case .mobile:
            try forward(mobile.sanitize(event), audit: mobile.takeAudit(), drift: mobile.takeDriftAlerts())
        }
        try throwDeferredFailure()
    }

    /// One location fix; it leaves the device only as a geohash cell, and only when the
    /// policy captures locations.
    public func location(latitude: Double, longitude: Double, accuracyMeters: Double, timestamp: Int64) throws(SafeReplayError) {
        try lock.withLock { () throws(SafeReplayError) in
            processWaitingTouches()
            guard try admit() else { return }
            try forwardMobile(mobile.location(latitude: latitude, longitude: longitude, accuracyMeters: accuracyMeters, timestamp: timestamp))
            try throwDeferredFailure()
        }
    }

    // MARK: - batches

    /// Closes the open batch (the app is going to the background).
    public func flush() throws(SafeReplayError) {
        try lock.withLock { () throws(SafeReplayError) in
            guard !closed else { throw SafeReplayError(.state, "the session is closed") }
            processWaitingTouches()
            try forwardMobile(mobile.flushPending(now: clock()))
            try upload.flush()
            try throwDeferredFailure()
        }
    }

    /// The next finished batch envelope as UTF-8 JSON, or `nil` when none is waiting.
    public func nextBatch() throws(SafeReplayError) -> [UInt8]? {
        // Touches posted before this call may close a batch: the caller sees it, as when
        // touches were processed on the caller's thread. Without any, a reader does not
        // wait for the session lock (an ingest of a large snapshot holds it).
        if touches.needsAttention {
            try lock.withLock { () throws(SafeReplayError) in
                processWaitingTouches()
                try throwDeferredFailure()
            }
        }
        return try upload.nextBatch()
    }

    /// Ends the session: pending events are emitted and the last batch closes. Calls
    /// afterwards fail with a `.state` error, except ``nextBatch()`` which drains what is left.
    public func close() throws(SafeReplayError) {
        try lock.withLock { () throws(SafeReplayError) in
            guard !closed else { return }
            // No post succeeds from here on, so none can wait unprocessed after the close.
            touches.refuse(ended: true)
            processWaitingTouches()
            closed = true
            try forwardMobile(mobile.flushPending(now: clock()))
            try upload.close()
            try throwDeferredFailure()
        }
    }

    public var isClosed: Bool { lock.withLock { closed } }

    /// Counts of what was received, refused, emitted and dropped so far.
    public var currentStatistics: SessionStatistics {
        lock.withLock {
            processWaitingTouches()
            var current = statistics
            let webAudit = web.audit
            if !webAudit.isEmpty { current.audit.merge(webAudit) }
            return current
        }
    }

    // MARK: - internals

    /// Counts an observation and says whether to process it: a closed session refuses it;
    /// a session the sampling rate left out drops it quietly (that is not the host's error).
    /// Called under the lock.
    func admit() throws(SafeReplayError) -> Bool {
        guard !closed else {
            statistics.rejected += 1
            throw SafeReplayError(.state, "the session is closed")
        }
        statistics.received += 1
        guard isRecorded else {
            statistics.audit.drop("sampled-out")
            return false
        }
        return true
    }

    private func reject(_ reason: String) {
        lock.withLock {
            processWaitingTouches()
            statistics.received += 1
            statistics.rejected += 1
            statistics.audit.drop(reason)
            try? upload.record(audit: dropped(reason))
        }
    }

    func dropped(_ reason: String, _ n: Int = 1) -> AuditCounters {
        var a = AuditCounters()
        a.drop(reason, n)
        return a
    }

    /// Hands the mobile stage's touch, location or flush output to the upload stage with the
    /// counts it produced. Most touch moves are buffered and count nothing: then there is
    /// nothing to hand over, and the audit is not even taken. Called under the lock.
    func forwardMobile(_ events: [SanitizedEvent]) throws(SafeReplayError) {
        guard !events.isEmpty || mobile.hasFreshAudit else { return }
        try forward(events, audit: mobile.takeAudit(), drift: [])
    }

    /// Hands a capture stage's output to the upload stage with the counts it produced,
    /// adding them to the statistics unless the stage keeps them. Called under the lock.
    func forward(
        _ events: [SanitizedEvent], audit: AuditCounters, drift: [DriftAlert], countsInStatistics: Bool = true
    ) throws(SafeReplayError) {
        if countsInStatistics && !audit.isEmpty { statistics.audit.merge(audit) }
        guard let first = events.first else {
            if !audit.isEmpty || !drift.isEmpty { try upload.record(audit: audit, drift: drift) }
            return
        }
        try upload.append(first, audit: audit, drift: drift)
        // By index: the slice `dropFirst()` made was retained and iterated on every event.
        var i = 1
        while i < events.count {
            try upload.append(events[i])
            i += 1
        }
        statistics.emitted += events.count
    }

    /// Which capture stage handles `event`: a session is web or mobile, decided by the
    /// first event that says which; `nil` for an event of the other platform.
    private func route(_ event: Event) -> Platform? {
        route(claiming: Self.platform(of: event))
    }

    /// ``route(_:)`` for an event that claims `claimed` (`nil`: no platform of its own).
    func route(claiming claimed: Platform?) -> Platform? {
        if platform == nil { platform = claimed ?? .web }
        if let claimed, claimed != platform { return nil }
        return platform
    }

    /// The platform an event belongs to, when it says.
    static func platform(of event: Event) -> Platform? {
        switch event.body {
        case .fullSnapshot(let data):
            if case .wireframes = data.content { return .mobile }
            return .web
        case .incrementalSnapshot(.wireframeMutation):
            return .mobile
        case .meta(let meta):
            guard let href = meta.href else { return nil }
            return Self.looksLikeWebAddress(href) ? .web : .mobile
        case .custom(let custom) where custom.tag == "keyboard":
            return .mobile
        case .domContentLoaded, .load:
            return .web
        default:
            return nil
        }
    }

    /// Web pages report URLs (`https://…`, `about:blank`, `/path`); native hosts report
    /// screen names (`CheckoutViewController`, `app://Checkout`).
    static func looksLikeWebAddress(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file:")
            || lower.hasPrefix("about:") || lower.hasPrefix("/") || lower.hasPrefix("blob:") || lower.hasPrefix("data:")
    }
}

/// Adapts the session's clock to the upload stage's clock protocol.
struct ClosureUploadClock: UploadClock {
    let now: @Sendable () -> Int64
    init(_ now: @escaping @Sendable () -> Int64) { self.now = now }
    func nowMilliseconds() -> Int64 { now() }
}
