#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A lock for critical sections of a few dozen instructions (a handle table's probe),
/// taken on every ABI call: one compare-and-swap to take it and one store to release it,
/// where a pthread mutex cost ~70 instructions a call. A waiter yields its CPU between
/// tries, so a holder preempted mid-section is not starved. Built on atomics (acquire on
/// taking, release on letting go), which ThreadSanitizer understands; not `Mutex`, which it
/// reports false races in.
final class SpinLock: @unchecked Sendable {
    private let held = Atomic<Bool>(false)

    @inline(__always)
    func lock() {
        while !held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            while held.load(ordering: .relaxed) { sched_yield() }
        }
    }

    @inline(__always)
    func unlock() {
        held.store(false, ordering: .releasing)
    }

    @inline(__always)
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}
