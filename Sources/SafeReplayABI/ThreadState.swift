#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import SafeReplay

/// What the ABI keeps per host thread: the last error (as the C strings `sr_last_error`
/// and `sr_last_error_json` return) and whether the thread is inside a transport callback.
///
/// Lives in a pthread key so each thread's strings stay valid until that thread's next
/// call, whatever other threads do; the key's destructor frees them when the thread ends.
struct ThreadState {
    var message: UnsafeMutablePointer<CChar>?
    var json: UnsafeMutablePointer<CChar>?
    /// The session whose `sr_send_fn` this thread is running, if any: stopping that
    /// session's upload (or closing it) from here would wait for itself.
    var sendingFor: ObjectIdentifier?

    /// The calling thread's state; created on first use. `nil` only if the system is out
    /// of pthread keys or memory, in which case errors are not recorded.
    static func current(create: Bool) -> UnsafeMutablePointer<ThreadState>? {
        guard let key = threadKey.key else { return nil }
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: ThreadState.self) }
        guard create, let raw = calloc(1, MemoryLayout<ThreadState>.stride) else { return nil }
        let state = raw.bindMemory(to: ThreadState.self, capacity: 1)
        state.initialize(to: ThreadState())
        guard pthread_setspecific(key, raw) == 0 else {
            free(raw)
            return nil
        }
        return state
    }

    /// Whether the calling thread is inside `box`'s send callback.
    static func isSending(for box: SessionBox) -> Bool {
        current(create: false)?.pointee.sendingFor == ObjectIdentifier(box)
    }

    /// Forgets the last error: the call that is finishing succeeded. The common case (no
    /// error was recorded) costs one `pthread_getspecific`.
    @inline(__always)
    static func clearError() {
        guard let state = current(create: false), state.pointee.message != nil else { return }
        state.pointee.clear()
    }

    mutating func clear() {
        free(message)
        free(json)
        message = nil
        json = nil
    }

    /// Records `failure` as this thread's last error, raised in `function`.
    static func record(_ failure: Failure, in function: StaticString) {
        guard let state = current(create: true) else { return }
        state.pointee.clear()
        state.pointee.message = strdup("\(function): \(failure.code): \(failure.message)")
        state.pointee.json = strdup(errorJSON(failure, function: function))
    }

    static func errorJSON(_ failure: Failure, function: StaticString) -> String {
        let w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("version")
        w.int(1)
        w.key("status")
        w.int(Int(failure.status))
        w.key("code")
        w.string(failure.code)
        w.key("function")
        w.string(function.description)
        w.key("message")
        w.string(failure.message)
        w.key("context")
        w.beginObject()
        for (k, v) in failure.context.sorted(by: { $0.key < $1.key }) {
            w.key(k)
            w.string(v)
        }
        w.endObject()
        if failure.status == SR_E_POLICY {
            w.key("issues")
            w.beginArray()
            for issue in failure.issues {
                w.beginObject()
                w.key("path")
                w.string(issue.path)
                w.key("message")
                w.string(issue.message)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.string
    }
}

/// The pthread key behind ``ThreadState``, made once.
final class ThreadKey: @unchecked Sendable {
    let key: pthread_key_t?

    init() {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { raw in
            guard let raw else { return }
            let state = raw.assumingMemoryBound(to: ThreadState.self)
            state.pointee.clear()
            state.deinitialize(count: 1)
            free(raw)
        }
        self.key = made == 0 ? key : nil
    }
}

let threadKey = ThreadKey()
