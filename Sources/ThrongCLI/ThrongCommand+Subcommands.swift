import ArgumentParser

extension ThrongCommand {
    /// Subcommands, in the order `throng --help` lists them.
    static let registered: [any ParsableCommand.Type] = [
        SimulateCommand.self,
        NetworkCommand.self,
    ]
}
