import SafeReplayPolicy
import SafeReplayUpload

extension Policy {
    /// The upload stage's settings as this policy states them.
    var uploadConfiguration: UploadConfiguration {
        var c = UploadConfiguration()
        c.maxEvents = upload.maxEvents
        c.maxBytes = upload.maxBytes
        c.maxAge = Double(upload.maxAgeMs) / 1000
        c.spoolByteCap = upload.spoolCapBytes
        c.retentionDays = retentionDays
        c.maxBatchAgeOnDisk = Double(maxBatchAgeDays) * 86_400
        c.endpoint = upload.endpoint
        return c
    }
}
