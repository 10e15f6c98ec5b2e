public import SafeReplayModel

/// The upload stage's settings. The session maps the policy's upload section onto it;
/// the defaults are the policy's defaults.
public struct UploadConfiguration: Sendable {
    /// A batch closes once it holds this many events.
    public var maxEvents: Int = 1_000
    /// A batch closes before its events' JSON (uncompressed, with separators) would pass
    /// this many bytes; a single event larger than this is dropped and counted.
    public var maxBytes: Int = 1_000_000
    /// A batch closes once its first event is this old (seconds).
    public var maxAge: Double = 5
    /// The spool's cap on compressed bytes; past it the oldest batches are dropped.
    public var spoolByteCap: Int = 50_000_000
    /// The policy's retention, carried in every envelope.
    public var retentionDays: Int = 30
    /// Batches filed longer ago than this (seconds) are deleted unsent.
    /// `nil` means `retentionDays`.
    public var maxBatchAgeOnDisk: Double? = nil
    /// Exponential backoff: the first retry waits up to `backoffBase` seconds, doubling
    /// per attempt up to `backoffCap` (full jitter: a uniform draw below that bound).
    public var backoffBase: Double = 1
    public var backoffCap: Double = 300
    /// The longest `Retry-After` obeyed (seconds); a server asking for more is capped so
    /// a misconfigured proxy cannot park the uploader for days.
    public var retryAfterCap: Double = 3_600
    /// zlib level (1–9). 4 keeps one core above the throughput target with JSON ratios
    /// close to level 6.
    public var compressionLevel: Int32 = 4
    /// Where batches go; without one they stay in the spool (or the memory queue).
    public var endpoint: String? = nil
    /// An optional `Authorization`/API-key header. Held in memory only: it is never
    /// written to the spool nor into an envelope.
    public var authHeader: AuthHeader? = nil

    public init() {}

    /// The effective on-disk age limit in seconds.
    public var effectiveMaxBatchAge: Double {
        maxBatchAgeOnDisk ?? Double(retentionDays) * 86_400
    }

    /// Checks the values a policy or host could get wrong.
    public func validate() throws(SafeReplayError) {
        func fail(_ field: String, _ message: String) -> SafeReplayError {
            SafeReplayError(.argument, message, context: ["field": field])
        }
        if maxEvents < 1 { throw fail("maxEvents", "maxEvents must be at least 1") }
        if maxBytes < 64 { throw fail("maxBytes", "maxBytes must be at least 64") }
        if !(maxAge > 0) || !maxAge.isFinite { throw fail("maxAge", "maxAge must be a positive number of seconds") }
        if spoolByteCap < maxBytes / 4 { throw fail("spoolByteCap", "spoolByteCap must hold at least one compressed batch") }
        if retentionDays < 0 { throw fail("retentionDays", "retentionDays must not be negative") }
        if let age = maxBatchAgeOnDisk, !(age > 0) || !age.isFinite {
            throw fail("maxBatchAgeOnDisk", "maxBatchAgeOnDisk must be a positive number of seconds")
        }
        if !(backoffBase > 0) || !(backoffCap >= backoffBase) || !backoffCap.isFinite {
            throw fail("backoff", "backoff needs 0 < base <= cap")
        }
        if !(retryAfterCap >= 0) || !retryAfterCap.isFinite { throw fail("retryAfterCap", "retryAfterCap must be finite and not negative") }
        if !(1...9).contains(compressionLevel) { throw fail("compressionLevel", "compressionLevel must be 1–9") }
        if let authHeader { try authHeader.validate() }
    }
}

/// The credential header a host may give the uploader.
public struct AuthHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `Authorization: Bearer <token>`.
    public static func bearer(_ token: String) -> AuthHeader {
        AuthHeader(name: "Authorization", value: "Bearer " + token)
    }

    /// An API key in a header of the service's choosing (`X-API-Key` by default).
    public static func apiKey(_ key: String, header: String = "X-API-Key") -> AuthHeader {
        AuthHeader(name: header, value: key)
    }

    /// Refuses names and values that would break or smuggle HTTP headers. The value is
    /// never echoed in the error.
    public func validate() throws(SafeReplayError) {
        let tokenChars = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        guard !name.isEmpty, name.utf8.allSatisfy({ tokenChars.contains($0) }) else {
            throw SafeReplayError(.argument, "auth header name is not an HTTP token", context: ["field": "authHeader"])
        }
        guard value.utf8.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw SafeReplayError(.argument, "auth header value contains control characters", context: ["field": "authHeader", "header": name])
        }
    }
}
