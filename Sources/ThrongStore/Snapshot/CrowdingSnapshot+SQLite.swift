public import ThrongCore

extension CrowdingSnapshot {
    /// Writes the snapshot and the network it refers to as a SQLite file, atomically.
    ///
    /// The file follows ``CrowdingSnapshotSchema`` (documented in `docs/schema.md`): network
    /// tables (lines, stations with NaPTAN codes and names, links) so the file is
    /// self-describing, one table per aggregate, and the run record (quality figures,
    /// rejections, input manifest, parameters). `throng_meta` holds `format`,
    /// `schema_version`, `bin_millis`, `disclosure_threshold` and the caller's `metadata`.
    /// Suppressed cells are `NULL`. Equal snapshots give byte-identical files.
    ///
    /// - Parameters:
    ///   - path: the file to create or replace (the previous file survives any failure).
    ///   - network: the network whose station, line and link indices the rows use.
    ///   - metadata: extra `throng_meta` entries (e.g. the engine version).
    /// - Throws: ``ThrongStoreError/Code/invalidArgument`` if a row refers to a station, line
    ///   or link not in `network`; other ``ThrongStoreError``s from SQLite or the file system.
    public func writeSQLite(to path: String, network: Network, metadata: [String: String] = [:]) throws {
        try checkReferences(network)
        var meta = metadata
        meta["bin_millis"] = String(binMillis)
        meta["disclosure_threshold"] = String(disclosureThreshold)
        try SnapshotFileWriter.write(to: path, format: CrowdingSnapshotSchema.format, metadata: meta) { db in
            try writeNetwork(network, db)
            try writeAggregates(db)
            try writeRunRecord(db)
            try writePeopleAndViews(db)
        }
    }

    private func writeNetwork(_ network: Network, _ db: borrowing SQLiteConnection) throws {
        typealias S = CrowdingSnapshotSchema
        try db.writeTable(S.lines, rows: network.lines.enumerated().map { [.integer(Int64($0.offset)), .text($0.element)] })
        try db.writeTable(S.stations) { w in
            for (i, s) in network.stations.enumerated() {
                try w.insert { r in
                    try r.bind(i, at: 1)
                    try r.bind(s.naptan, at: 2)
                    try r.bind(s.name, at: 3)
                    try r.bind(s.nlc.map(Int64.init), at: 4)
                    try r.bind(s.countsNLC.map(Int64.init), at: 5)
                    try r.bind(s.latitude, at: 6)
                    try r.bind(s.longitude, at: 7)
                    try r.bind(s.fareZones.map(String.init).joined(separator: "/"), at: 8)
                    try r.bind(s.innermostZone, at: 9)
                    try r.bind(s.platforms, at: 10)
                }
            }
        }
        try db.writeTable(S.stationLines) { w in
            for (i, s) in network.stations.enumerated() {
                for line in Set(s.lines).sorted() { try w.insert([.integer(Int64(i)), .integer(Int64(line.rawValue))]) }
            }
        }
        try db.writeTable(S.links) { w in
            for (i, l) in network.links.enumerated() {
                try w.insert { r in
                    try r.bind(i, at: 1)
                    try r.bind(Int(l.line.rawValue), at: 2)
                    try r.bind(l.direction, at: 3)
                    try r.bind(l.from.index, at: 4)
                    try r.bind(l.to.index, at: 5)
                    try r.bind(l.distanceKm, at: 6)
                    try r.bind(l.runningMinutes.unimpeded, at: 7)
                    try r.bind(l.runningMinutes.amPeak, at: 8)
                    try r.bind(l.runningMinutes.interPeak, at: 9)
                    try r.bind(l.note, at: 10)
                }
            }
        }
    }

    private func writeAggregates(_ db: borrowing SQLiteConnection) throws {
        typealias S = CrowdingSnapshotSchema
        try db.writeTable(S.stationBins) { w in
            for row in stationBins {
                try w.insert { r in
                    try r.bind(row.station.index, at: 1)
                    try r.bind(row.binStart, at: 2)
                    try r.bind(row.occupancy.map(Int64.init), at: 3)
                    try r.bind(row.platformOccupancy.map(Int64.init), at: 4)
                    try r.bind(row.concourseOccupancy.map(Int64.init), at: 5)
                    try r.bind(row.entries.map(Int64.init), at: 6)
                    try r.bind(row.exits.map(Int64.init), at: 7)
                    try r.bind(row.interchanges.map(Int64.init), at: 8)
                    try r.bind(row.passThroughs.map(Int64.init), at: 9)
                }
            }
        }
        try db.writeTable(S.originDestination) { w in
            for row in originDestination {
                try w.insert { r in
                    try r.bind(row.dayStart, at: 1)
                    try r.bind(row.origin.index, at: 2)
                    try r.bind(row.destination.index, at: 3)
                    try r.bind(row.journeys.map(Int64.init), at: 4)
                }
            }
        }
        try db.writeTable(S.routeSplits) { w in
            for row in routeSplits {
                try w.insert { r in
                    try r.bind(row.dayStart, at: 1)
                    try r.bind(row.origin.index, at: 2)
                    try r.bind(row.destination.index, at: 3)
                    try r.bind(row.route, at: 4)
                    try r.bind(row.path, at: 5)
                    try r.bind(row.journeys?.value, at: 6)
                    try r.bind(row.journeys?.micros, at: 7)
                    try r.bind(row.share, at: 8)
                }
            }
        }
        try db.writeTable(S.linkLoads) { w in
            for row in linkLoads {
                try w.insert { r in
                    try r.bind(row.link.index, at: 1)
                    try r.bind(row.binStart, at: 2)
                    try r.bind(row.devices?.value, at: 3)
                    try r.bind(row.devices?.micros, at: 4)
                }
            }
        }
        try db.writeTable(S.interchangeFlows) { w in
            for row in interchangeFlows {
                try w.insert { r in
                    try r.bind(row.station.index, at: 1)
                    try r.bind(row.binStart, at: 2)
                    try r.bind(row.fromLine.index, at: 3)
                    try r.bind(row.toLine.index, at: 4)
                    try r.bind(row.devices?.value, at: 5)
                    try r.bind(row.devices?.micros, at: 6)
                }
            }
        }
        try db.writeTable(S.distributions) { w in
            for row in distributions {
                try w.insert { r in
                    try r.bind(row.dayStart, at: 1)
                    try r.bind(row.metric.rawValue, at: 2)
                    try r.bind(row.station.map { Int64($0.index) }, at: 3)
                    try r.bind(row.count.map(Int64.init), at: 4)
                    try r.bind(row.medianSeconds, at: 5)
                    try r.bind(row.p90Seconds, at: 6)
                }
            }
        }
        try db.writeTable(S.stationHourEvents) { w in
            for row in eventsPerStationHour {
                try w.insert { r in
                    try r.bind(row.station.index, at: 1)
                    try r.bind(row.hourStart, at: 2)
                    try r.bind(row.events.map(Int64.init), at: 3)
                }
            }
        }
        try db.writeTable(S.passengerEstimates) { w in
            for row in passengerEstimates {
                try w.insert { r in
                    try r.bind(row.dayStart, at: 1)
                    try r.bind(row.station.index, at: 2)
                    try r.bind(row.direction.rawValue, at: 3)
                    try r.bind(row.sampleDevices.map(Int64.init), at: 4)
                    try r.bind(row.expansionFactor, at: 5)
                    try r.bind(row.factorSource, at: 6)
                    try r.bind(row.estimate, at: 7)
                    try r.bind(row.lower, at: 8)
                    try r.bind(row.upper, at: 9)
                }
            }
        }
    }

    private func writeRunRecord(_ db: borrowing SQLiteConnection) throws {
        typealias S = CrowdingSnapshotSchema
        let q = quality
        let parameterRows: [[SQLiteValue]] = q.parameters.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] }
        if let privacy {
            // A private release publishes no line or device accounting (it cannot be bounded
            // per device): the input manifest keeps paths and file problems only.
            try db.writeTable(S.quality, rows: [])
            try db.writeTable(S.rejections, rows: [])
            try db.writeTable(S.inputFiles, rows: q.inputs.enumerated().map { i, f in
                // The problem's reason code only: its byte offset could be a file's size.
                [.integer(Int64(i)), .text(f.path), .null, .null, .null, .null, .null,
                 f.problem.map { .text(String($0.prefix { $0 != " " && $0 != ":" })) } ?? .null]
            })
            try db.writeTable(S.runParameters, rows: parameterRows)
            try db.writeTable(S.privacyNoise, rows: privacy.measures.sorted { $0.measure.rawValue < $1.measure.rawValue }.map { m in
                [.text(m.measure.rawValue), .text(m.measure.table), .real(m.sensitivity), .real(m.sigma), m.threshold.map { .real($0) } ?? .null]
            })
            return
        }
        try db.writeTable(S.privacyNoise, rows: [])
        let totals: [(String, Int)] = [
            ("lines_read", q.linesRead), ("accepted", q.accepted), ("rejected", q.rejected),
            ("outside_window", q.outsideWindow), ("duplicates_collapsed", q.duplicatesCollapsed),
            ("devices", q.devices), ("passenger_devices", q.passengerDevices), ("resident_devices", q.residentDevices),
            ("passer_by_devices", q.passerByDevices), ("journeys", q.journeys), ("journeys_both_ends", q.journeysBothEnds),
            ("implausible_devices", q.implausibleDevices), ("implausible_device_events", q.implausibleDeviceEvents),
            ("mac_changes_joined", q.macChangesJoined),
        ]
        try db.writeTable(S.quality, rows: totals.sorted { $0.0 < $1.0 }.map { [.text($0.0), .integer(Int64($0.1))] })
        try db.writeTable(S.rejections, rows: q.rejectedByReason.sorted { $0.key < $1.key }.map { [.text($0.key), .integer(Int64($0.value))] })
        try db.writeTable(S.inputFiles) { w in
            for (i, f) in q.inputs.enumerated() {
                try w.insert { r in
                    try r.bind(i, at: 1)
                    try r.bind(f.path, at: 2)
                    try r.bind(f.bytes, at: 3)
                    try r.bind(f.hash, at: 4)
                    try r.bind(f.lines, at: 5)
                    try r.bind(f.accepted, at: 6)
                    try r.bind(f.rejected, at: 7)
                    try r.bind(f.problem, at: 8)
                }
            }
        }
        try db.writeTable(S.runParameters, rows: parameterRows)
    }

    /// Checks every station, line and link index in the rows exists in `network`.
    private func checkReferences(_ network: Network) throws(ThrongStoreError) {
        let stations = network.stations.count, lines = network.lines.count, links = network.links.count
        func bad(_ what: String, _ table: String) -> ThrongStoreError {
            ThrongStoreError(.invalidArgument, "\(table): \(what) is not in the network (\(stations) stations, \(lines) lines, \(links) links)")
        }
        for r in stationBins where r.station.index >= stations { throw bad("station \(r.station)", "station_bins") }
        for r in originDestination where r.origin.index >= stations || r.destination.index >= stations {
            throw bad("station \(r.origin)/\(r.destination)", "origin_destination")
        }
        for r in routeSplits where r.origin.index >= stations || r.destination.index >= stations {
            throw bad("station \(r.origin)/\(r.destination)", "route_splits")
        }
        for r in linkLoads where r.link.index >= links { throw bad("link \(r.link.rawValue)", "link_loads") }
        for r in interchangeFlows where r.station.index >= stations || r.fromLine.index >= lines || r.toLine.index >= lines {
            throw bad("station \(r.station) or line \(r.fromLine)/\(r.toLine)", "interchange_flows")
        }
        for r in distributions where (r.station?.index ?? 0) >= stations { throw bad("station \(r.station!)", "distributions") }
        for r in eventsPerStationHour where r.station.index >= stations { throw bad("station \(r.station)", "station_hour_events") }
        for r in passengerEstimates where r.station.index >= stations { throw bad("station \(r.station)", "passenger_estimates") }
    }
}
