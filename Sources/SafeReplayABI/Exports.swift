// The C ABI (Bindings/include/safereplay.h), implemented against the header: the compiler
// checks every signature here against its C declaration. A thin shell over Session: each
// function validates what the host passed, calls the session API, and turns errors into
// a status code and this thread's last error. Nothing here may trap on host input.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import CSafeReplay
import SafeReplay

/// Runs an entry point: its status, with the failure (if any) recorded for
/// `sr_last_error` and the previous error cleared on success.
@inline(__always)
private func guarded(_ function: StaticString, _ body: () throws(Failure) -> Void) -> sr_status {
    do {
        try body()
        ThreadState.clearError()
        return SR_OK
    } catch {
        ThreadState.record(error, in: function)
        return error.status
    }
}

/// Rethrows a session error as the ABI's failure.
@inline(__always)
private func call<R>(_ body: () throws(SafeReplayError) -> R) throws(Failure) -> R {
    do {
        return try body()
    } catch {
        throw Failure(error)
    }
}

/// A host buffer as a raw buffer, after checking the pointer and length.
@inline(__always)
private func buffer(_ pointer: UnsafePointer<CChar>?, _ length: Int, name: String, limit: Int) throws(Failure) -> UnsafeRawBufferPointer {
    guard let pointer else { throw Failure.argument("\(name) is NULL") }
    // size_t arrives as Int: anything above Int.max is negative here.
    guard length >= 0, length <= limit else {
        throw Failure(SR_E_LIMIT, "\(name) of \(UInt(bitPattern: length)) bytes exceeds the limit of \(limit)")
    }
    return UnsafeRawBufferPointer(start: pointer, count: length)
}

/// Bounds on numbers from the host, so no stage ever converts an absurd value (a 1e300
/// coordinate, a timestamp near Int64.max) into something that overflows.
private enum Limits {
    /// Touch coordinates (points) and location accuracy (metres). NaN fails every
    /// comparison, so it is refused too.
    static let coordinate = 1e9
    /// Timestamps: 0 ... 2^53 − 1 ms, what a JavaScript replayer reads exactly.
    static let maximumTimestamp: Int64 = (1 << 53) - 1

    static func check(timestamp: Int64) throws(Failure) {
        guard timestamp >= 0, timestamp <= maximumTimestamp else {
            throw Failure.argument("t_ms must be within 0...2^53-1 (ms since the Unix epoch)")
        }
    }
}

// MARK: - versions and errors

@c @implementation
public func sr_abi_version() -> UInt32 {
    SR_ABI_VERSION
}

@c @implementation
public func sr_status_name(_ status: sr_status) -> UnsafePointer<CChar>? {
    Failure.statusName(status).cString
}

@c @implementation
public func sr_last_error() -> UnsafePointer<CChar>? {
    guard let message = ThreadState.current(create: false)?.pointee.message else { return ("" as StaticString).cString }
    return UnsafePointer(message)
}

@c @implementation
public func sr_last_error_json() -> UnsafePointer<CChar>? {
    guard let json = ThreadState.current(create: false)?.pointee.json else { return ("{}" as StaticString).cString }
    return UnsafePointer(json)
}

@c @implementation
public func sr_free(_ p: UnsafeMutableRawPointer?) {
    _ = guarded("sr_free") { () throws(Failure) in
        guard let p else { return }
        guard Allocations.release(p) else {
            throw Failure.argument("not a buffer the core handed out, or already freed: ignored")
        }
    }
}

// MARK: - policies

@c @implementation
public func sr_policy_load(_ json: UnsafePointer<CChar>?, _ len: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> sr_status {
    out?.pointee = nil
    return guarded("sr_policy_load") { () throws(Failure) in
        guard let out else { throw Failure.argument("out is NULL") }
        let bytes = try buffer(json, len, name: "policy document", limit: Policy.maximumDocumentBytes)
        let policy: Policy
        do throws(PolicyError) {
            policy = try Policy.load(Array(bytes))
        } catch {
            throw Failure(error)
        }
        out.pointee = OpaquePointer(bitPattern: policies.insert(PolicyBox(policy)))
    }
}

@c @implementation
public func sr_policy_free(_ policy: OpaquePointer?) {
    _ = guarded("sr_policy_free") { () throws(Failure) in
        guard let policy else { return }
        _ = try policies.take(policy)
    }
}

// MARK: - sessions

private func open(_ policyHandle: OpaquePointer?, _ options: SessionOptions, _ out: UnsafeMutablePointer<OpaquePointer?>?) throws(Failure) {
    guard let out else { throw Failure.argument("out is NULL") }
    let box = try policies.get(policyHandle)
    let clock: @Sendable () -> Int64
    if let fixed = options.fixedClockMs {
        clock = { fixed }
    } else {
        clock = Session.systemMilliseconds
    }
    let session = try call { () throws(SafeReplayError) in
        try Session(policy: box.policy, spoolDirectory: options.spoolDirectory, sessionId: options.sessionId, clock: clock)
    }
    out.pointee = OpaquePointer(bitPattern: sessions.insert(SessionBox(session)))
}

@c @implementation
public func sr_session_open(_ policy: OpaquePointer?, _ spool_dir: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> sr_status {
    out?.pointee = nil
    return guarded("sr_session_open") { () throws(Failure) in
        var options = SessionOptions()
        if let spool_dir {
            let length = strnlen(spool_dir, 4097)
            guard length <= 4096 else { throw Failure(SR_E_LIMIT, "spool_dir is longer than 4096 bytes") }
            guard length > 0 else { throw Failure.argument("spool_dir is empty (pass NULL for a memory-only session)") }
            let bytes = UnsafeRawBufferPointer(start: spool_dir, count: length)
            guard UTF8Check.firstInvalidOffset(bytes) == nil else { throw Failure.argument("spool_dir is not valid UTF-8") }
            options.spoolDirectory = String(decoding: bytes, as: UTF8.self)
        }
        try open(policy, options, out)
    }
}

@c @implementation
public func sr_session_open_ex(_ policy: OpaquePointer?, _ options_json: UnsafePointer<CChar>?, _ len: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> sr_status {
    out?.pointee = nil
    return guarded("sr_session_open_ex") { () throws(Failure) in
        var options = SessionOptions()
        if options_json != nil || len != 0 {
            options = try SessionOptions.parse(buffer(options_json, len, name: "options", limit: SessionOptions.maximumBytes))
        }
        try open(policy, options, out)
    }
}

@c @implementation
public func sr_ingest_json(_ s: OpaquePointer?, _ event_json: UnsafePointer<CChar>?, _ len: Int) -> sr_status {
    guarded("sr_ingest_json") { () throws(Failure) in
        let box = try sessions.get(s)
        guard let event_json else { throw Failure.argument("event is NULL") }
        // size_t arrives as Int: anything above Int.max is negative here. (The session
        // refuses and counts an oversize event of a valid length itself, without reading it.)
        guard len >= 0 else {
            box.countRefused()
            throw Failure(SR_E_LIMIT, "event of \(UInt(bitPattern: len)) bytes exceeds \(Session.maximumEventBytes)")
        }
        let bytes = UnsafeRawBufferPointer(start: event_json, count: len)
        if bytes.count <= Session.maximumEventBytes, let offset = UTF8Check.firstInvalidOffset(bytes) {
            box.countRefused()
            throw Failure(SR_E_JSON, "event is not valid UTF-8", context: ["offset": String(offset)])
        }
        try call { () throws(SafeReplayError) in try box.session.ingest(json: bytes) }
    }
}

@c @implementation
public func sr_touch(_ s: OpaquePointer?, _ pointer_id: Int32, _ phase: Int32, _ x: Double, _ y: Double, _ t_ms: Int64) -> sr_status {
    guarded("sr_touch") { () throws(Failure) in
        let box = try sessions.get(s)
        guard let touchPhase = TouchPhase(rawValue: phase) else {
            throw Failure.argument("phase \(phase) is not 0 (down), 1 (move), 2 (up) or 3 (cancel)")
        }
        guard abs(x) <= Limits.coordinate, abs(y) <= Limits.coordinate else {
            throw Failure.argument("touch coordinates must be finite and within ±1e9 points")
        }
        try Limits.check(timestamp: t_ms)
        try call { () throws(SafeReplayError) in
            try box.session.touch(pointerId: Int(pointer_id), phase: touchPhase, x: x, y: y, timestamp: t_ms)
        }
    }
}

@c @implementation
public func sr_location(_ s: OpaquePointer?, _ lat: Double, _ lon: Double, _ accuracy_m: Double, _ t_ms: Int64) -> sr_status {
    guarded("sr_location") { () throws(Failure) in
        let box = try sessions.get(s)
        guard lat >= -90, lat <= 90 else { throw Failure.argument("latitude must be within -90...90 degrees") }
        guard lon >= -180, lon <= 180 else { throw Failure.argument("longitude must be within -180...180 degrees") }
        guard accuracy_m >= 0, accuracy_m <= Limits.coordinate else {
            throw Failure.argument("accuracy must be within 0...1e9 metres")
        }
        try Limits.check(timestamp: t_ms)
        try call { () throws(SafeReplayError) in
            try box.session.location(latitude: lat, longitude: lon, accuracyMeters: accuracy_m, timestamp: t_ms)
        }
    }
}

@c @implementation
public func sr_flush(_ s: OpaquePointer?) -> sr_status {
    guarded("sr_flush") { () throws(Failure) in
        let box = try sessions.get(s)
        try call { () throws(SafeReplayError) in try box.session.flush() }
    }
}

@c @implementation
public func sr_next_batch(_ s: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ out_len: UnsafeMutablePointer<Int>?) -> sr_status {
    out?.pointee = nil
    out_len?.pointee = 0
    return guarded("sr_next_batch") { () throws(Failure) in
        let box = try sessions.get(s)
        guard let out, let out_len else { throw Failure.argument("out or out_len is NULL") }
        guard !box.isUploading else {
            throw Failure(SR_E_STATE, "an upload is running: its transport takes the batches (sr_upload_stop first)")
        }
        let upload = box.session.upload
        // A batch due for age is finished: close it before looking. (Failing to file it is
        // counted in the next envelope; a closed session has nothing open.)
        if !upload.isClosed { try? upload.tick() }
        guard let batch = try call({ () throws(SafeReplayError) in try box.session.nextBatch() }) else { return }
        guard let copy = batch.withUnsafeBytes({ Allocations.copy($0) }) else {
            throw Failure(SR_E_INTERNAL, "out of memory for a batch of \(batch.count) bytes (the batch is lost)")
        }
        out.pointee = copy
        out_len.pointee = batch.count
    }
}

@c @implementation
public func sr_session_stats(_ s: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ out_len: UnsafeMutablePointer<Int>?) -> sr_status {
    out?.pointee = nil
    out_len?.pointee = 0
    return guarded("sr_session_stats") { () throws(Failure) in
        let box = try sessions.get(s)
        guard let out else { throw Failure.argument("out is NULL") }
        let json = StatisticsDocument.encode(box)
        guard let copy = json.withUnsafeBytes({ Allocations.copy($0) }) else {
            throw Failure(SR_E_INTERNAL, "out of memory")
        }
        out.pointee = UnsafeMutableRawPointer(copy).assumingMemoryBound(to: CChar.self)
        out_len?.pointee = json.count
    }
}

@c @implementation
public func sr_session_end(_ s: OpaquePointer?) -> sr_status {
    guarded("sr_session_end") { () throws(Failure) in
        let box = try sessions.get(s)
        try call { () throws(SafeReplayError) in try box.session.close() }
    }
}

@c @implementation
public func sr_session_close(_ s: OpaquePointer?) -> sr_status {
    guarded("sr_session_close") { () throws(Failure) in
        // Checked before the handle is released: closing waits for the session's sender.
        if case .live(let box) = sessions.lookup(UInt(token: s)), ThreadState.isSending(for: box) {
            throw Failure(SR_E_STATE, "sr_session_close must not be called from inside this session's send callback")
        }
        let box = try sessions.take(s)
        var failure: Failure?
        do throws(SafeReplayError) {
            try box.session.close()
        } catch {
            failure = Failure(error)
        }
        box.stopUpload(timeoutMs: 0)
        if let failure { throw failure }
    }
}

// MARK: - upload through the host

@c @implementation
public func sr_upload_start(_ s: OpaquePointer?, _ send: sr_send_fn?, _ release: sr_release_fn?, _ context: UnsafeMutableRawPointer?) -> sr_status {
    guarded("sr_upload_start") { () throws(Failure) in
        let box = try sessions.get(s)
        guard let send else { throw Failure.argument("send is NULL") }
        try box.startUpload(HostCallbacks(send: send, release: release, context: context))
    }
}

@c @implementation
public func sr_upload_stop(_ s: OpaquePointer?, _ timeout_ms: Int64) -> sr_status {
    guarded("sr_upload_stop") { () throws(Failure) in
        let box = try sessions.get(s)
        guard timeout_ms >= 0 else { throw Failure.argument("timeout_ms must not be negative") }
        if ThreadState.isSending(for: box) {
            throw Failure(SR_E_STATE, "sr_upload_stop must not be called from inside this session's send callback")
        }
        guard box.stopUpload(timeoutMs: timeout_ms) else { throw Failure(SR_E_STATE, "no upload was started for this session") }
    }
}
