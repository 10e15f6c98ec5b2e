public import SafeReplayDetect

extension URLCanonicalizer {
    /// The canonicalizer for one policy's URL settings. `detector` looks at path segments,
    /// parameter names and allowlisted values that could hold PII (a digit, `@`, `:` or 16+
    /// bytes); what it finds becomes its type (`:phone`, `:credit_card`, `:us_ssn`, …).
    /// `nil` turns it off; the structural rules (`:id`, `:uuid`, `:email`, `:token`) stay.
    public init(settings: URLSettings, detector: PIIDetector? = PIIDetector()) {
        self.init(settings: settings, flag: detector.map(Self.flagger))
    }

    /// The canonicalizer a policy asks for: its `urls` settings and the detector types its
    /// `detectors.enabled` lists.
    public init(policy: Policy) {
        let types = Set(policy.detectors.enabled.compactMap(PIIType.init(rawValue:)))
        self.init(settings: policy.urls, detector: PIIDetector(types: types))
    }

    static func flagger(_ detector: PIIDetector) -> Flagger {
        { text in
            // `containsPII` stops at the first finding and allocates nothing on clean text.
            guard detector.containsPII(text), let first = detector.detect(text).first else { return nil }
            return first.type.urlPlaceholder
        }
    }
}

extension PIIType {
    /// How a finding is written in a canonical URL: `:email`, `:credit_card`, `:phone`,
    /// `:us_ssn`, `:iban`, `:ip_address`, `:jwt`, `:bearer_token`, `:api_key`.
    var urlPlaceholder: String { ":" + rawValue.lowercased() }
}
