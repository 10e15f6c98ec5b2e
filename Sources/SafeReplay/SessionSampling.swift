/// Whether a session is recorded at all, decided once from its id so every process (and
/// every retry of the same session) decides the same way.
enum SessionSampling {
    /// FNV-1a of the id, mixed (ids that differ only in their last characters otherwise
    /// land close together in the high bits), mapped to [0, 1) and compared with the rate.
    static func isRecorded(sessionId: String, rate: Double) -> Bool {
        if rate >= 1 { return true }
        if rate <= 0 { return false }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in sessionId.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(UInt64(1) << 53) < rate
    }
}
