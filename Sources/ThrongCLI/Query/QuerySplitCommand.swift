import ArgumentParser
import Throng

/// `throng query split`: the observed route split of an OD pair.
struct QuerySplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "split", abstract: "Which routes journeys between two stations took (observed, expected journeys and shares).")

    @OptionGroup var options: QueryOptions
    @Option(help: "Origin station.")
    var origin: String
    @Option(help: "Destination station.")
    var destination: String
    @Option(help: "Only the service day of this local date (YYYY-MM-DD); default: every day.")
    var date: String?

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let o = try options.station(origin, in: index), d = try options.station(destination, in: index)
            var dayStart: Int64?
            if let date {
                guard let t = index.localTime.parse(date + " 12:00") else { throw ValidationError("--date: expected YYYY-MM-DD") }
                dayStart = index.calendar.serviceDayStart(of: t)
            }
            let s = index.routeSplit(from: o.requested, to: d.requested, dayStart: dayStart)
            if options.json { options.printJSON(QueryJSON(index: index).split(s)); return }
            let text = QueryText(index: index)
            print("\(text.name(s.origin)) → \(text.name(s.destination)): \(s.days) day(s), \(s.routes.count) route(s)" + (s.suppressedCells > 0 ? ", \(s.suppressedCells) cell(s) suppressed (shares are of published journeys)" : ""))
            for r in s.routes {
                print("  \(text.pad(text.percent(r.share), 5)) \(text.pad(text.number(r.expectedJourneys, digits: 1), 8)) \(r.name)" + (r.suppressedDays > 0 ? " [suppressed on \(r.suppressedDays) day(s)]" : ""))
            }
        }
    }
}
