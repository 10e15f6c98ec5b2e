#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SafeReplay
import SafeReplayModel

/// SafeReplay's side of "rrweb itself" (issue 7): the recorded web fixtures (Fixtures/web, raw
/// rrweb 1.1.3 streams with masking off) through the web sanitizer with each fixture's policy.
/// bench/peers/rrweb.sh records the same pages with rrweb `maskAllInputs: true` in headless
/// Chromium and reports under the same groups, so the report sets the figures side by side:
///
/// - full snapshot time: the raw stream's first FullSnapshot line, raw JSON to safe JSON
///   (`Event(json:)` then `WebSanitizer.sanitize`, whose output events carry their JSON), on a
///   fresh sanitizer that has already been given the events before it (DomContentLoaded, Load,
///   Meta; untimed); wall clock, `repeats` fresh sanitizers per sample, per snapshot;
/// - full snapshot bytes: the JSON of the FullSnapshot event(s) that call emits;
/// - stream bytes: the whole sanitized stream as JSON lines (one event a line);
/// - secrets in output: how many of `<name>.secrets.txt` appear in the sanitized stream in
///   any of the forms the fixture tests look for (`leakForms`, as the peer does for rrweb's).
/// The whole stream's time (raw JSON lines to safe JSON) stands alone: rrweb has no such step.
enum RRWebBenchmarks: BenchSuite {
    static let name = "rrweb"

    struct Fixture {
        var name: String
        var lines: [[UInt8]]
        var policy: Policy
        var secrets: [String]

        /// The index of the first FullSnapshot line.
        var firstSnapshot: Int? {
            lines.firstIndex { (try? Event(json: $0))?.typeNumber == EventType.fullSnapshot.rawValue }
        }
    }

    /// The fixtures in the order of Fixtures/web/pages/urls.txt (the peer's order).
    static func fixtures(_ context: BenchContext) -> [Fixture] {
        func text(_ relative: String) -> String? {
            FileManager.default.contents(atPath: context.fixture("web/" + relative)).map { String(decoding: $0, as: UTF8.self) }
        }
        func list(_ relative: String) -> [String] {
            (text(relative) ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        let names = list("pages/urls.txt").compactMap { $0.split(separator: " ").first.map(String.init) }
        return names.filter { !context.quick || $0 == "checkout" }.compactMap { name in
            guard let data = FileManager.default.contents(atPath: context.fixture("web/\(name).jsonl")) else { return nil }
            var policy = Policy.defaults
            if let document = FileManager.default.contents(atPath: context.fixture("web/\(name).policy.json")) {
                guard let loaded = try? Policy.load([UInt8](document)) else { return nil }
                policy = loaded
            }
            let lines = data.split(separator: UInt8(ascii: "\n")).map { [UInt8]($0) }.filter { !$0.isEmpty }
            return Fixture(name: name, lines: lines, policy: policy, secrets: list("\(name).secrets.txt"))
        }
    }

    static func run(_ context: BenchContext) -> [BenchResult] {
        fixtures(context).flatMap { measure($0, context) }
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        BenchResult(suite: "", name: "", unit: "", higherIsBetter: false, samples: values).median
    }

    static func measure(_ fixture: Fixture, _ context: BenchContext) -> [BenchResult] {
        guard let first = fixture.firstSnapshot, context.wants(fixture.name) else { return [] }
        let prefix = fixture.lines[..<first].compactMap { try? Event(json: $0) }
        let line = fixture.lines[first]
        let parsed = try! Event(json: line)
        func sanitizer() -> WebSanitizer {
            let s = WebSanitizer(policy: fixture.policy, now: { 0 })
            for event in prefix { _ = s.sanitize(event) }
            return s
        }
        let repeats = context.quick ? 10 : 200

        // The first FullSnapshot, raw JSON to safe JSON, on fresh sanitizers (one warm-up run).
        var wall: [Double] = [], cpu: [Double] = [], parseOnly: [Double] = [], sanitizeOnly: [Double] = []
        var snapshotBytes: [Double] = []
        var emitted: [SanitizedEvent] = []
        for run in 0...context.runs {
            var fresh = (0..<repeats).map { _ in sanitizer() }
            let (start, cpuStart) = (Clock.now(), threadCPUSeconds())
            for s in fresh { emitted = s.sanitize(try! Event(json: line)) }
            let (seconds, cpuSeconds) = (Double(Clock.now() - start) / 1e9, threadCPUSeconds() - cpuStart)
            // The two halves apart: parsing alone, and sanitizing an already parsed event.
            var events: [Event] = []
            let parse = Clock.time { for _ in 0..<repeats { events.append(try! Event(json: line)) } }
            fresh = (0..<repeats).map { _ in sanitizer() }
            let sanitize = Clock.time { for s in fresh { blackHole(s.sanitize(parsed)) } }
            blackHole(events)
            guard run > 0 else { continue }
            wall.append(seconds * 1e3 / Double(repeats))
            cpu.append(cpuSeconds * 1e3 / Double(repeats))
            parseOnly.append(parse * 1e3 / Double(repeats))
            sanitizeOnly.append(sanitize * 1e3 / Double(repeats))
            snapshotBytes.append(Double(emitted.filter { $0.type == EventType.fullSnapshot.rawValue }.reduce(0) { $0 + $1.json.count }))
        }
        func leaked(_ text: String) -> [String] {
            fixture.secrets.filter { secret in leakForms(of: secret).contains { text.contains($0) } }
        }
        let snapshotOut = emitted.filter { $0.type == EventType.fullSnapshot.rawValue }

        // The whole stream, raw JSON lines to safe JSON, on a fresh sanitizer per pass; the
        // bytes and secrets of each run's last pass.
        let passes = context.quick ? 2 : 20
        var streamWall: [Double] = [], streamBytes: [Double] = [], secretCounts: [Double] = []
        var leaks: [String] = []
        for run in 0...context.runs {
            let fresh = (0..<passes).map { _ in WebSanitizer(policy: fixture.policy, now: { 0 }) }
            var output: [UInt8] = []
            let seconds = Clock.time {
                for s in fresh {
                    output.removeAll(keepingCapacity: true)
                    for raw in fixture.lines {
                        guard let event = try? Event(json: raw) else { continue }
                        for e in s.sanitize(event) {
                            output.append(contentsOf: e.json)
                            output.append(0x0A)
                        }
                    }
                }
            }
            guard run > 0 else { continue }
            leaks = leaked(String(decoding: output, as: UTF8.self))
            streamWall.append(seconds * 1e3 / Double(passes))
            streamBytes.append(Double(output.count))
            secretCounts.append(Double(leaks.count))
        }

        let snapshotText = String(decoding: snapshotOut.flatMap { $0.json + [0x0A] }, as: UTF8.self)
        let rawSnapshotBytes = Double(line.count)
        let rawStreamBytes = Double(fixture.lines.reduce(0) { $0 + $1.count + 1 })

        let name = fixture.name
        var timeNotes = JSONObject()
        timeNotes["timed"] = .string("first FullSnapshot, raw JSON line to safe JSON: Event(json:) + WebSanitizer.sanitize on a fresh sanitizer that has seen the events before it")
        timeNotes["parseMs"] = .double(median(parseOnly))
        timeNotes["sanitizeMs"] = .double(median(sanitizeOnly))
        timeNotes["threadCPUMs"] = .double(median(cpu))
        timeNotes["repeats"] = .int(Int64(repeats))
        timeNotes["clock"] = .string("wall (CLOCK_MONOTONIC), repeats timed together")
        timeNotes["policy"] = .string(fixture.policy.name ?? "defaults")
        var snapshotNotes = JSONObject()
        snapshotNotes["rawBytes"] = .double(rawSnapshotBytes)
        snapshotNotes["events"] = .int(Int64(emitted.count))
        snapshotNotes["eventTypes"] = .array(emitted.map { .int(Int64($0.type)) })
        var streamNotes = JSONObject()
        streamNotes["rawBytes"] = .double(rawStreamBytes)
        var streamTimeNotes = JSONObject()
        streamTimeNotes["events"] = .int(Int64(fixture.lines.count))
        streamTimeNotes["passes"] = .int(Int64(passes))
        streamTimeNotes["clock"] = .string("wall (CLOCK_MONOTONIC), passes timed together")
        var secretNotes = JSONObject()
        secretNotes["secrets"] = .int(Int64(fixture.secrets.count))
        secretNotes["leaked"] = .array(leaks.map { .string($0) })
        secretNotes["inFirstFullSnapshot"] = .int(Int64(leaked(snapshotText).count))
        secretNotes["inRawStream"] = .int(Int64(leaked(fixture.lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")).count))

        return [
            BenchResult(suite: Self.name, name: "\(name): first FullSnapshot, raw JSON → safe JSON", unit: "ms", higherIsBetter: false,
                        samples: wall, notes: timeNotes, group: "full snapshot time, \(name)"),
            BenchResult(suite: Self.name, name: "\(name): first FullSnapshot", unit: "bytes", higherIsBetter: false,
                        samples: snapshotBytes, notes: snapshotNotes, group: "full snapshot bytes, \(name)"),
            BenchResult(suite: Self.name, name: "\(name): whole stream (JSON lines)", unit: "bytes", higherIsBetter: false,
                        samples: streamBytes, notes: streamNotes, group: "stream bytes, \(name)"),
            BenchResult(suite: Self.name, name: "\(name): fixture secrets in the output", unit: "secrets", higherIsBetter: false,
                        samples: secretCounts, notes: secretNotes, group: "secrets in output, \(name)"),
            BenchResult(suite: Self.name, name: "\(name): whole stream, raw JSON → safe JSON", unit: "ms", higherIsBetter: false,
                        samples: streamWall, notes: streamTimeNotes),
        ]
    }
}
