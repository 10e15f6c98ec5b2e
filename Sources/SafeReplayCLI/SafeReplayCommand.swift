import ArgumentParser

@main
struct SafeReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safereplay",
        abstract: "SafeReplay: privacy-first session-replay capture core.",
        subcommands: [
            ConfigCommand.self,
            UploadCommand.self,
            ExportCommand.self,
            SpoolCommand.self,
            ScrubCommand.self,
            SanitizeCommand.self,
            RecordCommand.self,
            DemoCommand.self,
        ]
    )
}
