extension URLCanonicalizer {
    /// The canonicalizer for one policy's URL settings.
    // TODO(detect): replace with `init(settings:detector:)` once PIIDetector lands on main.
    public init(settings: URLSettings) {
        self.init(settings: settings, flag: nil)
    }
}
