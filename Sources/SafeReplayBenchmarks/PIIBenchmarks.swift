import Foundation
import SafeReplayDetect
import SafeReplayModel

/// PII detection on the labelled development corpus (Fixtures/pii/pii-dev.jsonl): throughput
/// of `PIIDetector.detect`, `containsPII` and `Scrubber.scrub` called once per record (as the
/// pipeline calls them, one string at a time), span-level mask recall and precision overall
/// and per type, and the same figures for the Python peers (bench/peers/pii_peers.py) measured
/// in the same run when bench/.venv holds them.
enum PIIBenchmarks: BenchSuite {
    static let name = "pii"

    struct Record {
        var text: String
        var gold: [(start: Int, end: Int, type: String)]
        var ambiguous: [(start: Int, end: Int)]
    }

    static func load(_ path: String) -> [Record] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line -> Record? in
            guard let object = (try? JSONValue.parse(Array(line)))?.objectValue,
                  let text = object["text"]?.stringValue
            else { return nil }
            func range(_ value: JSONValue) -> (Int, Int)? {
                guard let o = value.objectValue, let s = o["start"]?.doubleValue, let e = o["end"]?.doubleValue else { return nil }
                return (Int(s), Int(e))
            }
            let gold = (object["spans"]?.arrayValue ?? []).compactMap { span -> (Int, Int, String)? in
                guard let (s, e) = range(span), let type = span.objectValue?["type"]?.stringValue else { return nil }
                return (s, e, type)
            }
            let ambiguous = (object["negatives"]?.arrayValue ?? []).compactMap { negative -> (Int, Int)? in
                guard negative.objectValue?["kind"]?.stringValue?.hasSuffix("_AMBIG") == true else { return nil }
                return range(negative)
            }
            return Record(text: text, gold: gold, ambiguous: ambiguous)
        }
    }

    static func run(_ context: BenchContext) -> [BenchResult] {
        let path = context.fixture("pii/pii-dev.jsonl")
        let records = load(path)
        guard !records.isEmpty else { return [] }
        let texts = records.map(\.text)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let repeats = context.quick ? 1 : 20
        var notes = JSONObject()
        notes["records"] = .int(Int64(records.count))
        notes["bytes"] = .int(Int64(bytes * repeats))
        notes["calls"] = .string("one per record, \(repeats) passes per sample")

        let detector = PIIDetector()
        let scrubber = Scrubber()
        var found = 0
        let wall = "PII detect, pii-dev, per record (wall)", cpu = "PII detect, pii-dev, per record (thread CPU time)"
        var results: [BenchResult] = []
        // Each figure runs only when `--filter` selects it (for profiling one of them).
        func figure(_ name: String, group: String? = nil, target: Double? = nil, withNotes: Bool = true,
                    _ sample: () -> [Double]) {
            guard context.wants(name) else { return }
            results.append(BenchResult(suite: self.name, name: name, unit: "MB/s", higherIsBetter: true, samples: sample(),
                                       notes: withNotes ? notes : JSONObject(), group: group, target: target))
        }
        figure("detect (per record)", group: wall, target: 150) {
            context.sampleMBps(bytes: bytes * repeats) {
                for _ in 0..<repeats { for text in texts { found &+= detector.detect(text).count } }
            }
        }
        // The same on the thread's CPU clock: what one core does when the machine is shared.
        figure("detect (per record, thread CPU time)", group: cpu, target: 150) {
            context.sampleCPUMBps(bytes: bytes * repeats) {
                for _ in 0..<repeats { for text in texts { found &+= detector.detect(text).count } }
            }
        }
        figure("containsPII (per record)") {
            context.sampleMBps(bytes: bytes * repeats) {
                for _ in 0..<repeats { for text in texts where detector.containsPII(text) { found &+= 1 } }
            }
        }
        figure("scrub, typed (per record)") {
            context.sampleMBps(bytes: bytes * repeats) {
                for _ in 0..<repeats { for text in texts { found &+= scrubber.scrub(text).spans.count } }
            }
        }
        figure("scrub, typed (per record, thread CPU time)") {
            context.sampleCPUMBps(bytes: bytes * repeats) {
                for _ in 0..<repeats { for text in texts { found &+= scrubber.scrub(text).spans.count } }
            }
        }
        // Clean prose, the common case on real pages: the fast path's cost per byte.
        figure("containsPII on clean prose (4.7 KB strings)", withNotes: false) {
            let prose = String(repeating: "The quick brown fox jumps over the lazy dog; please check your settings. ", count: 64)
            let proseBytes = prose.utf8.count * 2_000
            return context.sampleMBps(bytes: proseBytes) {
                for _ in 0..<2_000 where detector.containsPII(prose) { found &+= 1 }
            }
        }
        // Scrub time against text size: the corpus joined into one string of 1 KB … 1 MB.
        let joined = Array(texts.joined(separator: "\n").utf8)
        for size in context.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000] {
            let label = "scrub, typed, one \(size >= 1_000_000 ? "\(size / 1_000_000) MB" : "\(size / 1_000) KB") string"
            guard context.wants(label), !joined.isEmpty else { continue }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(size)
            while chunk.count < size { chunk += joined.prefix(size - chunk.count) }
            let text = String(decoding: chunk, as: UTF8.self)
            let calls = max(1, 2_000_000 / size)
            let perCall = context.sampleCPUMBps(bytes: size * calls) {
                for _ in 0..<calls { found &+= scrubber.scrub(text).spans.count }
            }.map { 1000 * Double(size) / ($0 * 1e6) }
            var growth = JSONObject()
            growth["growth"] = .string("Scrub time against text size")
            growth["x"] = .int(Int64(size))
            growth["xLabel"] = .string("bytes of text in one call")
            growth["clock"] = .string("thread CPU time")
            results.append(BenchResult(suite: self.name, name: label, unit: "ms", higherIsBetter: false, samples: perCall, notes: growth))
        }
        blackHole(found)

        // Accuracy and peer figures are named from what they find, so they are filtered
        // once made; the peers (a Python process) run only without a filter or with one
        // that starts `peer `.
        let ours = accuracy(records) { text in detector.detect(text).map { ($0.start, $0.end, $0.type.rawValue) } }
        results += accuracyResults(ours, label: "SafeReplay", system: "SafeReplay", perType: true).filter { context.wants($0.name) }
        if context.filter.map({ $0.hasPrefix("peer ") || "peer ".contains($0) }) ?? true {
            results += peerResults(context, path: path, groups: (wall, cpu)).filter { context.wants($0.name) }
        }
        return results
    }

    // MARK: - accuracy

    struct Accuracy {
        var gold: [String: Int] = [:], masked: [String: Int] = [:]
        var predicted: [String: Int] = [:], correct: [String: Int] = [:]
        /// Gold spans masked by a prediction of their own type (what `typed` masking names).
        var typed: [String: Int] = [:]
        /// Gold spans inside one prediction: overlap counts as masked, but the characters
        /// outside the prediction are shown.
        var whole: [String: Int] = [:]

        func recall(_ type: String? = nil) -> Double {
            ratio(type.map { masked[$0] ?? 0 } ?? masked.values.reduce(0, +), type.map { gold[$0] ?? 0 } ?? gold.values.reduce(0, +))
        }

        func precision(_ type: String? = nil) -> Double {
            ratio(type.map { correct[$0] ?? 0 } ?? correct.values.reduce(0, +),
                  type.map { predicted[$0] ?? 0 } ?? predicted.values.reduce(0, +))
        }

        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? .nan : 100 * Double(a) / Double(b) }
    }

    /// Span-level mask metrics: a gold span is masked when any prediction overlaps it; a
    /// prediction is correct when it overlaps any gold span; predictions on `_AMBIG`
    /// look-alikes only are left out of precision.
    static func accuracy(_ records: [Record], _ detect: (String) -> [(Int, Int, String)]) -> Accuracy {
        var a = Accuracy()
        for record in records {
            let spans = detect(record.text)
            for g in record.gold {
                a.gold[g.type, default: 0] += 1
                if spans.contains(where: { $0.0 < g.end && g.start < $0.1 }) { a.masked[g.type, default: 0] += 1 }
                if spans.contains(where: { $0.0 < g.end && g.start < $0.1 && $0.2 == g.type }) { a.typed[g.type, default: 0] += 1 }
                if spans.contains(where: { $0.0 <= g.start && g.end <= $0.1 }) { a.whole[g.type, default: 0] += 1 }
            }
            for span in spans {
                let hit = record.gold.contains { span.0 < $0.end && $0.start < span.1 }
                if !hit, record.ambiguous.contains(where: { span.0 < $0.end && $0.start < span.1 }) { continue }
                a.predicted[span.2, default: 0] += 1
                if hit { a.correct[span.2, default: 0] += 1 }
            }
        }
        return a
    }

    /// Overall mask recall and precision (grouped with the peers', with the issue's
    /// targets), and per type for SafeReplay.
    static func accuracyResults(_ a: Accuracy, label: String, system: String, perType: Bool) -> [BenchResult] {
        func result(_ metric: String, _ value: Double, _ counts: (Int, Int), group: String?, target: Double?) -> BenchResult {
            var notes = JSONObject()
            notes["of"] = .int(Int64(counts.1))
            notes["hits"] = .int(Int64(counts.0))
            return BenchResult(suite: name, name: "\(label) \(metric)", unit: "%", higherIsBetter: true, samples: [value],
                               notes: notes, group: group, system: system, target: target)
        }
        var out = [
            result("mask recall", a.recall(), (a.masked.values.reduce(0, +), a.gold.values.reduce(0, +)),
                   group: "PII mask recall, pii-dev", target: 99.5),
            result("mask precision (excl. _AMBIG)", a.precision(), (a.correct.values.reduce(0, +), a.predicted.values.reduce(0, +)),
                   group: "PII mask precision, pii-dev", target: 97),
        ]
        guard perType else { return out }
        let typed = a.typed.values.reduce(0, +), masked = a.masked.values.reduce(0, +)
        out.append(result("masked spans typed as labelled", a.ratio(typed, masked), (typed, masked), group: nil, target: nil))
        let whole = a.whole.values.reduce(0, +), gold = a.gold.values.reduce(0, +)
        out.append(result("labelled spans masked whole", a.ratio(whole, gold), (whole, gold), group: nil, target: nil))
        for type in PIIType.allCases.map(\.rawValue) {
            out.append(result("mask recall \(type)", a.recall(type), (a.masked[type] ?? 0, a.gold[type] ?? 0), group: nil, target: 99.5))
            out.append(result("mask precision \(type)", a.precision(type), (a.correct[type] ?? 0, a.predicted[type] ?? 0),
                              group: nil, target: 97))
        }
        return out
    }

    // MARK: - peers

    /// Runs bench/peers/pii_peers.py with bench/.venv's Python on the same corpus; its figures
    /// join our groups under the peer's name, so the report shows the ratios.
    static func peerResults(_ context: BenchContext, path: String, groups: (wall: String, cpu: String)) -> [BenchResult] {
        let python = context.root + "/bench/.venv/bin/python"
        let script = context.root + "/bench/peers/pii_peers.py"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            FileHandle.standardError.write(Data("pii: peers skipped; install them with `python3 bench/peers/pii_peers.py --setup`\n".utf8))
            return []
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, path, "--runs", String(context.runs)] + (context.quick ? ["--only", "regex+validation"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return [] }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let peers = (try? JSONValue.parse([UInt8](output)))?.objectValue?["peers"]?.objectValue else { return [] }
        var results: [BenchResult] = []
        for member in peers.members {
            guard let peer = member.value.objectValue, let samples = peer["mbps_samples"]?.arrayValue,
                  let cpuSamples = peer["mbps_cpu_samples"]?.arrayValue
            else { continue }
            let mbps = samples.compactMap(\.doubleValue), cpu = cpuSamples.compactMap(\.doubleValue)
            let system = "Python \(member.key)"
            results.append(BenchResult(suite: name, name: "peer \(member.key) (per record, 1 CPU)", unit: "MB/s",
                                       higherIsBetter: true, samples: mbps, group: groups.wall, system: system))
            results.append(BenchResult(suite: name, name: "peer \(member.key) (per record, thread CPU time)",
                                       unit: "MB/s", higherIsBetter: true, samples: cpu, group: groups.cpu, system: system))
            var a = Accuracy()
            for (type, value) in peer["per_type"]?.objectValue?.members.map({ ($0.key, $0.value) }) ?? [] {
                guard let o = value.objectValue else { continue }
                let gold = Int(o["gold"]?.doubleValue ?? 0), predicted = Int(o["predicted"]?.doubleValue ?? 0)
                a.gold[type] = gold
                a.masked[type] = Int(((o["recall"]?.doubleValue ?? 0) * Double(gold)).rounded())
                a.predicted[type] = predicted
                a.correct[type] = Int(((o["precision"]?.doubleValue ?? 0) * Double(predicted)).rounded())
            }
            results += accuracyResults(a, label: "peer \(member.key)", system: system, perType: false)
        }
        return results
    }
}

extension BenchContext {
    /// Like `sampleMBps`, timed on the calling thread's CPU clock, so that other work on a
    /// shared machine does not count (the harness's own samples are wall time).
    func sampleCPUMBps(bytes: Int, _ body: () -> Void) -> [Double] {
        sampleCPUSeconds(body).map { Double(bytes) / $0 / 1e6 }
    }
}
