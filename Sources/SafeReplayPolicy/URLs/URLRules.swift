/// A policy's URL settings compiled for scanning.
// Unchecked: `classes` is written once in `init` and only read after, from any thread.
final class URLRules: @unchecked Sendable {
    /// Allowlisted names of up to 16 bytes, packed for comparison without touching the heap.
    let allowPacked: [PackedName]
    /// Longer allowlisted names.
    let allowLong: [[UInt8]]
    let keepPaths: [RoutePattern]
    let flag: URLCanonicalizer.Flagger?
    let hasDetector: Bool
    /// `URLByteClass` bits of each byte value; a raw pointer so a scan's inner loops read it
    /// without bounds checks or reference counting.
    let classes: UnsafeMutablePointer<UInt16>

    init(settings: URLSettings, flag: URLCanonicalizer.Flagger?) {
        let names = settings.allowParameters.map { Array($0.utf8) }
        allowPacked = names.filter { $0.count <= 16 }.map { $0.withUnsafeBufferPointer(PackedName.init) }
        allowLong = names.filter { $0.count > 16 }
        keepPaths = settings.keepPaths
        self.flag = flag
        hasDetector = flag != nil
        classes = URLByteClass.makeTable()
    }

    deinit { classes.deallocate() }

    func isAllowed(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if name.count <= 16 {
            var packed: PackedName? = nil
            for a in allowPacked where a.count == name.count {
                if packed == nil { packed = PackedName(name) }
                if a == packed { return true }
            }
            return false
        }
        for a in allowLong where a.count == name.count && a.elementsEqual(name) { return true }
        return false
    }
}
