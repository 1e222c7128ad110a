package import ThrongCore
package import ThrongQuery

/// The JSON shapes of query-library results, shared by the `/v1/` API and the report
/// (documented in `Sources/ThrongServer/OpenAPI/openapi.json`).
///
/// Figures are rounded for publication: people and devices to 0.1, fractions to 0.0001.
package struct CrowdingJSON: Sendable {
    package let index: CrowdingIndex

    package init(index: CrowdingIndex) { self.index = index }

    package func time(_ w: inout JSONWriter, _ key: String, _ t: Int64) {
        w.object(key) { o in
            o.member("epochMillis", t)
            o.member("utc", Timestamp.iso8601(millis: t))
            o.member("local", index.localTime.describe(t))
        }
    }

    package func station(_ w: inout JSONWriter, _ key: String, _ id: StationID) {
        w.key(key)
        station(&w, id)
    }

    package func station(_ w: inout JSONWriter, _ id: StationID) {
        let s = index.station(id)
        w.object { o in
            o.member("naptan", s.naptan)
            o.member("name", s.name)
            o.member("displayName", s.displayName)
        }
    }

    package func people(_ w: inout JSONWriter, _ p: PeopleEstimate?) {
        w.key("people")
        guard let p else { w.null(); return }
        w.object { o in
            o.member("estimate", p.people, digits: 1)
            o.member("lower95", p.lower95, digits: 1)
            o.member("upper95", p.upper95, digits: 1)
            o.member("sampleDevices", p.devices, digits: 1)
            o.member("factor", p.factor, digits: 4)
        }
    }

    /// The members of a reading, into the object being written.
    package func readingMembers(_ o: inout JSONWriter, _ r: CrowdingReading, times: Bool = true) {
        if times {
            time(&o, "start", r.start)
            time(&o, "end", r.end)
            o.member("source", r.source.rawValue)
        }
        o.member("dayOfWeek", r.day.shortName)
        o.member("timeBand", TypicalBand.label(from: r.band, to: r.band + 1))
        o.member("dataAvailable", r.dataAvailable)
        o.member("unavailableReason", r.unavailable?.rawValue)
        o.member("typicalDays", r.typicalDays)
        o.member("devices", r.devices, digits: 1)
        people(&o, r.people)
        o.member("percentageOfBaseline", r.percentageOfBaseline, digits: 4)
        if times { o.member("relativeToUsual", r.relativeToUsual, digits: 4) }
        o.member("level", r.level?.rawValue)
    }

    /// A reading in brief: availability, people with the 95% interval, both busyness measures, level.
    package static func summaryMembers(_ x: inout JSONWriter, _ r: CrowdingReading) {
        x.member("dataAvailable", r.dataAvailable)
        x.member("people", r.people?.people, digits: 1)
        x.member("lower95", r.people?.lower95, digits: 1)
        x.member("upper95", r.people?.upper95, digits: 1)
        x.member("percentageOfBaseline", r.percentageOfBaseline, digits: 4)
        x.member("relativeToUsual", r.relativeToUsual, digits: 4)
        x.member("level", r.level?.rawValue)
    }

    package func crowding(_ w: inout JSONWriter, _ c: StationCrowding, requested: StationID) {
        w.object { o in
            station(&o, "station", c.station)
            if requested != c.station { station(&o, "requested", requested) }
            o.member("measure", c.measure.column)
            readingMembers(&o, c.reading)
        }
    }

    package func link(_ w: inout JSONWriter, _ c: LinkCrowding) {
        w.object { o in
            linkMembers(&o, c.link)
            readingMembers(&o, c.reading)
        }
    }

    package func linkMembers(_ o: inout JSONWriter, _ id: LinkID) {
        let l = index.network.links[id.index]
        o.object("link") { k in
            k.member("linkId", Int(id.rawValue))
            k.member("line", index.network.lines[l.line.index])
            k.member("direction", l.direction)
            station(&k, "from", l.from)
            station(&k, "to", l.to)
        }
    }

    package func typicalDay(_ w: inout JSONWriter, _ d: StationTypicalDay) {
        w.object { o in
            station(&o, "station", d.station)
            o.member("measure", d.measure.column)
            o.member("dayOfWeek", d.day.shortName)
            o.member("amPeakTimeBand", d.amPeak?.timeBand)
            o.member("pmPeakTimeBand", d.pmPeak?.timeBand)
            o.member("dataAvailable", d.dataAvailable)
            o.array("timeBands") { a in
                for b in d.bands { a.object { readingMembers(&$0, b.reading, times: false) } }
            }
        }
    }

    package func route(_ w: inout JSONWriter, _ r: RouteCrowding) {
        w.object { o in
            time(&o, "departure", r.departure)
            time(&o, "arrival", r.arrival)
            o.member("peakPeople", r.peakPeople, digits: 1)
            o.member("peakPercentageOfBaseline", r.peakPercentageOfBaseline, digits: 4)
            o.member("meanPercentageOfBaseline", r.meanPercentageOfBaseline, digits: 4)
            o.member("level", r.level?.rawValue)
            o.member("dataAvailable", r.dataAvailable)
            o.member("linksWithoutData", r.linksWithoutData)
            o.array("legs") { a in
                for leg in r.legs {
                    a.object { l in
                        switch leg.leg {
                        case .ride(let line, let from, let to, _):
                            l.member("mode", "ride")
                            l.member("line", index.network.lines[line.index])
                            station(&l, "from", from)
                            station(&l, "to", to)
                        case .walk(let from, let to, let minutes):
                            l.member("mode", "walk")
                            station(&l, "from", from)
                            station(&l, "to", to)
                            l.member("minutes", minutes)
                        }
                        time(&l, "start", leg.start)
                        time(&l, "end", leg.end)
                        l.member("busiestPeople", leg.busiest?.reading.people?.people, digits: 1)
                        l.array("links") { la in for c in leg.links { link(&la, c) } }
                    }
                }
            }
            o.array("stations") { a in for s in r.stations { crowding(&a, s, requested: s.station) } }
        }
    }

    package func split(_ w: inout JSONWriter, _ s: ODRouteSplit) {
        w.object { o in
            station(&o, "origin", s.origin)
            station(&o, "destination", s.destination)
            o.member("days", s.days)
            o.member("suppressedCells", s.suppressedCells)
            o.array("routes") { a in
                for r in s.routes {
                    a.object { x in
                        x.member("route", r.name)
                        x.member("path", r.path)
                        x.member("expectedJourneys", r.expectedJourneys, digits: 1)
                        x.member("share", r.share, digits: 4)
                        x.member("suppressedDays", r.suppressedDays)
                    }
                }
            }
        }
    }

    package func interchange(_ w: inout JSONWriter, _ f: InterchangeFlow) {
        w.object { o in
            o.member("fromLine", index.network.lines[f.fromLine.index])
            o.member("toLine", index.network.lines[f.toLine.index])
            time(&o, "start", f.start)
            time(&o, "end", f.end)
            o.member("suppressed", f.isSuppressed)
            o.member("devices", f.devices, digits: 1)
            people(&o, f.people)
        }
    }
}
