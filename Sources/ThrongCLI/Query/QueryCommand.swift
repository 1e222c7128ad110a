import ArgumentParser

/// `throng query`: crowding questions answered from a snapshot, as the library answers them.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask a snapshot how busy stations, links and routes are (times in the snapshot's local time, London by default).",
        discussion: """
            Times: `--at 2016-11-21 08:15` (local), `--at 08:15` (on the snapshot's first day), ISO-8601 with Z or an
            offset, or epoch ms. An instant the snapshot covers is answered from what was counted; any other from the
            typical level for its day of the week and quarter hour. Stations by NaPTAN code, name or TfL hub code.
            See docs/crowding.md for every definition.
            """,
        subcommands: [
            QueryStationCommand.self, QueryTypicalCommand.self, QueryBusiestCommand.self, QueryLinkCommand.self,
            QueryRouteCommand.self, QueryDepartCommand.self, QuerySplitCommand.self,
        ]
    )
}
