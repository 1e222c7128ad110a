import ArgumentParser
import Foundation
import Throng

/// `throng query station`: how busy a station is at a time.
struct QueryStationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "station", abstract: "How busy a station is at a time: devices, people with a 95% interval, busyness.")

    @OptionGroup var options: QueryOptions
    @Argument(help: "Station: NaPTAN code, name (forgiving) or TfL hub code.")
    var station: String
    @Option(help: "When: 'YYYY-MM-DD HH:MM' local, 'HH:MM' (on the snapshot's first day), ISO-8601 or epoch ms.")
    var at: String
    @Option(help: "What to count: occupancy (busyness), platform, concourse, entries, exits, interchanges, pass_throughs.")
    var measure: String = "occupancy"

    func validate() throws {
        if StationMeasure(measure) == nil { throw ValidationError("--measure: unknown measure '\(measure)'") }
    }

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let match = try options.station(station, in: index)
            let time = try options.instant(at, option: "--at", in: index)
            let c = try index.crowding(at: match.station, StationMeasure(measure)!, time: time, basis: options.basis.value)
            let flows = c.source == .observed ? index.interchangeFlows(at: c.station, time: time) : []
            if options.json {
                var o = QueryJSON(index: index).crowding(c, requested: match.requested)
                o["interchangeFlows"] = flows.map { f -> [String: Any] in
                    ["fromLine": index.network.lines[f.fromLine.index], "toLine": index.network.lines[f.toLine.index],
                     "devices": f.devices ?? NSNull(), "people": f.people?.people ?? NSNull()]
                }
                options.printJSON(o)
                return
            }
            let text = QueryText(index: index)
            var rows: [(String, String)] = [("station", text.name(c.station) + (match.requested != c.station ? " (asked: \(text.name(match.requested)))" : ""))]
            rows.append(("time", text.window(c.reading) + " (\(c.source.rawValue), \(c.day.fullName))"))
            rows.append(("measure", c.measure.column))
            rows += text.reading(c.reading)
            for f in flows.prefix(5) {
                rows.append(("changing", "\(index.network.lines[f.fromLine.index]) → \(index.network.lines[f.toLine.index]): "
                    + (f.people.map { "\(text.number($0.people)) people" } ?? "suppressed")))
            }
            print(text.table(rows))
        }
    }
}
