import Foundation
import Throng

/// JSON objects for query results (`--json`), with local and UTC times.
struct QueryJSON {
    let index: CrowdingIndex

    func optional(_ v: Double?) -> Any { v.map { $0 as Any } ?? NSNull() }

    func time(_ t: Int64) -> [String: Any] {
        ["epochMillis": t, "utc": Timestamp.iso8601(millis: t), "local": index.localTime.describe(t)]
    }

    func station(_ id: StationID) -> [String: Any] {
        let s = index.station(id)
        return ["naptan": s.naptan, "name": s.name, "displayName": s.displayName]
    }

    func reading(_ r: CrowdingReading) -> [String: Any] {
        var o: [String: Any] = [
            "start": time(r.start), "end": time(r.end), "source": r.source.rawValue, "dayOfWeek": r.day.shortName,
            "timeBand": TypicalBand.label(from: r.band, to: r.band + 1), "dataAvailable": r.dataAvailable,
            "typicalDays": r.typicalDays,
            "devices": optional(r.devices), "percentageOfBaseline": optional(r.percentageOfBaseline),
            "relativeToUsual": optional(r.relativeToUsual), "level": r.level?.rawValue ?? NSNull(),
            "unavailableReason": r.unavailable?.rawValue ?? NSNull(),
        ]
        if let p = r.people {
            o["people"] = ["estimate": p.people, "lower95": p.lower95, "upper95": p.upper95, "sampleDevices": p.devices, "factor": p.factor]
        } else {
            o["people"] = NSNull()
        }
        return o
    }

    func crowding(_ c: StationCrowding, requested: StationID) -> [String: Any] {
        var o = reading(c.reading)
        o["station"] = station(c.station)
        o["measure"] = c.measure.column
        if requested != c.station { o["requested"] = station(requested) }
        return o
    }

    func link(_ c: LinkCrowding) -> [String: Any] {
        let l = index.network.links[c.link.index]
        var o = reading(c.reading)
        o["link"] = [
            "linkId": Int(c.link.rawValue), "line": index.network.lines[l.line.index], "direction": l.direction,
            "from": station(l.from), "to": station(l.to),
        ] as [String: Any]
        return o
    }

    func band(_ b: TypicalBand) -> [String: Any] {
        var o = reading(b.reading)
        o.removeValue(forKey: "start"); o.removeValue(forKey: "end"); o.removeValue(forKey: "source"); o.removeValue(forKey: "relativeToUsual")
        return o
    }

    func typicalDay(_ d: StationTypicalDay) -> [String: Any] {
        [
            "station": station(d.station), "measure": d.measure.column, "dayOfWeek": d.day.shortName,
            "amPeakTimeBand": d.amPeak?.timeBand ?? NSNull(), "pmPeakTimeBand": d.pmPeak?.timeBand ?? NSNull(),
            "dataAvailable": d.dataAvailable, "timeBands": d.bands.map(band),
        ]
    }

    func route(_ r: RouteCrowding) -> [String: Any] {
        [
            "departure": time(r.departure), "arrival": time(r.arrival),
            "peakPeople": optional(r.peakPeople), "peakPercentageOfBaseline": optional(r.peakPercentageOfBaseline),
            "meanPercentageOfBaseline": optional(r.meanPercentageOfBaseline), "level": r.level?.rawValue ?? NSNull(),
            "dataAvailable": r.dataAvailable, "linksWithoutData": r.linksWithoutData,
            "legs": r.legs.map { leg -> [String: Any] in
                var o: [String: Any] = ["start": time(leg.start), "end": time(leg.end), "links": leg.links.map(link)]
                switch leg.leg {
                case .ride(let line, let from, let to, _):
                    o["mode"] = "ride"; o["line"] = index.network.lines[line.index]; o["from"] = station(from); o["to"] = station(to)
                case .walk(let from, let to, let minutes):
                    o["mode"] = "walk"; o["from"] = station(from); o["to"] = station(to); o["minutes"] = minutes
                }
                o["busiestPeople"] = optional(leg.busiest?.people?.people)
                return o
            },
            "stations": r.stations.map { crowding($0, requested: $0.station) },
        ]
    }

    func split(_ s: ODRouteSplit) -> [String: Any] {
        [
            "origin": station(s.origin), "destination": station(s.destination), "days": s.days, "suppressedCells": s.suppressedCells,
            "routes": s.routes.map { r -> [String: Any] in
                ["route": r.name, "path": r.path, "expectedJourneys": optional(r.expectedJourneys), "share": optional(r.share), "suppressedDays": r.suppressedDays]
            },
        ]
    }
}
