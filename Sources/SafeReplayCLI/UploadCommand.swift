import ArgumentParser
import Dispatch
import SafeReplayHTTP
import SafeReplayModel
import SafeReplayUpload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `safereplay upload --spool DIR --endpoint URL`: sends everything pending in a spool.
struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Send every batch waiting in a spool to an ingest endpoint.",
        discussion: """
            Batches go oldest first, one at a time, retried with backoff on network errors, \
            408, 429 and 5xx; other 4xx move a batch to dead-letter/. Exits 0 when the spool \
            is empty and nothing was refused; otherwise 1, with what is left on stderr.
            """
    )

    @Option(name: .long, help: "The spool directory.")
    var spool: String

    @Option(name: .long, help: "The ingest URL (http or https).")
    var endpoint: String

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra header, 'Name: value' (e.g. an API key). Repeatable; kept in memory only.", valueName: "header"))
    var headers: [String] = []

    @Option(name: .long, help: "Give up after this many seconds with batches still waiting.")
    var timeout: Double = 60

    @Option(name: .long, help: "Seconds to wait for a connection.")
    var connectTimeout: Double = 10

    @Option(name: .long, help: "Seconds of silence allowed while waiting for an answer.")
    var readTimeout: Double = 30

    @Option(name: .long, help: "Backoff base in seconds (the first retry waits up to this).")
    var backoffBase: Double = 1

    @Option(name: .long, help: "Backoff cap in seconds.")
    var backoffCap: Double = 300

    @Option(name: .long, help: "Retention in days: older batches are deleted unsent.")
    var retentionDays: Int = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        for header in headers where parseHeader(header) == nil {
            throw ValidationError("--header must look like 'Name: value'")
        }
    }

    func run() throws {
        var configuration = UploadConfiguration()
        configuration.backoffBase = backoffBase
        configuration.backoffCap = backoffCap
        configuration.retentionDays = retentionDays
        configuration.endpoint = endpoint
        let extraHeaders = headers.compactMap(parseHeader)
        if let auth = extraHeaders.first {
            configuration.authHeader = AuthHeader(name: auth.0, value: auth.1)
        }
        try configuration.validate()
        try HTTPBatchTransport.validate(endpoint: endpoint)

        // A mistyped path must not become a new, empty spool and a success.
        _ = try SpoolListing(directory: spool)
        let store = try Spool(directory: spool, configuration: configuration)
        report(store.recovery)
        let transport = try HTTPBatchTransport(
            endpoint: endpoint,
            timeouts: .init(connect: connectTimeout, read: readTimeout, request: max(timeout, readTimeout))
        )
        let headerTransport = ExtraHeaders(base: transport, headers: Array(extraHeaders.dropFirst()))
        let sender = Sender(store: store, transport: headerTransport, configuration: configuration)
        let deadline = SystemUploadClock().nowMilliseconds() + Int64(timeout * 1000)
        let result = runBlocking {
            let result = await sender.drain(limits: .init(deadline: deadline))
            try? await transport.shutdown()
            return result
        }

        printError("sent \(result.sent.count) batch(es) (\(result.sent.reduce(0) { $0 + $1.eventCount }) events) in \(result.attempts) attempt(s)")
        for refused in result.deadLettered {
            printError("dead-lettered \(refused.batch.name): \(refused.reason)")
        }
        for unreadable in result.unreadable {
            printError("quarantined \(unreadable.batch.name): \(unreadable.reason)")
        }
        let left = store.pending()
        if !left.isEmpty {
            printError("\(left.count) batch(es) left in \(spool) (\(left.reduce(0) { $0 + $1.byteCount }) bytes)" + (result.lastError.map { "; last error: \($0)" } ?? ""))
            for batch in left { printError("  \(batch.name)") }
        }
        if !left.isEmpty || !result.deadLettered.isEmpty { throw ExitCode(1) }
    }

    func report(_ recovery: SpoolRecoveryReport) {
        for file in recovery.quarantined { printError("quarantined \(file.name): \(file.reason)") }
        if recovery.expiredBatches > 0 {
            printError("deleted \(recovery.expiredBatches) expired batch(es) (\(recovery.expiredEvents) events) unsent")
        }
    }
}

/// Adds the `--header`s beyond the first (which rides as the configuration's auth header).
struct ExtraHeaders: BatchTransport {
    let base: any BatchTransport
    let headers: [(String, String)]

    func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse {
        try await base.send(body: body, headers: headers + self.headers)
    }
}

/// `Name: value` → (name, value), or `nil` when malformed or unsafe for a header.
func parseHeader(_ text: String) -> (String, String)? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let name = String(text[..<colon]).trimmingCharacters(in: " \t")
    let value = String(text[text.index(after: colon)...]).trimmingCharacters(in: " \t")
    guard (try? AuthHeader(name: name, value: value).validate()) != nil else { return nil }
    return (name, value)
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var s = Substring(self)
        while let c = s.first, drop.contains(c) { s = s.dropFirst() }
        while let c = s.last, drop.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

/// Writes every byte to `fd`, retrying short writes and interruptions.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        done += n
    }
}

/// Runs async work from a synchronous command: the root command is synchronous, and
/// these commands have nothing else to do meanwhile.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// Carries a task's result back to the blocked thread; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    init() {}
}
