// A fuzz target over the C ABI: policy documents (sr_policy_load) and observation streams
// (sr_ingest_json, sr_touch, sr_location) from arbitrary bytes, each input in sessions of
// its own so a finding reproduces from that one input.
//
// Built with libFuzzer (see docs/c-abi.md, "Fuzzing"):
//   swift build -c release --build-path .build-fuzz --product safereplay-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
//     -Xlinker --export-dynamic-symbol=LLVMFuzzerRunDriver
//   .build-fuzz/release/safereplay-fuzz -runs=1000000 Fixtures/fuzz/corpus
// it hands its arguments to libFuzzer. Built normally (no libFuzzer linked in), it replays
// the files or directories it is given through the same target, once each: a regression
// run over the corpus (scripts/test-bindings does this).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import SafeReplayABI

@main
struct SafeReplayFuzz {
    typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    typealias Driver = @convention(c) (
        UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, Callback
    ) -> Int32

    static func main() {
        // LLVMFuzzerRunDriver is present (and exported for dlsym) only in the fuzzer build.
        if let symbol = dlsym(nil, "LLVMFuzzerRunDriver") {
            let driver = unsafeBitCast(symbol, to: Driver.self)
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(driver(&argc, &argv) { data, size in FuzzTarget.run(data, size) })
        }
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            printError("usage: safereplay-fuzz FILE|DIR ...   (replays inputs; build with -sanitize=fuzzer to fuzz)")
            exit(64)
        }
        var count = 0
        for path in paths {
            for file in Files.list(path) {
                guard let bytes = Files.read(file) else {
                    printError("safereplay-fuzz: cannot read \(file)")
                    exit(66)
                }
                _ = bytes.withUnsafeBufferPointer { FuzzTarget.run($0.baseAddress, $0.count) }
                count += 1
            }
        }
        print("safereplay-fuzz: replayed \(count) inputs without a crash")
    }
}

/// One input. The first byte picks what the rest is:
///   0 a policy document: loaded, and when valid, a small web stream runs under it;
///   1 observation lines (split at '\n') for a session under the shop policy;
///   2 observation lines for a session under the default policy;
///   3 binary touch and location records (26 bytes each) for a session.
enum FuzzTarget {
    // Handles as their token values (Sendable), loaded once.
    static let shopPolicy: UInt = load("""
        {"version":1,"defaultLevel":"medium",
         "routes":[{"name":"home","match":"/","level":"low"},{"name":"checkout","match":"/checkout/**","level":"high"}],
         "elements":[{"name":"ads","selector":".ad","action":"block"},{"name":"prices","selector":".price","action":"unmask"}],
         "location":{"capture":true,"precision":5},
         "upload":{"maxEvents":50}}
        """)
    static let defaultPolicy: UInt = load(#"{"version":1}"#)
    static let options = #"{"version":1,"sessionId":"fuzz","fixedClockMs":1700000000000}"#
    static let smallStream = [
        #"{"type":4,"data":{"href":"https://shop.example/checkout/pay","width":800,"height":600},"timestamp":1}"#,
        #"{"type":2,"data":{"node":{"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[{"type":2,"id":3,"tagName":"body","attributes":{"class":"price ad"},"childNodes":[{"type":3,"id":4,"textContent":"jane@example.com 4111 1111 1111 1111"}]}]}]},"initialOffset":{"top":0,"left":0}},"timestamp":2}"#,
        #"{"type":3,"data":{"source":5,"id":3,"text":"secret","isChecked":false},"timestamp":3}"#,
    ]

    static func load(_ json: String) -> UInt {
        var policy: OpaquePointer?
        let status = json.withCString { sr_policy_load($0, strlen($0), &policy) }
        guard status == SR_OK else { fatalError("fuzz policy does not load: \(String(cString: sr_last_error()))") }
        return UInt(bitPattern: policy)
    }

    static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        guard let data, size > 0 else {
            check(sr_policy_load(nil, 0, nil))
            return 0
        }
        let rest = UnsafeBufferPointer(start: data + 1, count: size - 1)
        switch data[0] % 4 {
        case 0:
            var policy: OpaquePointer?
            let status = rest.withMemoryRebound(to: CChar.self) { sr_policy_load($0.baseAddress, $0.count, &policy) }
            check(status)
            guard status == SR_OK else { return 0 }
            withSession(UInt(bitPattern: policy)) { s in
                for line in smallStream { _ = line.withCString { sr_ingest_json(s, $0, strlen($0)) } }
            }
            sr_policy_free(policy)
        case 1, 2:
            withSession(data[0] % 4 == 1 ? shopPolicy : defaultPolicy) { s in
                var start = 0
                for i in 0...rest.count where i == rest.count || rest[i] == UInt8(ascii: "\n") {
                    let line = UnsafeBufferPointer(rebasing: rest[start..<i])
                    check(line.withMemoryRebound(to: CChar.self) { sr_ingest_json(s, $0.baseAddress, $0.count) })
                    start = i + 1
                }
            }
        default:
            withSession(shopPolicy) { s in
                var offset = 0
                let raw = UnsafeRawBufferPointer(rest)
                while offset + 26 <= raw.count {
                    let kind = raw[offset]
                    let a = raw.loadUnaligned(fromByteOffset: offset + 1, as: Double.self)
                    let b = raw.loadUnaligned(fromByteOffset: offset + 9, as: Double.self)
                    let t = raw.loadUnaligned(fromByteOffset: offset + 17, as: Int64.self)
                    let extra = raw[offset + 25]
                    if kind & 1 == 0 {
                        check(sr_touch(s, Int32(extra >> 2), Int32(kind >> 1) % 5, a, b, t))
                    } else {
                        check(sr_location(s, a, b, Double(extra), t))
                    }
                    if kind == 0xFF { check(sr_flush(s)) }
                    offset += 26
                }
            }
        }
        return 0
    }

    /// Opens a session, feeds it, ends it, drains and checks every batch, closes it.
    static func withSession(_ policy: UInt, _ feed: (OpaquePointer?) -> Void) {
        var session: OpaquePointer?
        let status = options.withCString { sr_session_open_ex(OpaquePointer(bitPattern: policy), $0, strlen($0), &session) }
        guard status == SR_OK else { fatalError("cannot open a fuzz session: \(String(cString: sr_last_error()))") }
        feed(session)
        check(sr_session_end(session))
        while true {
            var batch: UnsafeMutablePointer<UInt8>?
            var length = 0
            check(sr_next_batch(session, &batch, &length))
            guard let batch else { break }
            // Every envelope the core hands out is a JSON object that ends with its events.
            guard length > 2, batch[0] == UInt8(ascii: "{"), batch[length - 1] == UInt8(ascii: "}"), batch[length] == 0 else {
                fatalError("malformed batch envelope of \(length) bytes")
            }
            sr_free(batch)
        }
        var stats: UnsafeMutablePointer<CChar>?
        check(sr_session_stats(session, &stats, nil))
        sr_free(stats)
        check(sr_session_close(session))
    }

    /// Every status is SR_OK or a known error with a message; anything else is a finding.
    static func check(_ status: sr_status) {
        if status == SR_OK { return }
        guard status >= SR_E_INTERNAL, status < 0, status != SR_E_INTERNAL else {
            fatalError("unexpected status \(status): \(String(cString: sr_last_error()))")
        }
        guard let message = sr_last_error(), message.pointee != 0 else { fatalError("status \(status) without a message") }
    }
}

func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

enum Files {
    /// `path` itself, or the regular files directly inside it when it is a directory.
    static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [path] }
        defer { closedir(dir) }
        var files: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            files.append(path + "/" + name)
        }
        return files.sorted()
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count { break }
        }
        return ferror(f) == 0 ? bytes : nil
    }
}
