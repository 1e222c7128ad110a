import ArgumentParser
import Foundation

/// The `throng` command-line tool.
@main
struct ThrongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throng",
        abstract: "Crowding analytics for metro networks from depersonalised wifi connection logs.",
        discussion: "Exit statuses: 0 done; 3 done but some inputs had problems; 64 usage; 65 data error; 66 no input; 70 internal; 73 cannot create output; 74 I/O error (docs/formats.md).",
        version: "0.1.0",
        subcommands: ThrongCommand.registered
    )

    /// Parses and runs; with `--json` anywhere on the command line, command-line errors are
    /// reported as one JSON object on standard error too.
    static func main() {
        let json = CommandLine.arguments.dropFirst().contains("--json")
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if json, code != .success, !message.isEmpty {
                let object: [String: Any] = ["error": ["code": "usage", "message": message, "exitStatus": Int(code.rawValue)]]
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    FileHandle.standardError.write(data + Data("\n".utf8))
                }
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
