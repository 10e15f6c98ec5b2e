import Foundation
import SafeReplayModel

/// JSON ingest (bytes → typed events) and write (typed events → bytes), beside
/// Foundation's JSONSerialization on the same event lines.
enum JSONBenchmarks: BenchSuite {
    static let name = "json"

    /// Every event of rrweb's fixture streams, one compact JSON document each.
    static func corpus(_ context: BenchContext) -> [[UInt8]] {
        let dir = context.fixture("rrweb/streams")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir).sorted()) ?? []
        var lines: [[UInt8]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
            let bytes = [UInt8](data)
            guard let events = try? bytes.withUnsafeBytes({ raw in try Event.decodeArray(json: raw) }) else { continue }
            lines.append(contentsOf: events.map(\.jsonBytes))
        }
        return lines
    }

    /// A typical session: a 1,500-node page, then a minute of pointer, scroll, input and
    /// mutation events, each a compact JSON document.
    static func sessionCorpus() -> [[UInt8]] {
        var generator = SyntheticSession()
        return generator.events(nodes: 1_500, seconds: 60).map(\.jsonBytes)
    }

    static func run(_ context: BenchContext) -> [BenchResult] {
        measure(corpusName: "rrweb fixtures", lines: corpus(context), repeats: context.quick ? 2 : 40, context) +
            measure(corpusName: "typical session", lines: sessionCorpus(), repeats: context.quick ? 2 : 60, context)
    }

    static func measure(corpusName: String, lines: [[UInt8]], repeats: Int, _ context: BenchContext) -> [BenchResult] {
        let totalBytes = lines.reduce(0) { $0 + $1.count } * repeats
        let meanSize = lines.isEmpty ? 0 : lines.reduce(0) { $0 + $1.count } / lines.count
        var notes = JSONObject()
        notes["events"] = .int(Int64(lines.count * repeats))
        notes["bytes"] = .int(Int64(totalBytes))
        notes["meanEventBytes"] = .int(Int64(meanSize))
        notes["corpus"] = .string(corpusName)

        let ingestName = "ingest, \(corpusName): SafeReplay scanner → typed events"
        let ingestPeerName = "ingest, \(corpusName): peer Foundation JSONSerialization → Any"
        let writeName = "write, \(corpusName): SafeReplay writer ← typed events"
        let writePeerName = "write, \(corpusName): peer Foundation JSONSerialization ← Any"
        var results: [BenchResult] = []

        let events = lines.compactMap { try? Event(json: $0) }
        if context.wants(ingestName) {
            var decoded: [Event] = []
            decoded.reserveCapacity(lines.count * repeats)
            let samples = context.sampleMBps(bytes: totalBytes) {
                decoded.removeAll(keepingCapacity: true)
                for _ in 0..<repeats {
                    for line in lines {
                        if let e = try? Event(json: line) { decoded.append(e) }
                    }
                }
                blackHole(decoded)
            }
            results.append(BenchResult(suite: name, name: ingestName, unit: "MB/s", higherIsBetter: true, samples: samples, notes: notes, group: "ingest, \(corpusName)", target: 200))
        }
        // The pattern of the product's own ingest (Session.ingest(json:)): each event decoded,
        // used and freed before the next, so the allocator hands the same blocks back. The
        // figure above keeps every decoded event of a sample alive until the next sample.
        let streamingName = "ingest, \(corpusName): SafeReplay, each event freed before the next"
        if context.wants(streamingName) {
            let samples = context.sampleMBps(bytes: totalBytes) {
                var kept = 0
                for _ in 0..<repeats {
                    for line in lines {
                        if let e = try? Event(json: line) { kept &+= e.timestamp == 0 ? 0 : 1 }
                    }
                }
                blackHole(kept)
            }
            results.append(BenchResult(suite: name, name: streamingName, unit: "MB/s", higherIsBetter: true, samples: samples, notes: notes, group: "ingest, \(corpusName)", target: 200))
        }
        if context.wants(writeName) {
            var writer = JSONWriter(capacity: 1 << 20)
            let samples = context.sampleMBps(bytes: totalBytes) {
                for _ in 0..<repeats {
                    for event in events {
                        writer.reset()
                        event.encode(into: &writer)
                    }
                }
                blackHole(writer.count)
            }
            results.append(BenchResult(suite: name, name: writeName, unit: "MB/s", higherIsBetter: true, samples: samples, notes: notes, group: "write, \(corpusName)", target: 200))
        }
        let datas = lines.map { Data($0) }
        if context.wants(ingestPeerName) {
            var objects: [Any] = []
            let samples = context.sampleMBps(bytes: totalBytes) {
                objects.removeAll(keepingCapacity: true)
                for _ in 0..<repeats {
                    for data in datas {
                        if let o = try? JSONSerialization.jsonObject(with: data) { objects.append(o) }
                    }
                }
                blackHole(objects.count)
            }
            results.append(BenchResult(suite: name, name: ingestPeerName, unit: "MB/s", higherIsBetter: true, samples: samples, notes: notes, group: "ingest, \(corpusName)", system: "Foundation JSONSerialization"))
        }
        if context.wants(writePeerName) {
            let parsed = datas.compactMap { try? JSONSerialization.jsonObject(with: $0) }
            let samples = context.sampleMBps(bytes: totalBytes) {
                var n = 0
                for _ in 0..<repeats {
                    for object in parsed {
                        n &+= (try? JSONSerialization.data(withJSONObject: object))?.count ?? 0
                    }
                }
                blackHole(n)
            }
            results.append(BenchResult(suite: name, name: writePeerName, unit: "MB/s", higherIsBetter: true, samples: samples, notes: notes, group: "write, \(corpusName)", system: "Foundation JSONSerialization"))
        }
        return results
    }
}
