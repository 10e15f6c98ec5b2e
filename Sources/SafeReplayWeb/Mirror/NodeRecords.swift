/// The mirror's node records, in memory of their own rather than an array: every write to
/// an array element first tests the array's uniqueness (a call), and a snapshot writes
/// each record several times (created, linked, its state and scopes, marked emitted).
/// Indices are checked as an array checks them. Not copyable: one owner frees it.
struct NodeRecords: ~Copyable {
    private var base: UnsafeMutablePointer<NodeRecord>
    private(set) var count = 0
    private(set) var capacity: Int

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    var indices: Range<Int> { 0..<count }

    /// Bytes held (by capacity), for the mirror's footprint.
    var bytes: Int { capacity * MemoryLayout<NodeRecord>.stride }

    subscript(i: Int) -> NodeRecord {
        @inline(__always) unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "NodeRecords: index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "NodeRecords: index out of range")
            return base + i
        }
    }

    @inline(__always)
    mutating func append(_ record: NodeRecord) {
        if count == capacity { grow() }
        (base + count).initialize(to: record)
        count &+= 1
    }

    /// Forgets every record, keeping the memory (records hold no references).
    mutating func removeAll() { count = 0 }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<NodeRecord>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
