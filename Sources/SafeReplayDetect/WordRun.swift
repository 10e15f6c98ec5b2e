import CSafeReplaySIMD

/// The length of a run of word bytes (`A-Z a-z 0-9 _ -`), sixteen bytes a step with the
/// vector unit (CSafeReplaySIMD: SSE2 `pmovmskb`, or NEON), for the long runs JWT segments
/// and tokens are made of. In Swift, `SIMD16` comparisons compiled to a loop over the lanes
/// and there is no movemask, so a block could only say "all word bytes or not" and the
/// run's end was found again a byte at a time.
enum WordRun {
    /// How many of the `count` bytes at `p` are word bytes before the first that is not.
    @inline(__always) static func length(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        sr_word_run(p, count)
    }

    /// The portable path, which the vector path must agree with (for the tests).
    static func scalarLength(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        sr_word_run_scalar(p, count)
    }
}
