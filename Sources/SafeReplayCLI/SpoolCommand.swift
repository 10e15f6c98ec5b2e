import ArgumentParser
import SafeReplayModel
import SafeReplayUpload

/// `safereplay spool ls DIR`.
struct SpoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spool",
        abstract: "Inspect a spool directory.",
        subcommands: [SpoolListCommand.self]
    )
}

struct SpoolListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the batches waiting in a spool, with sizes and ages, and the quarantined and dead-lettered files."
    )

    @Argument(help: "The spool directory.")
    var directory: String

    @Flag(name: .long, help: "One JSON object instead of a table.")
    var json = false

    func run() throws {
        let listing = try SpoolListing(directory: directory)
        if json {
            print(Self.json(listing))
            return
        }
        print("batches: \(listing.batches.count) (\(listing.batchBytes) bytes)")
        for entry in listing.batches {
            let b = entry.batch
            print("  \(b.name)  \(b.byteCount) B  \(b.eventCount) events  session \(b.sessionId) #\(b.sequence)  age \(Self.age(entry.age))")
        }
        for (title, files) in [("in progress or stray", listing.strays), ("quarantined", listing.quarantined), ("dead-lettered", listing.deadLettered)] {
            print("\(title): \(files.count)")
            for file in files {
                print("  \(file.name)  \(file.byteCount) B  age \(Self.age(file.age))" + (file.reason.map { "  (\($0))" } ?? ""))
            }
        }
        if let losses = listing.pendingLosses, !losses.isEmpty {
            var w = JSONWriter()
            losses.encode(into: &w)
            print("losses not yet reported: \(w.string)")
        }
    }

    static func age(_ milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds / 1000)
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }

    static func json(_ listing: SpoolListing) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("directory"); w.string(listing.directory)
        w.key("batches")
        w.beginArray()
        for entry in listing.batches {
            let b = entry.batch
            w.beginObject()
            w.key("name"); w.string(b.name)
            w.key("batchId"); w.string(b.batchId)
            w.key("sessionId"); w.string(b.sessionId)
            w.key("sequence"); w.int(b.sequence)
            w.key("events"); w.int(b.eventCount)
            w.key("bytes"); w.int(b.byteCount)
            w.key("ageMs"); w.int64(entry.age)
            w.endObject()
        }
        w.endArray()
        for (key, files) in [("strays", listing.strays), ("quarantined", listing.quarantined), ("deadLettered", listing.deadLettered)] {
            w.key(key)
            w.beginArray()
            for file in files {
                w.beginObject()
                w.key("name"); w.string(file.name)
                w.key("bytes"); w.int(file.byteCount)
                w.key("ageMs"); w.int64(file.age)
                if let reason = file.reason { w.key("reason"); w.string(reason) }
                w.endObject()
            }
            w.endArray()
        }
        if let losses = listing.pendingLosses { w.key("pendingLosses"); losses.encode(into: &w) }
        w.endObject()
        return w.string
    }
}
