/// The scan's two lookup tables, read once when a detector is built: from `PIIScan.init`
/// the two lazy globals cost two `swift_once` checks per string scanned.
///
/// Both point to memory written once before first use and never again, so sharing them
/// across threads is safe.
struct ScanTables: @unchecked Sendable {
    let classes: UnsafePointer<UInt8>
    let tailFilter: UnsafePointer<UInt8>

    init() {
        classes = ByteClass.table
        tailFilter = PIIScan.keywordTailFilter
    }
}
