import ThrongCore

extension CrowdingSnapshot {
    /// The run's calendar, from its recorded parameters (Europe/London, 04:30 by default).
    var recordedCalendar: ServiceCalendar {
        let zone = quality.parameters["time_zone"].flatMap(TimeZoneRule.init) ?? .europeLondon
        let start = quality.parameters["service_day_start_minute"].flatMap(Int.init) ?? 270
        return ServiceCalendar(timeZone: zone, dayStartMinute: start)
    }

    /// Writes `station_bin_people`, `link_load_people` and `local_time_offsets`, then the named views.
    func writePeopleAndViews(_ db: borrowing SQLiteConnection) throws {
        typealias S = CrowdingSnapshotSchema
        let calendar = recordedCalendar
        let expansion = PeopleExpansion(passengerEstimates)
        // A private release's noise widens the intervals (0 for an exact release).
        let sigmas = [PublishedMeasure.occupancy, .platformOccupancy, .entries, .exits].map { privacy?.sigma($0) ?? 0 }
        let linkSigma = privacy?.sigma(.linkLoads) ?? 0
        try db.writeTable(S.stationBinPeople) { w in
            for row in stationBins {
                let f = expansion.stationFactor(row.station, dayStart: calendar.serviceDayStart(of: row.binStart))
                try w.insert { r in
                    try r.bind(row.station.index, at: 1)
                    try r.bind(row.binStart, at: 2)
                    try r.bind(f, at: 3)
                    for (i, count) in [row.occupancy, row.platformOccupancy, row.entries, row.exits].enumerated() {
                        let e = count.map { PeopleExpansion.estimate(devices: Double($0), factor: f, noiseSigma: sigmas[i]) }
                        try r.bind(e?.people, at: Int32(4 + 3 * i))
                        try r.bind(e?.lower, at: Int32(5 + 3 * i))
                        try r.bind(e?.upper, at: Int32(6 + 3 * i))
                    }
                }
            }
        }
        try db.writeTable(S.linkLoadPeople) { w in
            for row in linkLoads {
                let f = expansion.linkFactor(dayStart: calendar.serviceDayStart(of: row.binStart))
                let e = row.devices.map { PeopleExpansion.estimate(devices: $0.value, factor: f, noiseSigma: linkSigma) }
                try w.insert { r in
                    try r.bind(row.link.index, at: 1)
                    try r.bind(row.binStart, at: 2)
                    try r.bind(f, at: 3)
                    try r.bind(e?.people, at: 4)
                    try r.bind(e?.lower, at: 5)
                    try r.bind(e?.upper, at: 6)
                }
            }
        }
        try db.writeTable(S.localTimeOffsets) { w in
            for span in offsetSpans(calendar.timeZone) {
                try w.insert { r in
                    try r.bind(span.start, at: 1)
                    try r.bind(span.end, at: 2)
                    try r.bind(span.minutes, at: 3)
                    try r.bind(calendar.timeZone.description, at: 4)
                }
            }
        }
        for view in S.views { try db.exec("CREATE VIEW \(view.name) AS \(view.select)") }
    }

    /// Runs of equal UTC offset from two days before the first row to two days after the last
    /// (hour resolution: clock changes happen on the hour).
    private func offsetSpans(_ zone: TimeZoneRule) -> [(start: Int64, end: Int64, minutes: Int)] {
        let times = stationBins.map(\.binStart) + linkLoads.map(\.binStart) + eventsPerStationHour.map(\.hourStart)
            + originDestination.map(\.dayStart) + passengerEstimates.map(\.dayStart)
        guard let lo = times.min(), let hi = times.max() else { return [] }
        let hour: Int64 = 3_600_000
        let start = (lo - 2 * 86_400_000).floorDiv(hour) * hour, end = (hi + 2 * 86_400_000).floorDiv(hour) * hour
        var spans: [(start: Int64, end: Int64, minutes: Int)] = []
        var t = start
        while t < end {
            let m = Int(zone.offsetMillis(at: t) / 60_000)
            if let last = spans.last, last.minutes == m { spans[spans.count - 1].end = t + hour } else { spans.append((t, t + hour, m)) }
            t += hour
        }
        return spans
    }
}
