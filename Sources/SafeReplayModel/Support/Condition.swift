#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
package import Darwin
#endif

/// A mutex with a condition variable, over pthreads (TSan-clean, unlike
/// `Synchronization.Mutex`; see ``Lock``): for threads that wait until another changes
/// guarded state. The pthread objects live in their own allocations so their addresses
/// never move.
package final class Condition: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline let condition: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deinitialize(count: 1)
        condition.deallocate()
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex. `body` may call ``wait(until:)`` and ``broadcast()``.
    package func withLock<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Waits, the mutex released meanwhile, until `ready` holds. Call inside ``withLock(_:)``.
    package func wait(until ready: () -> Bool) {
        while !ready() { pthread_cond_wait(condition, mutex) }
    }

    /// Wakes every waiter. Call inside ``withLock(_:)``.
    package func broadcast() {
        pthread_cond_broadcast(condition)
    }

    // Explicit forms, for hot paths where the generic `withLock` (not specialized across
    // modules) would cost as much as the mutex.

    /// Takes the mutex; pair with ``unlock()``.
    @inlinable
    package func lock() { pthread_mutex_lock(mutex) }

    @inlinable
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Wakes one waiter. Hold the mutex.
    @inlinable
    package func signal() { pthread_cond_signal(condition) }

    /// Waits once until signalled (or woken spuriously). Hold the mutex.
    package func waitOnce() { pthread_cond_wait(condition, mutex) }

    /// Waits once, at most `nanoseconds`; `false` when the time ran out. Hold the mutex.
    package func waitOnce(nanoseconds: Int) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let total = Int(deadline.tv_nsec) + nanoseconds
        deadline.tv_sec += total / 1_000_000_000
        deadline.tv_nsec = .init(total % 1_000_000_000)
        return pthread_cond_timedwait(condition, mutex, &deadline) != ETIMEDOUT
    }
}
