import ArgumentParser
import Throng

/// `throng query link`: the load on the links of a line between two stations.
struct QueryLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "How busy a line is between two stations (each link, in the direction of travel).")

    @OptionGroup var options: QueryOptions
    @Option(help: "The line, e.g. Victoria.")
    var line: String
    @Option(help: "The station the train leaves.")
    var from: String
    @Option(help: "The station it reaches (adjacent or further along the line).")
    var to: String
    @Option(help: "When (see `station --help`).")
    var at: String

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            guard let lineID = index.network.line(named: line) else {
                throw QueryFailure(ThrongQueryError(.unknownLink, "no line is called '\(line)'", suggestions: index.network.lines))
            }
            let a = try options.station(from, in: index).requested, b = try options.station(to, in: index).requested
            let time = try options.instant(at, option: "--at", in: index)
            let links = try index.links(line: lineID, from: a, to: b)
            let readings = try links.map { l throws(ThrongQueryError) in try index.crowding(onLink: l, time: time, basis: options.basis.value) }
            if options.json { options.printJSON(["links": readings.map(QueryJSON(index: index).link)]); return }
            let text = QueryText(index: index)
            print("\(index.network.lines[lineID.index]) line, \(text.name(a)) → \(text.name(b)), \(text.window(readings[0].reading)) (\(readings[0].source.rawValue))")
            for r in readings {
                let l = index.network.links[r.link.index]
                let figures = r.dataAvailable
                    ? "\(text.people(r.people)) people  \(text.percent(r.percentageOfBaseline)) \(r.level.map { "(\($0))" } ?? "")"
                    : "not available (\(r.unavailable?.rawValue ?? "-"))"
                print("  \(text.pad(text.name(l.from) + " → " + text.name(l.to) + " " + l.direction, 48)) \(figures)")
            }
        }
    }
}
