import ArgumentParser
import Throng

/// Options naming a planned route: a path, or an OD pair whose most used observed route is taken.
struct RouteOptions: ParsableArguments {
    @Option(help: "Stations and lines separated by '>', e.g. \"King's Cross St Pancras>Victoria>Green Park>Jubilee>Waterloo\".")
    var path: String?
    @Option(help: "Origin station (with --destination: the most used observed route between them).")
    var origin: String?
    @Option(help: "Destination station.")
    var destination: String?

    func validate() throws {
        if path == nil && (origin == nil || destination == nil) { throw ValidationError("give --path, or --origin and --destination") }
        if path != nil && (origin != nil || destination != nil) { throw ValidationError("give --path or --origin/--destination, not both") }
    }

    func route(in index: CrowdingIndex, options: QueryOptions) throws -> PlannedRoute {
        if let path { return try PlannedRoute(path: path, in: index) }
        let o = try options.station(origin!, in: index), d = try options.station(destination!, in: index)
        let split = index.routeSplit(from: o.requested, to: d.requested)
        guard let top = split.routes.first(where: { $0.expectedJourneys != nil }) else {
            throw QueryFailure(ThrongQueryError(.invalidRoute, "the snapshot has no published route from \(index.station(o.station).displayName) to \(index.station(d.station).displayName); give --path"))
        }
        return try PlannedRoute(path: top.path, in: index)
    }
}

/// `throng query route`: crowding along a planned route at a departure time.
struct QueryRouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "route", abstract: "Crowding along a route departing at a time, per leg and for the whole trip.")

    @OptionGroup var options: QueryOptions
    @OptionGroup var routeOptions: RouteOptions
    @Option(help: "Departure from the origin platform (see `station --help`).")
    var depart: String

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let route = try routeOptions.route(in: index, options: options)
            let time = try options.instant(depart, option: "--depart", in: index)
            let r = try index.crowding(along: route, departure: time, basis: options.basis.value)
            if options.json { options.printJSON(QueryJSON(index: index).route(r)); return }
            print(RouteText(index: index).describe(r))
        }
    }
}

/// Text for a route's crowding.
struct RouteText {
    let index: CrowdingIndex

    func describe(_ r: RouteCrowding) -> String {
        let text = QueryText(index: index)
        var lines = ["\(text.name(r.route.origin)) → \(text.name(r.route.destination)), depart \(index.localTime.describe(r.departure)), arrive \(index.localTime.clock(r.arrival))"]
        for leg in r.legs {
            switch leg.leg {
            case .ride(let line, let from, let to, let links):
                let busiest = leg.busiest.map { "busiest \(text.number($0.people?.people)) people (\(text.percent($0.percentageOfBaseline)))" } ?? "no data"
                lines.append("  \(index.localTime.clock(leg.start))  \(index.network.lines[line.index]): \(text.name(from)) → \(text.name(to)), \(links.count) stops, \(busiest)")
            case .walk(let from, let to, let minutes):
                lines.append("  \(index.localTime.clock(leg.start))  walk \(text.name(from)) → \(text.name(to)), \(Int(minutes)) min")
            }
        }
        lines.append("  trip: at most \(text.number(r.peakPeople)) people on a link; highest share of a link's baseline \(text.percent(r.peakPercentageOfBaseline))\(r.level.map { " (\($0))" } ?? ""), mean \(text.percent(r.meanPercentageOfBaseline))" + (r.linksWithoutData > 0 ? "; \(r.linksWithoutData) link(s) without data" : ""))
        return lines.joined(separator: "\n")
    }
}
