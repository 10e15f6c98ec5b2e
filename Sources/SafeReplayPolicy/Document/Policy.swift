/// The policy document: one versioned JSON document that says what may be captured, on
/// every platform. Load it with ``Policy/load(_:)``; see docs/policy.md.
public struct Policy: Sendable {
    public static let currentVersion = 1

    public var version: Int = currentVersion
    public var name: String?
    public var levels: [SensitivityLevel: LevelSettings] = Dictionary(
        uniqueKeysWithValues: SensitivityLevel.allCases.map { ($0, LevelSettings.defaults(for: $0)) }
    )
    /// The level of routes and screens no rule classifies (they also raise drift alerts).
    public var defaultLevel: SensitivityLevel = .medium
    public var routes: [RouteRule] = []
    public var elements: [ElementRule] = []
    public var modules: [ModuleRule] = []
    public var text = TextSettings()
    public var inputs = InputSettings()
    public var media = MediaSettings()
    public var urls = URLSettings()
    public var network = NetworkSettings()
    public var mobile = MobileSettings()
    public var location = LocationSettings()
    public var sampling = SamplingSettings()
    public var upload = UploadSettings()
    public var detectors = DetectorSettings()
    public var retentionDays: Int = 30
    /// SHA-256 (hex) of the document's canonical form; stamped on every batch.
    public internal(set) var hash: String = ""

    /// The fail-closed defaults (`{"version": 1}`).
    public static var defaults: Policy {
        // The literal is valid by construction; a failure here is a bug worth crashing tests on.
        try! load(Array(#"{"version":1}"#.utf8))
    }

    public func fidelity(for level: SensitivityLevel) -> Fidelity {
        levels[level]?.fidelity ?? LevelSettings.defaults(for: level).fidelity
    }

    /// Days a batch may stay on a device.
    public var maxBatchAgeDays: Int { upload.maxBatchAgeDays ?? retentionDays }
}
