/// The scan's candidates, in stack memory the caller lends for the common case (a string
/// holds a handful of values), moved to the heap only when that fills up.
///
/// An `Array` here cost a heap allocation, and a lookup of its storage class in the
/// runtime's generic-metadata cache, for every string with anything in it: more than
/// scanning a short string does.
struct CandidateBuffer {
    private(set) var base: UnsafeMutablePointer<Candidate>
    private(set) var count = 0
    private var capacity: Int
    private var onHeap = false

    /// Candidates the scan of one string keeps on the stack.
    static let stackCapacity = 16

    init(_ stack: UnsafeMutableBufferPointer<Candidate>) {
        base = stack.baseAddress!
        capacity = stack.count
    }

    var isEmpty: Bool { count == 0 }

    subscript(k: Int) -> Candidate {
        @inline(__always) get { base[k] }
    }

    mutating func append(_ candidate: Candidate) {
        if count == capacity { grow() }
        (base + count).initialize(to: candidate)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Candidate>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        if onHeap { base.deallocate() }
        base = larger
        capacity *= 2
        onHeap = true
    }

    /// Frees what `grow()` allocated. (`Candidate` is trivial: nothing to deinitialize.)
    func deallocate() {
        if onHeap { base.deallocate() }
    }

    /// Makes the candidates sorted and non-overlapping, in place: of two overlapping
    /// candidates the better-ranked stays, and on a tie the longer one. The scan reports
    /// mostly in order, so sorting is usually skipped.
    mutating func resolveOverlaps() {
        if count < 2 { return }
        var all = UnsafeMutableBufferPointer(start: base, count: count)
        var ordered = true
        for k in 1..<count where all[k].start < all[k - 1].start {
            ordered = false
            break
        }
        if !ordered {
            all.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        }
        var kept = 0
        for k in 0..<count {
            let c = all[k]
            guard kept > 0, c.start < all[kept - 1].end else {
                all[kept] = c
                kept += 1
                continue
            }
            // Survivors never overlap and starts are sorted, so `c` can only clash with the last.
            let last = all[kept - 1]
            if c.rank < last.rank || (c.rank == last.rank && c.end - c.start > last.end - last.start) {
                all[kept - 1] = c
            }
        }
        count = kept
    }
}
