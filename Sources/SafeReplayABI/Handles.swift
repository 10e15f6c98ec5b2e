#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSafeReplay
import SafeReplay

/// A loaded policy behind an `sr_policy` handle.
final class PolicyBox: Sendable {
    let policy: Policy
    init(_ policy: Policy) { self.policy = policy }
}

/// The live handles. A handle is a token (a serial number with a kind tag), never an
/// address: the host cannot make the core dereference anything, a closed handle stays
/// recognisable as closed, and tokens are never reused, so a stale handle cannot reach a
/// newer object.
///
/// Lookups take one lock for a dictionary probe and return a strong reference, so an
/// object stays alive for the call that found it even if another thread closes the
/// handle meanwhile.
final class HandleTable<Object: AnyObject>: @unchecked Sendable {
    enum Lookup {
        case live(Object)
        /// Issued once, since closed or freed.
        case retired
        /// Never issued: garbage, or a handle of the other kind.
        case unknown
    }

    private let lock = Lock()
    private let tag: UInt
    /// "policy" or "session", and what a retired one was ("freed", "closed"): for messages.
    let kind: String
    let retired: String
    private var objects: [UInt: Object] = [:]
    private var nextSerial: UInt = 1
    /// The last token found live and its object: a host calls with the same session
    /// handle again and again (every touch), and this skips hashing it each time.
    private var lastToken: UInt = 0
    private var lastObject: Object?

    /// `tag`: the three low bits of every token of this table (odd, so no token is an
    /// aligned pointer and the kinds never collide).
    init(tag: UInt, kind: String, retired: String) {
        self.tag = tag
        self.kind = kind
        self.retired = retired
    }

    /// Registers `object` and returns its new token.
    func insert(_ object: Object) -> UInt {
        lock.withLock {
            let token = nextSerial << 3 | tag
            nextSerial += 1
            objects[token] = object
            return token
        }
    }

    func lookup(_ token: UInt) -> Lookup {
        lock.lock()
        defer { lock.unlock() }
        if token == lastToken, let lastObject { return .live(lastObject) }
        if let object = objects[token] {
            lastToken = token
            lastObject = object
            return .live(object)
        }
        guard token & 7 == tag, token >> 3 > 0, token >> 3 < nextSerial else { return .unknown }
        return .retired
    }

    /// Unregisters a token; returns the object when it was live.
    func remove(_ token: UInt) -> Lookup {
        lock.withLock {
            if token == lastToken {
                lastToken = 0
                lastObject = nil
            }
            if let object = objects.removeValue(forKey: token) { return .live(object) }
            guard token & 7 == tag, token >> 3 > 0, token >> 3 < nextSerial else { return .unknown }
            return .retired
        }
    }

    var count: Int { lock.withLock { objects.count } }
}

let policies = HandleTable<PolicyBox>(tag: 0b011, kind: "policy", retired: "freed")
let sessions = HandleTable<SessionBox>(tag: 0b101, kind: "session", retired: "closed")

extension UInt {
    /// The token behind a handle pointer.
    init(token handle: OpaquePointer?) { self.init(bitPattern: handle) }
}

extension HandleTable {
    /// The object behind a live handle, or the failure to report: SR_E_ARG for NULL or a
    /// value never issued as this kind, SR_E_STATE for a retired one.
    @inline(__always)
    func get(_ handle: OpaquePointer?) throws(Failure) -> Object {
        try resolve(handle, lookup(UInt(token: handle)), already: "")
    }

    /// Unregisters a handle, returning its object (the caller finishes it off).
    func take(_ handle: OpaquePointer?) throws(Failure) -> Object {
        try resolve(handle, remove(UInt(token: handle)), already: "already ")
    }

    @inline(__always)
    private func resolve(_ handle: OpaquePointer?, _ found: @autoclosure () -> Lookup, already: String) throws(Failure) -> Object {
        guard handle != nil else { throw Failure.argument("\(kind) is NULL") }
        switch found() {
        case .live(let object): return object
        case .retired: throw Failure(SR_E_STATE, "the \(kind) was \(already)\(retired)")
        case .unknown: throw Failure.argument("not a \(kind) handle")
        }
    }
}

/// Buffers handed to the host (batches, statistics), so `sr_free` releases only what the
/// core allocated, once.
enum Allocations {
    private static let live = Locked(Set<UInt>())

    /// A malloc'd copy of `bytes` followed by a NUL, registered for `sr_free`; `nil` when
    /// out of memory.
    static func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<UInt8>? {
        guard let raw = malloc(bytes.count + 1) else { return nil }
        if let base = bytes.baseAddress, bytes.count > 0 { memcpy(raw, base, bytes.count) }
        raw.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        _ = live.withLock { $0.insert(UInt(bitPattern: raw)) }
        return raw.assumingMemoryBound(to: UInt8.self)
    }

    /// Frees `pointer` if the core handed it out and it was not freed yet.
    static func release(_ pointer: UnsafeMutableRawPointer) -> Bool {
        let known = live.withLock { $0.remove(UInt(bitPattern: pointer)) != nil }
        if known { free(pointer) }
        return known
    }
}
