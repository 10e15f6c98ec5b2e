public import SafeReplayModel
public import SafeReplayPolicy

/// The web privacy engine: raw rrweb events in (a recorder running with masking off),
/// safe rrweb events out, replayable by any rrweb player.
///
/// One per recording session. It keeps a mirror of the page so every rule holds on every
/// incremental change, classifies routes from Meta events, and emits only what the
/// policy allows at the route's fidelity. Anything it does not know how to sanitize is
/// dropped and counted, never passed through. Not thread-safe: the session serializes calls.
public final class WebSanitizer {
    let policy: Policy
    let now: @Sendable () -> Int64
    let protection: Protection
    let content: ContentSanitizer
    let routes: RouteClassifier

    let mirror = Mirror()
    @exclusivity(unchecked) var drift = DriftTracker()
    var log = InteractionLog()
    /// The counts added since the last ``takeAudit()`` (every stage adds to them in place).
    /// Kept apart from what was taken, so a take hands them over without comparing every
    /// reason the session ever counted (that cost thousands of instructions per event).
    @exclusivity(unchecked) var auditCounters = AuditCounters()
    /// Whether `auditCounters` were handed out by ``takeAudit()``. They are cleared by the
    /// next ``sanitize(_:)``, not by the take: by then the taker has let go of its copy, so
    /// they clear in place and the next count allocates nothing.
    @exclusivity(unchecked) var auditTaken = false
    /// What ``takeAudit()`` handed out so far.
    @exclusivity(unchecked) var auditReported = AuditCounters()

    /// The current route and what it lets through.
    var route: RouteVerdict
    var mode: CaptureMode
    /// Whether any Meta has been seen (a snapshot before one is judged by the default level).
    var sawMeta = false
    /// The sanitized Meta fields re-emitted before every FullSnapshot.
    var meta = MetaData(href: nil, width: nil, height: nil)
    /// Whether the output holds a FullSnapshot the player can apply incrementals to.
    var playerHasSnapshot = false
    /// Whether the last emitted event was a Meta (a FullSnapshot must follow one).
    var lastEmittedWasMeta = false
    /// The page's scroll position, for snapshots rebuilt from the mirror.
    var documentScroll = ScrollOffset()
    /// A rage click noted while handling the current event, emitted after it.
    var pendingFrustration: (target: String, count: Int)?

    /// The events of the call in progress.
    @exclusivity(unchecked) var output: [SanitizedEvent] = []
    var timestamp: Int64 = 0
    @exclusivity(unchecked) var writer = JSONWriter(capacity: 1 << 16)
    /// `emit`'s own writer, reused: a new one per event cost two allocations and their frees.
    /// Not `writer`, which may hold a snapshot in progress when a custom event is emitted.
    @exclusivity(unchecked) var eventWriter = JSONWriter(capacity: 1 << 12)
    /// Serialized nodes: a mutation's adds, and a whole FullSnapshot event, which it writes
    /// straight into the array the event is handed out as (``JSONBytes/beginArray(_:expecting:)``).
    @exclusivity(unchecked) var treeBytes = JSONBytes(capacity: 1 << 16)
    /// The bytes of the last snapshot's tree: how large `treeBytes` may stay, and the size
    /// the next snapshot's array is first given.
    var snapshotTreeBytes = 0
    /// The last FullSnapshot's JSON, shared with whoever took it: once they let go, the next
    /// snapshot is written into the same memory. A fresh buffer of a large page's size
    /// costs more in page faults (the allocator hands big frees back to the system) than
    /// writing the snapshot does.
    @exclusivity(unchecked) var lastSnapshotJSON: [UInt8] = []
    /// The memory of the last event handed out, once its taker let go of it (the upload
    /// stage copies an event's bytes into its batch): the next event is copied into it, so
    /// an event costs no allocation and no free (~250 instructions an event).
    @exclusivity(unchecked) var spareEventJSON: [UInt8] = []
    /// The lists of the last mutation batch, emptied, for the next one.
    @exclusivity(unchecked) var spareMutationOutput = MutationOutput()
    /// The largest array kept as ``spareEventJSON``: an incremental event's, not a page's.
    static let spareEventJSONCapacity = 1 << 16

    public init(policy: Policy, now: @escaping @Sendable () -> Int64) {
        self.policy = policy
        self.now = now
        protection = Protection(policy: policy, tags: &mirror.tagTable)
        content = ContentSanitizer(policy: policy)
        routes = RouteClassifier(policy: policy)
        route = routes.unclassified(template: "(none)")
        mode = CaptureMode(route.fidelity)
        log = InteractionLog(policy: policy)
    }

    /// What protection did so far (cumulative): counts only, never values.
    public var audit: AuditCounters {
        var all = auditReported
        if !auditTaken && !auditCounters.isEmpty { all.merge(auditCounters) }
        return all
    }

    /// The counts added since the last call: what the session forwards into the open batch.
    public func takeAudit() -> AuditCounters {
        guard !auditTaken, !auditCounters.isEmpty else { return AuditCounters() }
        auditTaken = true
        var delta = auditCounters
        delta.removeZeroCounts()
        if !delta.isEmpty { auditReported.merge(delta) }
        return delta
    }

    /// Drift alerts raised since the last call.
    public func takeDriftAlerts() -> [DriftAlert] { drift.take() }

    /// Sanitizes one raw event into zero or more safe events, in order.
    public func sanitize(_ event: Event) -> [SanitizedEvent] {
        beginEvent(at: event.timestamp)
        // Most events, in a switch of their own: bound in the switch below, where other
        // cases bind payloads too, the incremental data was copied (a retain for each of
        // its arrays) and the event's body destroyed after (~290 instructions an event).
        // An `if case` copies it the same way.
        switch event.body {
        case .incrementalSnapshot(let data):
            handleIncremental(data)
            flushFrustration()
            return output
        default:
            break
        }
        switch event.body {
        case .domContentLoaded, .load:
            if event.typeNumber == EventType.domContentLoaded.rawValue { forgetHistory() }
            if mode.isDOM {
                emit(Event(timestamp: timestamp, body: event.typeNumber == 0 ? .domContentLoaded(.object([:])) : .load(.object([:]))))
            } else {
                auditCounters.drop(.paused)
            }
        case .meta(let data):
            handleMeta(data)
        case .fullSnapshot(let data):
            handleFullSnapshot(data)
        case .incrementalSnapshot:
            break  // handled above
        case .custom(let data):
            handleCustom(data)
        case .plugin:
            auditCounters.drop(.plugin)
        case .asset:
            auditCounters.drop(.asset)
        case .unknown:
            auditCounters.drop(.unknownEventType)
        }
        return output
    }

    /// Clears what the previous event left (its counts, once taken, and its output) and
    /// sets the time the event's output is stamped with.
    @inline(__always)
    func beginEvent(at eventTimestamp: Int64?) {
        if auditTaken {
            auditCounters.removeAll()
            auditTaken = false
        }
        // Usually one event or none: `removeLast` skips `removeAll`'s generic range
        // replacement, which ran on every call.
        switch output.count {
        case 0: break
        case 1: keepAsSpare(output.removeLast().json)
        default: output.removeAll(keepingCapacity: true)
        }
        timestamp = eventTimestamp ?? now()
    }

    /// A new document: ids of the old one's removed nodes no longer mean anything, but the
    /// nodes the mirror holds keep their protection.
    func forgetHistory() {
        mirror.forgetStickyStates()
        guard !mirror.isEmpty else { return }
        mirror.forEachInSubtree(mirror.root) { s in mirror.tighten(mirror.id(s), with: Protection.sticky(of: mirror.state(s))) }
    }

    // MARK: output

    func emit(_ event: Event, checkout: Bool = false) {
        eventWriter.reset()
        var w = eventWriter
        event.encode(into: &w)
        append(take(&eventWriter), type: event.typeNumber, at: event.timestamp ?? timestamp, checkout: checkout)
    }

    /// Emits an incremental event stamped with the current event's time: the bytes
    /// `emit(Event(timestamp:body: .incrementalSnapshot(data)))` writes, without building,
    /// copying and destroying the Event around `data` (the common case, once per event).
    func emitIncremental(_ data: IncrementalData) {
        eventWriter.reset()
        var w = eventWriter
        data.encodeEvent(timestamp: timestamp, into: &w)
        emitIncrementalWritten()
    }

    /// Emits the incremental event `eventWriter` holds, stamped with the current event's time.
    func emitIncrementalWritten() {
        append(take(&eventWriter), type: EventType.incrementalSnapshot.rawValue, at: timestamp)
    }

    /// Emits JSON written by `writer` as one event.
    func emitWritten(type: EventType, checkout: Bool = false) {
        append(take(&writer), type: type.rawValue, at: timestamp, checkout: checkout)
    }

    /// Every emit path ends here, so whether the last event out was a Meta (which a
    /// FullSnapshot must follow) is kept in one place. `json` is consumed: borrowed, it
    /// was retained to be stored in the event and released by the caller (~45
    /// instructions an event).
    func append(_ json: consuming [UInt8], type: Int, at timestamp: Int64, checkout: Bool = false) {
        output.append(SanitizedEvent(timestamp: timestamp, type: type, isCheckout: checkout, json: json))
        lastEmittedWasMeta = type == EventType.meta.rawValue
    }

    /// A copy of what `writer` holds, in the spare event memory when there is one.
    private func take(_ writer: inout JSONWriter) -> [UInt8] {
        var json: [UInt8] = []
        swap(&json, &spareEventJSON)
        writer.copy(into: &json)
        // A large event should not pin its buffer for the rest of the session.
        if json.count > 1 << 22 { writer = JSONWriter(capacity: 1 << 16) }
        return json
    }

    /// Keeps the array of an event handed out earlier for the next event's bytes, unless
    /// another holder still shares it (a Meta the batcher holds back, the last snapshot)
    /// or it is a page's size.
    private func keepAsSpare(_ json: consuming [UInt8]) {
        var json = json
        guard json.capacity <= Self.spareEventJSONCapacity, JSONBytes.isUniquelyReferenced(&json) else { return }
        spareEventJSON = json
    }

    func emitCustom(_ tag: CustomTag, _ payload: JSONObject) {
        emit(.custom(tag, payload, timestamp: timestamp))
    }
}
