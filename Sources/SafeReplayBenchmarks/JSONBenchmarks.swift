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

    static func run(_ context: BenchContext) -> [BenchResult] {
        let lines = corpus(context)
        let repeats = context.quick ? 2 : 40
        let totalBytes = lines.reduce(0) { $0 + $1.count } * repeats
        let meanSize = lines.isEmpty ? 0 : lines.reduce(0) { $0 + $1.count } / lines.count
        var notes = JSONObject()
        notes["events"] = .int(Int64(lines.count * repeats))
        notes["bytes"] = .int(Int64(totalBytes))
        notes["meanEventBytes"] = .int(Int64(meanSize))

        var decoded: [Event] = []
        let ingest = context.sampleMBps(bytes: totalBytes) {
            decoded.removeAll(keepingCapacity: true)
            for _ in 0..<repeats {
                for line in lines {
                    if let e = try? Event(json: line) { decoded.append(e) }
                }
            }
            blackHole(decoded)
        }
        let events = Array(decoded.prefix(lines.count))

        var writer = JSONWriter(capacity: 1 << 20)
        let write = context.sampleMBps(bytes: totalBytes) {
            for _ in 0..<repeats {
                for event in events {
                    writer.reset()
                    event.encode(into: &writer)
                }
            }
            blackHole(writer.bytes.count)
        }

        let datas = lines.map { Data($0) }
        var objects: [Any] = []
        let foundationParse = context.sampleMBps(bytes: totalBytes) {
            objects.removeAll(keepingCapacity: true)
            for _ in 0..<repeats {
                for data in datas {
                    if let o = try? JSONSerialization.jsonObject(with: data) { objects.append(o) }
                }
            }
            blackHole(objects.count)
        }
        let parsed = Array(objects.prefix(lines.count))
        let foundationWrite = context.sampleMBps(bytes: totalBytes) {
            var n = 0
            for _ in 0..<repeats {
                for object in parsed {
                    n &+= (try? JSONSerialization.data(withJSONObject: object))?.count ?? 0
                }
            }
            blackHole(n)
        }

        return [
            BenchResult(suite: name, name: "ingest (SafeReplay scanner → typed events)", unit: "MB/s", higherIsBetter: true, samples: ingest, notes: notes),
            BenchResult(suite: name, name: "ingest peer (Foundation JSONSerialization → Any)", unit: "MB/s", higherIsBetter: true, samples: foundationParse, notes: notes),
            BenchResult(suite: name, name: "write (SafeReplay writer ← typed events)", unit: "MB/s", higherIsBetter: true, samples: write, notes: notes),
            BenchResult(suite: name, name: "write peer (Foundation JSONSerialization ← Any)", unit: "MB/s", higherIsBetter: true, samples: foundationWrite, notes: notes),
        ]
    }
}
