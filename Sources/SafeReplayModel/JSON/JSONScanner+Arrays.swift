extension JSONScanner {
    /// Consumes the `]` that closes the current array when it comes next (an empty array,
    /// or the end after the last element in compact JSON); `false` leaves the scanner untouched.
    @inline(__always)
    mutating func matchArrayEnd() -> Bool {
        guard position < count, base[position] == UInt8(ascii: "]") else { return false }
        position += 1
        depth -= 1
        afterOpen = false
        return true
    }

    /// Reads an array whose elements `element` decodes into an exactly sized array.
    @inline(__always)
    mutating func readArrayExact<T>(_ element: (inout JSONScanner) throws(JSONError) -> T) throws(JSONError) -> [T] {
        try beginArray()
        if matchArrayEnd() { return [] }
        return try collectExact { (s: inout JSONScanner) throws(JSONError) -> T? in
            try s.nextElement() ? try element(&s) : nil
        }
    }

    /// Reads the members of the object just opened (after `beginObject`) into an exactly
    /// sized array, one `member` each.
    @inline(__always)
    mutating func readMembersExact<T>(_ member: (JSONKey, inout JSONScanner) throws(JSONError) -> T) throws(JSONError) -> [T] {
        if matchObjectEnd() { return [] }
        return try collectExact { (s: inout JSONScanner) throws(JSONError) -> T? in
            guard let key = try s.nextKey() else { return nil }
            return try member(key, &s)
        }
    }

    /// The values `next` reads until it returns `nil`, in an exactly sized array.
    ///
    /// They are built in the scanner's arena and moved out in one allocation at the end,
    /// rather than appended to an array that reallocates as it doubles. The arena is moved
    /// with `memcpy` when it grows, so `T` must be bitwise movable (no weak references):
    /// true of every model type, which is why this is not public.
    @inline(__always)
    mutating func collectExact<T>(_ next: (inout JSONScanner) throws(JSONError) -> T?) throws(JSONError) -> [T] {
        assert(_isBitwiseTakable(T.self), "the arena moves elements with memcpy")
        let savedTop = arenaTop
        let stride = MemoryLayout<T>.stride
        let alignMask = MemoryLayout<T>.alignment - 1
        let start = (savedTop + alignMask) & ~alignMask
        var n = 0
        do {
            // Nested arrays build above the elements read so far.
            arenaTop = start
            while let value = try next(&self) {
                let end = start &+ (n &+ 1) &* stride
                if end > arenaCapacity { growArena(to: end) }
                (arena + (start &+ n &* stride)).initializeMemory(as: T.self, to: value)
                n &+= 1
                arenaTop = end
            }
        } catch {
            (arena + start).assumingMemoryBound(to: T.self).deinitialize(count: n)
            arenaTop = savedTop
            throw error
        }
        arenaTop = savedTop
        return Self.moveOut((arena + start).assumingMemoryBound(to: T.self), count: n)
    }

    /// An array holding the `count` elements at `elements`, moved (not copied) out.
    /// (`Array(unsafeUninitializedCapacity:)` would do, but it allocates through an
    /// unspecialized path that looks up the storage class's metadata on every call.)
    @inline(__always)
    static func moveOut<T>(_ elements: UnsafeMutablePointer<T>, count: Int) -> [T] {
        // No reserveCapacity first: appending to an empty array allocates exactly `count`
        // (growth doubles the old capacity, zero) and reserving first was a second call chain.
        // One element (a mutation's one text, one attribute change, one add; an element's
        // one attribute): an array literal, specialized, where appending a sequence went
        // through the generic copy (about 300 instructions for the one element).
        if count == 1 { return [elements.move()] }
        var out: [T] = []
        if _isPOD(T.self) {
            // Plain values (pointer positions): one copy of the block, not an append each.
            out.append(contentsOf: UnsafeBufferPointer(start: elements, count: count))
        } else {
            // Appended as one sequence: the new storage is filled by one copy of the bytes
            // (`MovingElements._copyContents`) and the count set once, where an append per
            // element checked uniqueness and capacity each time.
            out.append(contentsOf: MovingElements(start: elements, count: count))
        }
        return out
    }

    /// Moves the arena to a heap block of at least `needed` bytes, keeping what it holds.
    @inline(never)
    mutating func growArena(to needed: Int) {
        // Off the stack straight to 16 KiB: a page's node arrays outgrow 1 KiB at once, and
        // each doubling step on the way copied the arena and allocated anew.
        var capacity = max(arenaCapacity * 2, 16 * 1024)
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: arena, byteCount: arenaCapacity)
        if arenaOnHeap { arena.deallocate() }
        arena = grown
        arenaCapacity = capacity
        arenaOnHeap = true
    }
}

/// The `count` elements at `start`, each moved out as it is read (so read them once).
struct MovingElements<T>: Sequence, IteratorProtocol {
    let start: UnsafeMutablePointer<T>
    let count: Int
    var index = 0

    init(start: UnsafeMutablePointer<T>, count: Int) {
        self.start = start
        self.count = count
    }

    var underestimatedCount: Int { count }

    @inline(__always)
    mutating func next() -> T? {
        guard index < count else { return nil }
        defer { index &+= 1 }
        return (start + index).move()
    }

    /// The elements left, moved into `buffer` as one copy of their bytes (they are bitwise
    /// movable: see `collectExact`); the default moved them one at a time through `next()`.
    @inline(__always)
    __consuming func _copyContents(initializing buffer: UnsafeMutableBufferPointer<T>) -> (MovingElements<T>, Int) {
        let n = Swift.min(count &- index, buffer.count)
        if n > 0 {
            UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped)
                .copyMemory(from: UnsafeRawPointer(start + index), byteCount: n &* MemoryLayout<T>.stride)
        }
        var rest = self
        rest.index &+= n
        return (rest, n)
    }
}
