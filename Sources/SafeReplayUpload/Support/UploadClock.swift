#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time for batch ages, envelope timestamps and retention, injected so tests
/// and benchmarks can run an hour of session in a moment.
public protocol UploadClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock.
public struct SystemUploadClock: UploadClock {
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// Waits between send attempts; injected so retry tests take milliseconds, not minutes.
public protocol UploadSleeper: Sendable {
    /// Sleeps `seconds`, throwing `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// Sleeps for real with `Task.sleep`.
public struct TaskSleeper: UploadSleeper {
    public init() {}

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    }
}
