#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One of the mirror's per-slot columns (records, attributes, texts; its id table; a tree
/// walk's stack), in memory of its own rather than an array: every write to an array
/// element, and every append, first tests the array's uniqueness (a call), and a snapshot
/// writes each record several times (created, linked, its state and scopes, marked
/// emitted). Indices are checked as an array checks them. Not copyable: its one owner
/// frees it.
///
/// Its memory comes from malloc and changes size by realloc: glibc shrinks a block in
/// place and grows a large one by remapping its pages, so neither copies the elements.
/// realloc moves them bitwise, which is a Swift move only for a bitwise-takable element
/// type; on Linux every copyable type is one (only Objective-C weak references are not).
struct SlotStorage<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    private static var minimumCapacity: Int { 64 }

    init() {
        capacity = Self.minimumCapacity
        base = Self.allocate(capacity: capacity)
    }

    deinit {
        destroyElements()
        free(base)
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

    /// Gives back the capacity beyond `count + spare` elements. Doubling leaves up to half
    /// of a column unused, so a mirror's bytes per node would otherwise depend on where its
    /// node count falls between two powers of two.
    mutating func releaseCapacity(keepingSpare spare: Int) {
        let wanted = Swift.max(Self.minimumCapacity, count + Swift.max(0, spare))
        if wanted < capacity { resize(to: wanted) }
    }

    @inline(never)
    private mutating func grow() {
        resize(to: capacity * 2)
    }

    private mutating func resize(to newCapacity: Int) {
        precondition(newCapacity >= count, "SlotStorage: resize below count")
        guard let moved = realloc(base, Self.byteCount(newCapacity)) else { Self.outOfMemory() }
        base = moved.assumingMemoryBound(to: Element.self)
        capacity = newCapacity
    }

    private static func allocate(capacity: Int) -> UnsafeMutablePointer<Element> {
        // malloc's alignment (16 on x86-64 and arm64 glibc) covers every column's element.
        precondition(MemoryLayout<Element>.alignment <= 16, "SlotStorage: over-aligned element")
        precondition(_isBitwiseTakable(Element.self), "SlotStorage: elements must move bitwise (realloc)")
        guard let raw = malloc(byteCount(capacity)) else { outOfMemory() }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    private static func byteCount(_ capacity: Int) -> Int {
        let (bytes, overflow) = capacity.multipliedReportingOverflow(by: Swift.max(1, MemoryLayout<Element>.stride))
        precondition(!overflow, "SlotStorage: capacity overflow")
        return bytes
    }

    private static func outOfMemory() -> Never {
        fatalError("SlotStorage: out of memory")
    }
}
