import ArgumentParser
import Foundation
import SafeReplay

/// `safereplay demo`: the main job on bundled fixtures, end to end.
///
/// Each fixture is a raw recording full of planted secrets (card numbers, emails, tokens,
/// passwords, data islands). The demo runs it through a session into a spool, reads the
/// spooled batches back, and checks byte for byte that no secret survived.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record the bundled fixture sessions end to end and check no secret leaks.",
        discussion: """
            For each fixture in Fixtures/web and Fixtures/mobile (a raw stream, its policy and \
            the secrets planted in it): raw events → capture (policy, rules, detectors) → \
            batches → gzip → spool. Prints what was masked, blocked and dropped, the drift \
            alerts raised, and the batches written; exits 1 if any secret appears in a batch.
            """
    )

    @Option(help: "The fixtures folder.")
    var fixtures: String = "Fixtures"

    @Option(help: "Where to spool the batches (default: a fresh temporary folder).")
    var spool: String?

    @Option(help: "Also upload the spool to this ingest URL.")
    var endpoint: String?

    func run() throws {
        let cases = try DemoFixture.all(in: fixtures)
        guard !cases.isEmpty else {
            printError("no fixtures found under \(fixtures)/web or \(fixtures)/mobile")
            throw ExitCode(66)
        }
        let spoolRoot = spool ?? NSTemporaryDirectory() + "safereplay-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: spoolRoot, withIntermediateDirectories: true)
        print("SafeReplay demo: \(cases.count) recorded sessions, spool \(spoolRoot)\n")

        var leaks = 0
        var totals = (raw: 0, rawBytes: 0, emitted: 0, batches: 0, spooledBytes: 0, secrets: 0, rawSecrets: 0)
        for fixture in cases {
            let outcome = try fixture.record(spoolDirectory: spoolRoot)
            totals.raw += outcome.rawEvents
            totals.rawBytes += outcome.rawBytes
            totals.emitted += outcome.statistics.emitted
            totals.batches += outcome.batches
            totals.spooledBytes += outcome.spooledBytes
            totals.secrets += fixture.secrets.count
            totals.rawSecrets += outcome.secretsInRaw
            leaks += outcome.leaked.count
            print(outcome.summary(name: fixture.name))
            for secret in outcome.leaked { print("    LEAKED: \(secret.prefix(4))… (\(secret.count) characters)") }
        }
        print("""

            Totals: \(totals.raw) raw events (\(totals.rawBytes) bytes) → \(totals.emitted) sanitized events in \
            \(totals.batches) batches (\(totals.spooledBytes) bytes gzip-compressed on disk).
            Planted secrets: \(totals.secrets) (\(totals.rawSecrets) present in the raw streams); found in the batches: \(leaks).
            """)
        if let endpoint {
            let command = try UploadCommand.parse(["--spool", spoolRoot, "--endpoint", endpoint])
            try command.run()
        } else {
            print("Inspect: safereplay export --spool \(spoolRoot)    List: safereplay spool ls \(spoolRoot)")
        }
        if leaks > 0 { throw ExitCode(1) }
        print(leaks == 0 ? "PASS: no planted secret left the pipeline." : "")
    }
}

/// One bundled recording: raw JSON lines, an optional policy, and its planted secrets.
struct DemoFixture {
    var name: String
    var streamPath: String
    var policyPath: String?
    var secrets: [String]
    /// Policy and observations in one JSON document (the mobile fixtures) rather than JSON lines.
    var bundled = false

    static func all(in root: String) throws -> [DemoFixture] {
        var found: [DemoFixture] = []
        for platform in ["web", "mobile"] {
            let dir = root + "/" + platform
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for file in files.sorted() where file.hasSuffix(".jsonl") || file.hasSuffix(".json") {
                // A web fixture is a `.jsonl` stream beside an optional `.policy.json`; a mobile
                // fixture is one `.json` document carrying its policy and its observations.
                guard !file.hasSuffix(".policy.json") else { continue }
                let bundled = file.hasSuffix(".json")
                let base = String(file.dropLast(bundled ? ".json".count : ".jsonl".count))
                let secretsPath = dir + "/" + base + ".secrets.txt"
                guard let text = try? String(contentsOfFile: secretsPath, encoding: .utf8) else { continue }
                let secrets = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
                let policyPath = dir + "/" + base + ".policy.json"
                found.append(DemoFixture(
                    name: platform + "/" + base, streamPath: dir + "/" + file,
                    policyPath: FileManager.default.fileExists(atPath: policyPath) ? policyPath : nil, secrets: secrets,
                    bundled: bundled
                ))
            }
        }
        return found
    }

    struct Outcome {
        var rawEvents = 0
        var rawBytes = 0
        var statistics = SessionStatistics()
        var batches = 0
        var spooledBytes = 0
        var secretsInRaw = 0
        var leaked: [String] = []
        var drift: [String] = []

        func summary(name: String) -> String {
            let a = statistics.audit
            func total(_ d: [String: Int]) -> Int { d.values.reduce(0, +) }
            let detected = a.detected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            var lines = [
                "\(name): \(rawEvents) raw events → \(statistics.emitted) sanitized in \(batches) batch(es), \(spooledBytes) bytes on disk",
                "    masked \(total(a.masked)), blocked \(total(a.blocked)), dropped \(total(a.dropped)); detectors: \(detected.isEmpty ? "none" : detected)",
            ]
            if !drift.isEmpty { lines.append("    drift alerts: \(drift.joined(separator: "; "))") }
            lines.append("    secrets planted \(secretsInRaw) in the raw stream, found after capture: \(leaked.count)")
            return lines.joined(separator: "\n")
        }
    }

    func record(spoolDirectory: String) throws -> Outcome {
        let raw = try String(contentsOfFile: streamPath, encoding: .utf8)
        let policy: Policy
        let events: [[UInt8]]
        if bundled {
            let document = try JSONValue.parse(Array(raw.utf8))
            policy = try document["policy"].map { try Policy.load(Self.encode($0)) } ?? Policy.defaults
            events = (document["observations"]?.arrayValue ?? []).compactMap { $0["event"].map(Self.encode) }
        } else {
            policy = try policyPath.map(loadPolicy(at:)) ?? Policy.defaults
            events = raw.split(separator: "\n").filter { !$0.isEmpty }.map { Array($0.utf8) }
        }
        let spool = spoolDirectory
        let session = try Session(policy: policy, spoolDirectory: spool)
        var outcome = Outcome()
        outcome.rawBytes = raw.utf8.count
        outcome.secretsInRaw = secrets.filter { raw.contains($0) }.count
        for event in events {
            outcome.rawEvents += 1
            try? session.ingest(json: event)
        }
        try session.close()
        outcome.statistics = session.currentStatistics
        // Read the batches back from disk, as an auditor would.
        let listing = try SpoolListing(directory: spool)
        var everything: [UInt8] = []
        for listed in listing.batches where listed.batch.sessionId == session.sessionId {
            outcome.batches += 1
            outcome.spooledBytes += listed.batch.byteCount
            let gzip = try [UInt8](Data(contentsOf: URL(fileURLWithPath: spool + "/batches/" + listed.batch.name)))
            let envelope = try Gzip.decompress(gzip)
            everything += envelope
            if let parsed = try? JSONValue.parse(envelope), let alerts = parsed["driftAlerts"]?.arrayValue {
                outcome.drift += alerts.compactMap { $0["subject"]?.stringValue }
            }
        }
        let text = String(decoding: everything, as: UTF8.self)
        outcome.leaked = secrets.filter { text.contains($0) }
        return outcome
    }

    private static func encode(_ value: JSONValue) -> [UInt8] {
        let writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }
}
