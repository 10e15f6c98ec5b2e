// The benchmark harness: `safereplay-bench [--runs N] [--quick] [suite ...]`.
// Prints one JSON line per figure; `bench/run` turns them into BENCHMARKS.md.
// Build with `-c release`: debug figures mean nothing.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel

let allSuites: [any BenchSuite.Type] = [
    JSONBenchmarks.self,
    UploadBenchmarks.self,
    PIIBenchmarks.self,
    URLBenchmarks.self,
    WebBenchmarks.self,
    MobileBenchmarks.self,
    RRWebBenchmarks.self,
    ABIBenchmarks.self,
]

var runs = 5
var quick = false
var filter: String?
var selected: [String] = []
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    case "--quick": quick = true
    case "--filter": filter = arguments.next()
    case "--list":
        for suite in allSuites { print(suite.name) }
        exit(0)
    default: selected.append(argument)
    }
}

// The package root: two levels above this file's folder (Sources/SafeReplayBenchmarks).
let root = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/"))
let context = BenchContext(runs: max(runs, 1), root: root, quick: quick, filter: filter)
let chosen = allSuites.filter { selected.isEmpty || selected.contains($0.name) }
for suite in chosen {
    for result in suite.run(context) {
        let w = JSONWriter()
        w.value(result.json)
        print(w.string)
    }
}
// Alone in its process (as bench/run runs them), a suite's peak memory is the process's.
if chosen.count == 1, filter == nil {
    let peak = BenchResult(suite: chosen[0].name, name: "peak RSS of the process running the suite", unit: "MiB",
                           higherIsBetter: false, samples: [Double(Clock.peakRSS()) / 1_048_576])
    let w = JSONWriter()
    w.value(peak.json)
    print(w.string)
}
