#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel

/// One figure a benchmark produced: the samples of every run and how to read them.
struct BenchResult {
    var suite: String
    var name: String
    /// `MB/s`, `ns/op`, `nodes/s`, `%`, `bytes`, …
    var unit: String
    var higherIsBetter: Bool
    var samples: [Double]
    /// Free-form facts beside the figure (input size, peak RSS, counts).
    var notes: JSONObject = JSONObject()
    /// Figures that measure the same work share a group, so the report can put a peer's
    /// figure beside ours and give the ratio (`nil`: the figure stands alone).
    var group: String? = nil
    /// Who is measured: "SafeReplay" or the peer's name.
    var system: String = "SafeReplay"
    /// The target an issue sets for this figure, in `unit` (met when the median is on the
    /// right side of it, per `higherIsBetter`).
    var target: Double? = nil

    var sorted: [Double] { samples.sorted() }
    var median: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    var json: JSONValue {
        var o = JSONObject()
        o["suite"] = .string(suite)
        o["name"] = .string(name)
        o["unit"] = .string(unit)
        o["higherIsBetter"] = .bool(higherIsBetter)
        o["median"] = .double(median)
        o["min"] = .double(sorted.first ?? .nan)
        o["max"] = .double(sorted.last ?? .nan)
        o["samples"] = .array(samples.map { .double($0) })
        if !notes.isEmpty { o["notes"] = .object(notes) }
        if let group { o["group"] = .string(group) }
        o["system"] = .string(system)
        if let target { o["target"] = .double(target) }
        return .object(o)
    }
}

/// What every suite gets: how many runs to make and where the fixtures are.
struct BenchContext {
    var runs: Int
    /// The package root (holding `Fixtures/`).
    var root: String
    /// Scale factor for input sizes; `--quick` makes everything small for smoke runs.
    var quick: Bool
    /// `--filter TEXT`: only benchmarks whose name contains it run (for profiling one figure).
    var filter: String? = nil

    func wants(_ benchmarkName: String) -> Bool {
        guard let filter else { return true }
        return benchmarkName.contains(filter)
    }

    func fixture(_ relative: String) -> String { root + "/Fixtures/" + relative }
}

/// A group of related benchmarks, selected on the command line by `name`.
protocol BenchSuite {
    static var name: String { get }
    static func run(_ context: BenchContext) -> [BenchResult]
}

enum Clock {
    /// Monotonic nanoseconds.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// This thread's CPU time in nanoseconds: what single-threaded work costs, without the
    /// time other processes on a shared machine held the core.
    static func threadCPU() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// CPU time of every thread of this process in nanoseconds: work handed to
    /// background threads (batch filing) included.
    static func processCPU() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Seconds taken by `body`.
    static func time(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return Double(now() - start) / 1e9
    }

    /// Peak resident set size of this process so far, in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

extension BenchContext {
    /// Runs `body` once to warm up, then `runs` times, returning each run's seconds.
    func sampleSeconds(_ body: () -> Void) -> [Double] {
        body()
        return (0..<runs).map { _ in Clock.time(body) }
    }

    /// Throughput samples in MB/s (10^6 bytes) for `bytes` processed per call of `body`.
    func sampleMBps(bytes: Int, _ body: () -> Void) -> [Double] {
        sampleSeconds(body).map { Double(bytes) / $0 / 1e6 }
    }

    /// Per-operation samples in nanoseconds for `operations` done per call of `body`.
    func sampleNanosPerOp(operations: Int, _ body: () -> Void) -> [Double] {
        sampleSeconds(body).map { $0 * 1e9 / Double(operations) }
    }
}
