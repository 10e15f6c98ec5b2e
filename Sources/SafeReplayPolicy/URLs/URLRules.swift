/// A policy's URL settings compiled for scanning.
// Unchecked: the tables are written once in `init` and only read after, from any thread.
final class URLRules: @unchecked Sendable {
    let keepPaths: [RoutePattern]
    let flag: URLCanonicalizer.Flagger?
    /// What a scan reads per byte and per name, in memory this object owns.
    let tables: URLTables

    init(settings: URLSettings, flag: URLCanonicalizer.Flagger?) {
        keepPaths = settings.keepPaths
        self.flag = flag
        tables = URLTables(
            classes: URLByteClass.makeTable(), fold: CredentialNames.makeFoldTable(),
            allowed: AllowedNames(settings.allowParameters), hasDetector: flag != nil)
    }

    deinit {
        tables.classes.deallocate()
        tables.fold.deallocate()
        tables.allowed.deallocate()
    }
}

/// The tables of a `URLRules` as raw pointers, copied into every scan: its inner loops read
/// them without bounds checks, and calls with them cost no reference counting.
struct URLTables {
    /// `URLByteClass` bits by byte value.
    let classes: UnsafeMutablePointer<UInt16>
    /// Parameter-name normalization by byte value (see `CredentialNames`).
    let fold: UnsafeMutablePointer<UInt8>
    let allowed: AllowedNames
    let hasDetector: Bool
}
