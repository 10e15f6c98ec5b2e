import SafeReplayDetect
public import SafeReplayModel
public import SafeReplayPolicy

/// The mobile privacy engine: raw observations from a host's adapters (a view walker's
/// wireframes, screen changes, keyboard events, touches, locations) in; text-free
/// PostHog-dialect rrweb events out, with gestures and geohashed locations.
///
/// One per recording session. It keeps a sanitized mirror of the wireframe tree so that
/// mutations, view rules and touch hit-testing always see the current screen, classifies
/// screens from Meta events, and emits only what the policy allows at the screen's
/// fidelity. Anything it does not know how to sanitize is dropped and counted, never
/// passed through. Not thread-safe: the session serializes calls.
public final class MobileSanitizer {
    // State is confined to the calling session (it serializes calls), so the hot fields
    // skip dynamic exclusivity checks: they cost more than a touch move itself.
    let policy: Policy
    let now: @Sendable () -> Int64
    let screens: ScreenClassifier
    let capturesGestures: Bool
    let capturesLocation: Bool
    /// The policy's PII detectors, for the one host string that leaves: the screen name.
    let detector: PIIDetector

    @exclusivity(unchecked) var ledger = AuditLedger()
    var drift = DriftTracker()
    @exclusivity(unchecked) var out = EventOutput()
    @exclusivity(unchecked) var mirror: WireframeMirror
    @exclusivity(unchecked) var keyboard = KeyboardRegion()

    // MARK: screen state
    var verdict: ScreenVerdict
    @exclusivity(unchecked) var mode = CaptureMode.waiting
    /// The screen name template: the Meta `href` emitted, the subject of drift alerts.
    var screenTemplate = ScreenTemplate.unnamed {
        didSet { screenTemplateJSON = Self.jsonString(screenTemplate) }
    }
    /// The template written as a JSON string once per screen, for per-touch events.
    var screenTemplateJSON = MobileSanitizer.jsonString(ScreenTemplate.unnamed)
    var viewportWidth: Double?
    var viewportHeight: Double?
    /// Whether the player has a FullSnapshot that mutations and touches apply to.
    var playerHasSnapshot = false
    /// A snapshot is owed after entering a wireframe screen from another mode; it is sent
    /// before the next wireframe or touch, built after the host's next update.
    var checkoutOwed = false

    // MARK: touch state
    let thresholds: GestureThresholds
    /// `sampling.mousemoveIntervalMs`: the web's pointer sampling applies to fingers too
    /// (per finger; recognition still sees every position).
    let moveIntervalMs: Int64
    @exclusivity(unchecked) var pointers = PointerTable()
    @exclusivity(unchecked) var gestures: GestureRecognizer
    @exclusivity(unchecked) var moves = MoveBuffer()
    @exclusivity(unchecked) var lastTouchTime = Int64.min

    // MARK: location state
    var locationGate: LocationGate

    public init(policy: Policy, now: @escaping @Sendable () -> Int64) {
        self.policy = policy
        self.now = now
        screens = ScreenClassifier(policy: policy)
        detector = PIIDetector(types: Set(policy.detectors.enabled.compactMap(PIIType.init(rawValue:))))
        verdict = screens.unnamed
        capturesGestures = policy.mobile.captureGestures
        capturesLocation = policy.location.capture
        mirror = WireframeMirror(rules: ViewRuleBook(rules: policy.mobile.views), urls: URLCanonicalizer(policy: policy))
        thresholds = GestureThresholds(policy: policy)
        moveIntervalMs = Int64(policy.sampling.mousemoveIntervalMs)
        gestures = GestureRecognizer(thresholds: thresholds)
        locationGate = LocationGate(minIntervalMs: policy.location.minIntervalMs)
    }

    static func jsonString(_ s: String) -> [UInt8] {
        let w = JSONWriter(capacity: s.utf8.count + 8)
        w.string(s)
        return w.bytes
    }

    /// What protection did so far (cumulative): counts only, never values.
    public var audit: AuditCounters { ledger.total() }

    /// Counts since the last call (the session forwards these into batches).
    public func takeAudit() -> AuditCounters { ledger.take() }

    /// Whether ``takeAudit()`` would return any count.
    public var hasFreshAudit: Bool { ledger.hasFreshCounts }

    /// Drift alerts raised since the last call.
    public func takeDriftAlerts() -> [DriftAlert] { drift.take() }

    /// Sanitizes one raw observation into zero or more safe events, in order.
    public func sanitize(_ event: Event) -> [SanitizedEvent] {
        let timestamp = event.timestamp ?? now()
        switch event.body {
        case .meta(let data):
            handleMeta(data, at: timestamp)
        case .fullSnapshot(let data):
            handleFullSnapshot(data, at: timestamp)
        case .incrementalSnapshot(let data):
            handleIncremental(data, at: timestamp)
        case .custom(let data):
            handleCustom(data, at: timestamp)
        case .plugin:
            ledger.drop(.plugin)
        case .domContentLoaded, .load, .asset, .unknown:
            ledger.drop(.eventType)
        }
        return out.take()
    }

    /// Emits buffered touch-move positions, and a snapshot still owed to the player
    /// (the session calls this when it flushes or closes).
    public func flushPending(now time: Int64) -> [SanitizedEvent] {
        flushMoves()
        if mode == .wireframes { payCheckout(at: time) }
        return out.take()
    }
}
