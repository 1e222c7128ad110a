import ArgumentParser

/// The `throng` command-line tool.
@main
struct ThrongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throng",
        abstract: "Crowding analytics for metro networks from depersonalised wifi connection logs.",
        version: "0.1.0",
        subcommands: ThrongCommand.registered
    )
}
