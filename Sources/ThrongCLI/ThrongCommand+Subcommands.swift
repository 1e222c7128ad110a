import ArgumentParser

extension ThrongCommand {
    /// Subcommands, in the order `throng --help` lists them.
    static let registered: [any ParsableCommand.Type] = [
        BatchCommand.self,
        LiveCommand.self,
        ServeCommand.self,
        ReportCommand.self,
        ReplayCommand.self,
        SimulateCommand.self,
        NetworkCommand.self,
        EvaluateCommand.self,
        ReadCommand.self,
        QueryCommand.self,
        ExportCommand.self,
    ]
}
