import SafeReplayModel
import SafeReplayUpload

extension UploadBenchmarks {
    /// Opening a spool that holds a backlog (a device offline for a while), on the thread
    /// that opens the session: the framing check SafeReplay does, beside reading and
    /// inflating every batch (what opening did before, and still what sending one does).
    static func spoolOpen(_ events: [SanitizedEvent], _ context: BenchContext) -> [BenchResult] {
        let dir = freshDirectory()
        defer { removeSpool(dir) }
        var configuration = UploadConfiguration()
        configuration.spoolByteCap = 1 << 30
        feed(events, repeats: context.quick ? 4 : 200, configuration: configuration, spool: dir, clock: SimulatedClock())
        guard let probe = try? Spool(directory: dir, configuration: configuration, clock: SimulatedClock()) else { return [] }
        let batches = probe.pending()
        let compressed = probe.byteCount
        let batchesPath = dir + "/batches/"
        var inflated = 0
        for batch in batches { inflated += (try? Gzip.decompress(FileIO.read(batchesPath + batch.name, limit: 64 << 20)).count) ?? 0 }
        _ = consume probe  // releases the spool's lock before the timed opens

        var notes = JSONObject()
        notes["batches"] = .int(Int64(batches.count))
        notes["compressedBytes"] = .int(Int64(compressed))
        notes["inflatedBytes"] = .int(Int64(inflated))
        notes["clock"] = .string("wall (the files are in the page cache after the first open)")
        let opening = context.sampleSeconds {
            blackHole(try? Spool(directory: dir, configuration: configuration, clock: SimulatedClock()).pending().count)
        }.map { $0 * 1_000 }
        let verifyingAll = context.sampleSeconds {
            for batch in batches { try? Gzip.verify(FileIO.read(batchesPath + batch.name, limit: 64 << 20)) }
        }.map { $0 * 1_000 }
        let label = "\(compressed / 1_000_000) MB spool (\(batches.count) batches)"
        return [
            BenchResult(suite: name, name: "opening a \(label)", unit: "ms", higherIsBetter: false, samples: opening, notes: notes,
                        group: "Opening a spool with a backlog", system: "SafeReplay"),
            BenchResult(suite: name, name: "inflating every batch of the same spool (opening before 2026-11-30)", unit: "ms", higherIsBetter: false,
                        samples: verifyingAll, notes: notes, group: "Opening a spool with a backlog", system: "verify whole"),
        ]
    }
}
