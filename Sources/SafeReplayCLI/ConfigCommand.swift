import ArgumentParser
import Foundation
import SafeReplay

/// `safereplay config validate|hash FILE`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate and hash policy documents.",
        subcommands: [Validate.self, Hash.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy document; print every problem with its JSON path.",
            discussion: "Exits 0 when the policy is valid, 65 (EX_DATAERR) otherwise."
        )

        @Argument(help: "The policy document (JSON).")
        var file: String

        func run() throws {
            let policy = try loadPolicy(at: file)
            print("valid: \(file) (version \(policy.version), sha256 \(policy.hash))")
        }
    }

    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the policy's SHA-256 over its canonical form (what batches are stamped with)."
        )

        @Argument(help: "The policy document (JSON).")
        var file: String

        func run() throws {
            print(try loadPolicy(at: file).hash)
        }
    }
}

/// Loads a policy file, printing every problem to stderr and exiting 65 when invalid.
func loadPolicy(at path: String) throws -> Policy {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("\(path): cannot read the file")
        throw ExitCode(66)
    }
    do {
        return try Policy.load([UInt8](data))
    } catch {
        for issue in error.issues { printError("\(path): \(issue)") }
        throw ExitCode(65)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
