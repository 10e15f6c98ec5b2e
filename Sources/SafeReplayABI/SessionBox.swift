#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import SafeReplay
import SafeReplayModel

/// A session behind an `sr_session` handle, with the upload the host may run for it.
final class SessionBox: @unchecked Sendable {
    let session: Session
    private let lock = Lock()
    /// Guarded by `lock`.
    private var run: UploadRun?
    /// Observations the ABI refused before the session saw them (invalid UTF-8): counted
    /// beside the session's own `received` and `rejected`. Guarded by `lock`.
    private var refused = 0

    init(_ session: Session) { self.session = session }

    func countRefused() { lock.withLock { refused += 1 } }
    var refusedCount: Int { lock.withLock { refused } }

    /// Whether the host's transport owns the batches right now.
    var isUploading: Bool {
        lock.withLock { run.map { !$0.done.isSignaled } ?? false }
    }

    // MARK: - upload

    func startUpload(_ callbacks: HostCallbacks) throws(Failure) {
        try lock.withLock { () throws(Failure) in
            if let run, !run.done.isSignaled {
                throw Failure(SR_E_STATE, "an upload is already running for this session")
            }
            let run = UploadRun()
            let pipeline = session.upload
            let transport = CallbackTransport(callbacks: callbacks, session: ObjectIdentifier(self))
            run.task = Task.detached {
                await pipeline.runSender(transport: transport)
                callbacks.releaseContext()
                run.done.signal()
            }
            self.run = run
        }
    }

    /// Gives the sender up to `timeoutMs` to deliver what is filed, then cancels it and
    /// waits for it to stop (an in-flight `send` returns first). `false` when no upload
    /// was started.
    @discardableResult
    func stopUpload(timeoutMs: Int64) -> Bool {
        guard let (run, task) = lock.withLock({ self.run.map { ($0, $0.task) } }) else { return false }
        if timeoutMs > 0 {
            let (deadline, overflow) = Monotonic.milliseconds().addingReportingOverflow(timeoutMs)
            while !run.done.isSignaled && (overflow || Monotonic.milliseconds() < deadline) {
                if session.upload.store.pending().isEmpty { break }
                usleep(2_000)
            }
        }
        task?.cancel()
        run.done.wait()
        lock.withLock { if self.run === run { self.run = nil } }
        return true
    }
}

/// One run of the sender over a host transport.
final class UploadRun: @unchecked Sendable {
    /// Set under the box's lock before anyone else can see the run.
    var task: Task<Void, Never>?
    /// Signalled once the sender has stopped and `release` was called.
    let done = Completion()
}

/// The host's transport callbacks and context. The host promises they may be called from
/// the core's threads (the header says so), hence `@unchecked Sendable`.
struct HostCallbacks: @unchecked Sendable {
    let send: sr_send_fn
    let release: sr_release_fn?
    let context: UnsafeMutableRawPointer?

    func releaseContext() { release?(context) }
}

/// A ``BatchTransport`` over the host's `sr_send_fn`. Each call runs on a thread of its
/// own, so a host blocking in its HTTP stack never holds one of Swift's cooperative
/// threads; the sender awaits the answer (it is never abandoned mid-call, even when the
/// upload is cancelled).
struct CallbackTransport: BatchTransport {
    let callbacks: HostCallbacks
    /// The session box the upload belongs to, to recognise its callback thread.
    let session: ObjectIdentifier

    struct NoAnswer: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "the host's transport reported no HTTP answer (status \(status))" }
    }

    func send(body: [UInt8], headers: [(String, String)]) async throws -> TransportResponse {
        let callbacks = self.callbacks
        let session = self.session
        let (status, retryAfter) = await withCheckedContinuation { (continuation: CheckedContinuation<(Int32, String?), Never>) in
            let started = DetachedThread.start {
                continuation.resume(returning: Self.call(callbacks, for: session, body: body, headers: headers))
            }
            // Without a thread (the system is out of them) the attempt counts as failed.
            if !started { continuation.resume(returning: (0, nil)) }
        }
        guard (100...599).contains(status) else { throw NoAnswer(status: status) }
        let seconds = retryAfter.flatMap { RetryAfter.seconds(from: $0, now: Session.systemMilliseconds()) }
        return TransportResponse(status: Int(status), retryAfter: seconds)
    }

    /// Calls the host on the current thread; returns its status and Retry-After value.
    static func call(_ callbacks: HostCallbacks, for session: ObjectIdentifier, body: [UInt8], headers: [(String, String)]) -> (Int32, String?) {
        let state = ThreadState.current(create: true)
        state?.pointee.sendingFor = session
        defer { state?.pointee.sendingFor = nil }

        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { for s in strings { free(s) } }
        var cHeaders: [sr_header] = []
        for (name, value) in headers {
            let n = strdup(name)
            let v = strdup(value)
            strings.append(n)
            strings.append(v)
            guard let n, let v else { return (0, nil) }
            cHeaders.append(sr_header(name: n, value: v))
        }
        var response = sr_response()
        response.status = 0
        body.withUnsafeBufferPointer { bytes in
            cHeaders.withUnsafeBufferPointer { headers in
                callbacks.send(callbacks.context, bytes.baseAddress, bytes.count, headers.baseAddress, headers.count, &response)
            }
        }
        let retryAfter = withUnsafeBytes(of: response.retry_after) { raw -> String? in
            // NUL-terminated within the field, or ignored.
            guard let end = raw.firstIndex(of: 0), end > 0 else { return nil }
            let bytes = UnsafeRawBufferPointer(rebasing: raw[..<end])
            guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
            return text
        }
        return (response.status, retryAfter)
    }
}

/// A one-shot event threads can wait for.
final class Completion: @unchecked Sendable {
    private let condition = Condition()
    /// Guarded by `condition`.
    private var signaled = false

    func signal() {
        condition.withLock {
            signaled = true
            condition.broadcast()
        }
    }

    var isSignaled: Bool { condition.withLock { signaled } }

    func wait() {
        condition.withLock { condition.wait { signaled } }
    }
}

enum Monotonic {
    static func milliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
