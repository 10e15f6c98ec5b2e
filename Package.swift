// swift-tools-version:6.1
//
// SafeReplay: a privacy-first session-replay capture core.
//
// The targets follow the pipeline, and imports only point downward:
//
//   SafeReplayModel   rrweb events, serialized nodes, wireframes, the fast JSON reader/writer
//   SafeReplayDetect  PII detectors and masking styles (pure functions over text)
//   SafeReplayPolicy  the policy document: load, validate, hash; compiled selectors, routes, URL rules
//   SafeReplayWeb     mirror DOM and the web sanitizer (rrweb in, safe rrweb out)
//   SafeReplayMobile  wireframes, touches and locations (text-free, geohashed)
//   SafeReplayUpload  batching, envelopes, gzip, the durable spool and the sender state machine
//   SafeReplayHTTP    the HTTP transport for the sender (AsyncHTTPClient)
//   SafeReplay        Session: the one public API that wires the stages together
//   SafeReplayABI     the C ABI (Bindings/include/safereplay.h), a thin shell over Session
//   SafeReplayCLI     the `safereplay` command, a thin shell over Session
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SafeReplay",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SafeReplay", targets: ["SafeReplay"]),
        .executable(name: "safereplay", targets: ["SafeReplayCLI"]),
        .executable(name: "safereplay-bench", targets: ["SafeReplayBenchmarks"]),
        // The C ABI as a shared library. Bindings/build.sh links it with the export list and
        // soname and installs it as libsafereplay.so.1 (the name `safereplay` is the CLI's).
        .library(name: "SafeReplayC", type: .dynamic, targets: ["SafeReplayABI"]),
        // libFuzzer over the ABI when built with -sanitize=fuzzer; a corpus replayer otherwise.
        .executable(name: "safereplay-fuzz", targets: ["SafeReplayFuzz"]),
    ],
    dependencies: [
        // The CLI's argument parsing.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Diagnostics through the host's logging backend.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 for the policy hash, from a vetted implementation rather than our own.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The uploader's HTTP client (timeouts, connection reuse, no libcurl), and NIO for
        // the loopback ingest server the upload tests run against.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: model
        .target(
            name: "SafeReplayModel",
            swiftSettings: strict
        ),

        // MARK: detectors
        // Vector helpers for the detectors' scan (SSE2 / NEON / scalar, header only).
        .target(name: "CSafeReplaySIMD"),
        .target(
            name: "SafeReplayDetect",
            dependencies: ["CSafeReplaySIMD"],
            swiftSettings: strict
        ),

        // MARK: policy
        .target(
            name: "SafeReplayPolicy",
            dependencies: [
                "SafeReplayModel",
                "SafeReplayDetect",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // MARK: capture
        .target(
            name: "SafeReplayWeb",
            dependencies: ["SafeReplayPolicy"],
            swiftSettings: strict
        ),
        .target(
            name: "SafeReplayMobile",
            dependencies: ["SafeReplayPolicy"],
            swiftSettings: strict
        ),

        // MARK: upload
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SafeReplayUpload",
            dependencies: ["SafeReplayModel", "CZlib"],
            swiftSettings: strict
        ),
        .target(
            name: "SafeReplayHTTP",
            dependencies: [
                "SafeReplayUpload",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),

        // MARK: the session API
        .target(
            name: "SafeReplay",
            dependencies: [
                "SafeReplayModel", "SafeReplayDetect", "SafeReplayPolicy",
                "SafeReplayWeb", "SafeReplayMobile", "SafeReplayUpload",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: C ABI
        .systemLibrary(
            name: "CSafeReplay",
            path: "Sources/CSafeReplay"
        ),
        .target(
            name: "SafeReplayABI",
            dependencies: ["SafeReplay", "CSafeReplay"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SafeReplayFuzz",
            dependencies: ["SafeReplayABI", "CSafeReplay"],
            swiftSettings: strict
        ),

        // MARK: command line
        .executableTarget(
            name: "SafeReplayCLI",
            dependencies: [
                "SafeReplay",
                "SafeReplayHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: benchmarks (run with -c release; see BENCHMARKS.md)
        .executableTarget(
            name: "SafeReplayBenchmarks",
            dependencies: ["SafeReplay", "SafeReplayABI", "CSafeReplay"],
            swiftSettings: strict
        ),

        // MARK: tests
        .testTarget(
            name: "SafeReplayModelTests",
            dependencies: ["SafeReplayModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayDetectTests",
            dependencies: ["SafeReplayDetect"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayPolicyTests",
            dependencies: ["SafeReplayPolicy"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayWebTests",
            dependencies: ["SafeReplayWeb"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayMobileTests",
            dependencies: ["SafeReplayMobile"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayUploadTests",
            dependencies: [
                "SafeReplayUpload", "SafeReplayHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayTests",
            dependencies: ["SafeReplay"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayABITests",
            dependencies: ["SafeReplayABI", "CSafeReplay", "SafeReplay"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeReplayCLITests",
            dependencies: ["SafeReplayCLI"],
            swiftSettings: strict
        ),
    ]
)
