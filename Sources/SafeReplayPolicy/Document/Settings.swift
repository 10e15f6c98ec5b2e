// The sections of the policy document other than rules. Every default here is the
// fail-closed one: `{"version": 1}` alone means exactly these values.

/// What a sensitivity level captures.
public struct LevelSettings: Sendable, Hashable {
    public var fidelity: Fidelity

    public static func defaults(for level: SensitivityLevel) -> LevelSettings {
        switch level {
        case .low: return LevelSettings(fidelity: .replay)
        case .medium: return LevelSettings(fidelity: .maskedReplay)
        case .high: return LevelSettings(fidelity: .off)
        }
    }
}

/// Page text that the level or a rule masks.
public struct TextSettings: Sendable, Hashable {
    public var maskStyle: MaskStyleName = .preserveLength
    /// `*` or `#`.
    public var maskCharacter: Character = "*"
}

/// Form fields: masked by default whatever the level; `allow` lists fields shown (their
/// values still pass the detectors). The hard floor (passwords, hidden and file inputs,
/// card and one-time-code autocomplete, `data-sr-sensitive`) ignores `allow`.
public struct InputSettings: Sendable, Hashable {
    public var maskStyle: MaskStyleName = .fixed
    public var allow: [ElementRule] = []
}

/// Media and embedded content (images, video, audio, canvas, object/embed, iframes).
public struct MediaSettings: Sendable, Hashable {
    /// Blocked (same-size placeholder) unless set to false.
    public var block: Bool = true
}

/// URLs the page stream carries (Meta `href`, `href`/`src`/… attributes).
public struct URLSettings: Sendable, Hashable {
    /// Query and fragment parameters whose values are kept; all others are replaced by a
    /// marker. Names on the built-in deny list (`token`, `code`, `sid`, …) are stripped
    /// whatever this says.
    public var allowParameters: [String] = []
    /// Path templates kept as written (`/docs/:slug` keeps the slug segment verbatim).
    public var keepPaths: [RoutePattern] = []
}

/// Network metadata reported by the host (rrweb's network plugin, native interceptors).
public struct NetworkSettings: Sendable, Hashable {
    /// Method, canonical URL, status and timings. Off by default.
    public var capture: Bool = false
    /// URL path patterns whose requests are captured when `capture` is on (empty: all).
    public var allowURLs: [RoutePattern] = []
    /// Header names captured (lower-case); credentials are never captured.
    public var allowHeaders: [String] = []
    /// Bodies are never captured in this version; the key exists so a policy can say so.
    public var captureBodies: Bool = false
}

/// Mobile capture: screens and views. Wireframes never carry text.
public struct MobileSettings: Sendable, Hashable {
    public var screens: [ScreenRule] = []
    public var views: [ViewRule] = []
    /// Touches and gestures (taps, swipes, rage taps) as positions without content.
    public var captureGestures: Bool = true
    /// Rage tap: this many taps within `rageTapWindowMs` and `rageTapRadius` points.
    public var rageTapCount: Int = 3
    public var rageTapWindowMs: Int = 1_000
    public var rageTapRadius: Double = 30
}

/// Device location, only ever as a geohash cell.
public struct LocationSettings: Sendable, Hashable {
    public var capture: Bool = false
    /// Geohash length, 1–12; 5 is a ~5 km cell.
    public var precision: Int = 5
    /// At most one location per interval.
    public var minIntervalMs: Int = 60_000
}

/// Which sessions are recorded and how densely.
public struct SamplingSettings: Sendable, Hashable {
    /// Fraction of sessions recorded, decided once per session id.
    public var sessionRate: Double = 1.0
    /// Minimum spacing of pointer positions (ms); 0 keeps all.
    public var mousemoveIntervalMs: Int = 50
    /// Minimum spacing of scroll events per target (ms); 0 keeps all.
    public var scrollIntervalMs: Int = 100
}

/// Batching, spooling and sending.
public struct UploadSettings: Sendable, Hashable {
    public var endpoint: String?
    public var maxEvents: Int = 1_000
    public var maxBytes: Int = 1_048_576
    public var maxAgeMs: Int = 5_000
    public var spoolCapBytes: Int = 52_428_800
    /// Batches older than this are deleted unsent; defaults to the retention days.
    public var maxBatchAgeDays: Int?
}

/// The PII detectors every emitted string passes through.
public struct DetectorSettings: Sendable, Hashable {
    public static let knownTypes = ["EMAIL", "CREDIT_CARD", "PHONE", "US_SSN", "IBAN", "IP_ADDRESS", "JWT", "BEARER_TOKEN", "API_KEY"]

    /// Type names (see `knownTypes`); all by default. Disabling one is allowed but loud in docs.
    public var enabled: [String] = knownTypes
    public var maskStyle: MaskStyleName = .typed
    /// With `typed`, show a card's last four digits (`[CARD …1234]`).
    public var revealCardLastFour: Bool = false
}
