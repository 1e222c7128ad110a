import ArgumentParser
import Foundation
import Throng

/// `throng query depart`: the least crowded departure within a window.
struct QueryDepartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "depart", abstract: "The least crowded departure for a trip within a time window, and the crowding it avoids.")

    @OptionGroup var options: QueryOptions
    @OptionGroup var routeOptions: RouteOptions
    @Option(help: "Earliest departure (see `station --help`).")
    var after: String
    @Option(help: "Latest departure (exclusive).")
    var before: String
    @Option(help: "Minutes between departures tried.")
    var step: Int = 5

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let route = try routeOptions.route(in: index, options: options)
            let from = try options.instant(after, option: "--after", in: index)
            let to = try options.instant(before, option: "--before", in: index)
            let advice = try index.leastCrowdedDeparture(along: route, window: from..<max(from, to), stepMinutes: step, basis: options.basis.value)
            let json = QueryJSON(index: index)
            if options.json {
                options.printJSON([
                    "best": advice.best.map(json.route) ?? NSNull(), "first": json.route(advice.first),
                    "peopleAvoidedVersusFirst": advice.peopleAvoidedVersusFirst ?? NSNull(),
                    "peopleAvoidedVersusWorst": advice.peopleAvoidedVersusWorst ?? NSNull(),
                    "candidates": advice.candidates.map { ["departure": json.time($0.departure), "peakPeople": $0.peakPeople ?? NSNull(), "dataAvailable": $0.dataAvailable] as [String: Any] },
                ])
                return
            }
            let text = QueryText(index: index)
            for c in advice.candidates {
                let mark = c.departure == advice.best?.departure ? "  ← least crowded" : ""
                print("\(index.localTime.clock(c.departure))  peak \(text.pad(text.number(c.peakPeople), 6)) \(text.bar(Double(c.peakPeople ?? 0) / Double(max(1, advice.worst?.peakPeople ?? 1)), width: 30))\(c.dataAvailable ? "" : " (incomplete data)")\(mark)")
            }
            guard let best = advice.best else { print("no departure in the window has data for every link"); return }
            print("")
            print(RouteText(index: index).describe(best))
            print("avoids \(text.number(advice.peopleAvoidedVersusFirst)) people at the busiest point versus leaving at \(index.localTime.clock(advice.first.departure)), \(text.number(advice.peopleAvoidedVersusWorst)) versus the worst departure")
        }
    }
}
