/// One of the mirror's per-slot columns (records, attributes, texts; its id table; a tree
/// walk's stack), in memory of its own rather than an array: every write to an array
/// element, and every append, first tests the array's uniqueness (a call), and a snapshot
/// writes each record several times (created, linked, its state and scopes, marked
/// emitted). Indices are checked as an array checks them. Not copyable: its one owner
/// frees it.
struct SlotStorage<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    deinit {
        destroyElements()
        base.deallocate()
    }

    var indices: Range<Int> { 0..<count }

    /// Bytes held (by capacity), for the mirror's footprint.
    var bytes: Int { capacity * MemoryLayout<Element>.stride }

    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "SlotStorage: index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "SlotStorage: index out of range")
            return base + i
        }
    }

    /// Where element `i` lies (checked as the subscript checks it), valid until the
    /// storage next changes.
    @inline(__always)
    func address(_ i: Int) -> UnsafePointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "SlotStorage: index out of range")
        return UnsafePointer(base + i)
    }

    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the last element (a stack's pop).
    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count &-= 1
        return (base + count).move()
    }

    /// Appends copies of `value` until there are `newCount` elements.
    mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        while capacity < newCount { grow() }
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Sets every element to `value`.
    mutating func fill(with value: Element) {
        base.update(repeating: value, count: count)
    }

    /// Forgets every element, keeping the memory.
    mutating func removeAll() {
        destroyElements()
        count = 0
    }

    /// Each element destroyed as its own type: `deinitialize(count:)` went through the
    /// runtime's generic array destroy, a value-witness call per element (a snapshot's
    /// reset destroyed every node's attributes and text that way).
    private func destroyElements() {
        guard !_isPOD(Element.self) else { return }
        var p = base
        let end = base + count
        while p < end {
            _ = p.move()
            p += 1
        }
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
