public import ThrongCore

extension CrowdingIndex {
    /// The observed route split of journeys from `origin` to `destination`, over every service
    /// day of the index or only the one starting at `dayStart`.
    public func routeSplit(from origin: StationID, to destination: StationID, dayStart: Int64? = nil) -> ODRouteSplit {
        // Route splits are the requested stations' own (Monument's journeys are Monument's).
        let key = UInt32(origin.rawValue) << 16 | UInt32(destination.rawValue)
        let day = dayStart.flatMap { timeline.day(startingAt: $0) }
        var byPath: [String: (name: String, micros: Int64, published: Bool, suppressed: Int)] = [:]
        var days = Set<Int32>()
        var suppressed = 0
        for cell in splits[key] ?? [] where dayStart == nil || Int(cell.day) == day {
            days.insert(cell.day)
            var entry = byPath[cell.path] ?? (cell.route, 0, false, 0)
            if cell.micros < 0 { entry.suppressed += 1; suppressed += 1 } else { entry.micros += cell.micros; entry.published = true }
            byPath[cell.path] = entry
        }
        let total = byPath.values.reduce(Int64(0)) { $0 + $1.micros }
        let routes = byPath.map { path, e in
            ODRouteSplit.Route(
                name: e.name, path: path, expectedJourneys: e.published ? Double(e.micros) / 1e6 : nil,
                share: e.published && total > 0 ? Double(e.micros) / Double(total) : nil, suppressedDays: e.suppressed
            )
        }.sorted { ($0.expectedJourneys ?? -1, $1.path) > ($1.expectedJourneys ?? -1, $0.path) }
        return ODRouteSplit(origin: origin, destination: destination, routes: routes, days: days.count, suppressedCells: suppressed)
    }
}
