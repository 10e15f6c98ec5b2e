import SafeReplayModel
import SafeReplayPolicy

/// URL canonicalization (SafeReplayPolicy's `URLCanonicalizer`): URLs per second on one core
/// over a realistic mix of what pages carry: page and API URLs with tracking and paging
/// parameters, asset URLs, relative links, ids and UUIDs in paths, signed storage links,
/// OAuth callbacks, `;jsessionid=`, `mailto:`/`data:` links. Target: ≥ 2 million URLs/s.
enum URLBenchmarks: BenchSuite {
    static let name = "urls"

    /// A deterministic mix of `count` URLs.
    static func corpus(count: Int) -> [String] {
        var rng: UInt64 = 0x5AFE_2E91
        func next() -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: rng >> 33)
        }
        func hex(_ n: Int) -> String {
            let digits = Array("0123456789abcdef")
            return String((0..<n).map { _ in digits[next() % 16] })
        }
        func uuid() -> String { "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))" }
        let hosts = ["https://shop.example", "https://www.news.example", "https://app.saas.example", "http://localhost:3000"]
        let words = ["products", "category", "blog", "docs", "account", "orders", "search", "cart", "help", "api", "v2", "static"]
        let slugs = ["trail-running-shoes", "how-to-choose-a-tent", "getting-started", "pricing", "rain-shell-gtx", "faq"]
        let makers: [() -> String] = [
            { "\(hosts[next() % 4])/\(words[next() % 12])/\(slugs[next() % 6])?utm_source=newsletter&utm_medium=email&utm_campaign=spring" },
            { "\(hosts[next() % 4])/\(words[next() % 12])/\(next() % 100_000)" },
            { "/\(words[next() % 12])/\(next() % 10_000)/items/\(uuid())" },
            { "https://cdn.shop.example/static/js/app.\(hex(8)).js" },
            { "/static/img/\(slugs[next() % 6]).png" },
            { "../img/icons/\(words[next() % 12]).svg" },
            { "/search?q=\(slugs[next() % 6])&page=\(next() % 20)&sort=price" },
            { "\(hosts[0])/checkout;jsessionid=\(hex(32).uppercased())?step=pay" },
            { "https://bucket.s3.amazonaws.com/u/\(next() % 10_000)/doc.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA\(hex(16))&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=\(hex(64))" },
            { "\(hosts[2])/callback#access_token=\(hex(40))&token_type=bearer&expires_in=3600&state=\(hex(12))" },
            { "\(hosts[2])/#/\(words[next() % 12])/\(next() % 1000)?tab=details" },
            { "mailto:someone\(next() % 100)@example.com" },
            { "data:image/png;base64,iVBORw0KGgo\(hex(24))" },
            { "\(hosts[1])/\(next() % 2024)/\(next() % 12 + 1)/\(slugs[next() % 6]).html#comments" },
            { "https://user:pass@\(hosts[3].dropFirst(7))/admin/users/\(next() % 500)?token=\(hex(20))" },
            { "#section-\(next() % 10)" },
            { "/reset-password/\(hex(32))" },
            { "\(hosts[0])/u/someone\(next() % 100)%40example.com/avatar.png?size=64" },
        ]
        return (0..<count).map { _ in makers[next() % makers.count]() }
    }

    static func run(_ context: BenchContext) -> [BenchResult] {
        let urls = corpus(count: context.quick ? 2_000 : 50_000)
        let repeats = context.quick ? 1 : 8
        let total = urls.count * repeats
        let bytes = urls.reduce(0) { $0 + $1.utf8.count }
        var notes = JSONObject()
        notes["urls"] = .int(Int64(total))
        notes["meanURLBytes"] = .int(Int64(bytes / max(urls.count, 1)))
        // What one run reads, so `bench/icount` can give instructions per byte (times
        // meanURLBytes: per URL).
        notes["bytes"] = .int(Int64(bytes * repeats))

        let withName = "canonicalize (mixed page URLs)"
        let withCPUName = withName + ", per CPU second (1 core)"
        let offName = "canonicalize, detectors off, per CPU second (1 core)"
        let floorName = "floor: copy each URL into a new String"
        guard [withName, withCPUName, offName, floorName].contains(where: context.wants) else { return [] }
        var settings = Policy.defaults.urls
        settings.allowParameters = ["page", "sort", "q", "tab"]

        /// Wall-clock and per-CPU-second URLs/s of one canonicalizer over the corpus.
        func measure(_ canonicalizer: URLCanonicalizer) -> (wall: [Double], cpu: [Double]) {
            var emitted = 0
            var perCPU: [Double] = []
            let wall = context.sampleSeconds {
                let cpu = UploadBenchmarks.cpuSeconds()
                var n = 0
                for _ in 0..<repeats {
                    for url in urls {
                        if let out = canonicalizer.canonicalize(url) { n &+= out.utf8.count }
                    }
                }
                emitted = n
                perCPU.append(Double(total) / (UploadBenchmarks.cpuSeconds() - cpu))
            }.map { Double(total) / $0 }
            blackHole(emitted)
            // The warm-up run is the first CPU sample; drop it like the wall-clock one.
            return (wall, Array(perCPU.dropFirst()))
        }
        // As the web sanitizer runs it (every detector on), and with the detectors off.
        // Each measured only when a figure it gives is asked for, so one can be profiled alone.
        let withDetectors = context.wants(withName) || context.wants(withCPUName)
            ? measure(URLCanonicalizer(settings: settings)) : (wall: [], cpu: [])
        let structuralOnly = context.wants(offName) ? measure(URLCanonicalizer(settings: settings, detector: nil)) : (wall: [], cpu: [])

        // The floor under the same load: copying each URL into a new String (one allocation
        // and a memcpy, what any String-returning API pays).
        var copied = 0
        let floor = !context.wants(floorName) ? [] : context.sampleSeconds {
            var n = 0
            for _ in 0..<repeats {
                for url in urls { n &+= url.withCString { String(cString: $0) }.utf8.count }
            }
            copied = n
        }.map { Double(total) / $0 }
        blackHole(copied)

        let group = "canonicalize, mixed page URLs"
        let cpuGroup = group + ", per CPU second"
        let results = [
            BenchResult(suite: name, name: withName, unit: "URLs/s", higherIsBetter: true,
                        samples: withDetectors.wall, notes: notes, group: group, target: 2_000_000),
            BenchResult(suite: name, name: withCPUName, unit: "URLs/s", higherIsBetter: true,
                        samples: withDetectors.cpu, notes: notes, group: cpuGroup, target: 2_000_000),
            BenchResult(suite: name, name: offName, unit: "URLs/s", higherIsBetter: true,
                        samples: structuralOnly.cpu, notes: notes, group: cpuGroup, system: "SafeReplay, detectors off"),
            BenchResult(suite: name, name: floorName, unit: "URLs/s", higherIsBetter: true, samples: floor,
                        notes: notes, group: group, system: "String copy (floor)"),
        ]
        return results.filter { context.wants($0.name) }
    }
}
