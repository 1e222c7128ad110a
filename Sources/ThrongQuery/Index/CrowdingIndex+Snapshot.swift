public import ThrongCore
import Dispatch
import Synchronization
import ThrongStore

extension CrowdingIndex {
    /// Opens a snapshot file written by `throng batch` and loads it into memory.
    ///
    /// The file is read once and closed; the index does not change if the file is replaced later.
    /// - Throws: ``ThrongQueryError/Code/cannotLoad`` when the file cannot be opened, is not a
    ///   crowding snapshot, or has another schema version (the message says which).
    public convenience init(snapshotPath path: String, bands: BusynessBands = BusynessBands()) throws(ThrongQueryError) {
        do {
            let reader = try SnapshotReader(path: path, format: CrowdingSnapshotSchema.format)
            let builder = try Self.load(reader)
            self.init(building: builder, bands: bands)
        } catch let error as ThrongStoreError {
            throw ThrongQueryError(.cannotLoad, "cannot load snapshot \(path): \(error.message)", cause: error)
        } catch let error as ThrongQueryError {
            throw error
        } catch {
            throw ThrongQueryError(.cannotLoad, "cannot load snapshot \(path): \(error)")
        }
    }

    /// Builds an index from an engine snapshot value (the live engine's published state).
    public convenience init(snapshot: CrowdingSnapshot, network: Network, calendar: ServiceCalendar, bands: BusynessBands = BusynessBands()) {
        let times = snapshot.stationBins.map(\.binStart) + snapshot.linkLoads.map(\.binStart)
        var b = CrowdingIndexBuilder(
            network: IndexedNetwork(network), calendar: calendar, binMillis: snapshot.binMillis,
            disclosureThreshold: snapshot.disclosureThreshold, earliest: times.min(), latest: times.max()
        )
        for r in snapshot.stationBins {
            b.addStationBin(station: r.station.index, binStart: r.binStart, values: [
                r.occupancy, r.platformOccupancy, r.concourseOccupancy, r.entries, r.exits, r.interchanges, r.passThroughs,
            ].map { $0.map { max(0, $0) } })
        }
        for r in snapshot.eventsPerStationHour { b.markObserved(station: r.station.index) }
        for m in snapshot.privacy?.measures ?? [] { b.setNoise(measure: m.measure.rawValue, sigma: m.sigma) }
        for r in snapshot.linkLoads { b.addLinkLoad(link: r.link.index, binStart: r.binStart, devices: r.devices.map { max(0, $0.value) }) }
        for r in snapshot.interchangeFlows {
            b.addInterchangeFlow(station: r.station.index, fromLine: r.fromLine.index, toLine: r.toLine.index, binStart: r.binStart, micros: r.devices?.micros)
        }
        for r in snapshot.passengerEstimates {
            b.addPassengerEstimate(dayStart: r.dayStart, station: r.station.index, factor: r.expansionFactor, sample: r.sampleDevices, estimate: r.estimate)
        }
        for r in snapshot.routeSplits {
            b.addRouteSplit(dayStart: r.dayStart, origin: r.origin.index, destination: r.destination.index, route: r.route, path: r.path, micros: r.journeys?.micros)
        }
        self.init(building: b, bands: bands)
    }

    private convenience init(building builder: consuming CrowdingIndexBuilder, bands: BusynessBands) {
        self.init(parts: builder.build(), bands: bands)
    }

    private static func load(_ reader: borrowing SnapshotReader) throws -> CrowdingIndexBuilder {
        let meta = reader.metadata
        guard let binMillis = meta["bin_millis"].flatMap(Int64.init), [5, 10, 15, 20, 30, 60].map({ Int64($0) * 60_000 }).contains(binMillis) else {
            throw ThrongQueryError(.cannotLoad, "\(reader.path): throng_meta has no valid bin_millis (5, 10, 15, 20, 30 or 60 minutes)")
        }
        let k = meta["disclosure_threshold"].flatMap(Int.init) ?? 0
        var parameters: [String: String] = [:]
        try reader.forEachRow("SELECT name, value FROM run_parameters") { r in parameters[r.string(at: 0) ?? ""] = r.string(at: 1) ?? "" }
        let zone = parameters["time_zone"].flatMap(TimeZoneRule.init) ?? .europeLondon
        let dayStart = parameters["service_day_start_minute"].flatMap(Int.init) ?? 270
        let calendar = ServiceCalendar(timeZone: zone, dayStartMinute: dayStart)

        var lines: [String] = []
        try reader.forEachRow("SELECT name FROM lines ORDER BY line_id") { r in lines.append(r.string(at: 0) ?? "") }
        var stationLines: [Int: [LineID]] = [:]
        try reader.forEachRow("SELECT station_id, line_id FROM station_lines ORDER BY station_id, line_id") { r in
            stationLines[Int(r.int64(at: 0)), default: []].append(LineID(UInt8(clamping: r.int64(at: 1))))
        }
        var stations: [IndexedNetwork.Station] = []
        try reader.forEachRow("SELECT station_id, naptan, name, nlc, counts_nlc FROM stations ORDER BY station_id") { r in
            let id = Int(r.int64(at: 0))
            stations.append(IndexedNetwork.Station(
                naptan: r.string(at: 1) ?? "", name: r.string(at: 2) ?? "", displayName: r.string(at: 2) ?? "",
                nlc: r.isNull(at: 3) ? nil : Int(r.int64(at: 3)), countsNLC: r.isNull(at: 4) ? nil : Int(r.int64(at: 4)),
                lines: stationLines[id] ?? []
            ))
        }
        var links: [IndexedNetwork.Link] = []
        try reader.forEachRow("""
            SELECT line_id, direction, from_station_id, to_station_id, unimpeded_minutes, am_peak_minutes, inter_peak_minutes
            FROM links ORDER BY link_id
            """) { r in
            links.append(IndexedNetwork.Link(
                line: LineID(UInt8(clamping: r.int64(at: 0))), direction: r.string(at: 1) ?? "",
                from: StationID(UInt16(clamping: r.int64(at: 2))), to: StationID(UInt16(clamping: r.int64(at: 3))),
                minutes: RunningTimes(unimpeded: r.double(at: 4), amPeak: r.double(at: 5), interPeak: r.double(at: 6))
            ))
        }
        // A network whose tables do not agree is a damaged file, not something to index.
        for (i, st) in stations.enumerated() where st.lines.contains(where: { $0.index >= lines.count }) {
            throw ThrongQueryError(.cannotLoad, "\(reader.path): station_lines names a line that is not in lines (station \(i))")
        }
        for (i, l) in links.enumerated()
        where l.from.index >= stations.count || l.to.index >= stations.count || l.line.index >= lines.count {
            throw ThrongQueryError(.cannotLoad, "\(reader.path): link \(i) refers to a station or line that is not in the file")
        }
        let network = IndexedNetwork(stations: stations, lines: lines, links: links)

        var earliest: Int64?, latest: Int64?
        try reader.forEachRow("""
            SELECT min(t), max(t) FROM (SELECT min(bin_start_ms) AS t FROM station_bins UNION ALL SELECT max(bin_start_ms) FROM station_bins
            UNION ALL SELECT min(bin_start_ms) FROM link_loads UNION ALL SELECT max(bin_start_ms) FROM link_loads)
            """) { r in
            if !r.isNull(at: 0) { earliest = r.int64(at: 0); latest = r.int64(at: 1) }
        }
        if let earliest, let latest, latest - earliest > 800 * 86_400_000 || earliest < Timestamp.minMillis || latest > Timestamp.maxMillis {
            throw ThrongQueryError(.cannotLoad, "\(reader.path): bins span \(earliest)…\(latest) ms, more than the 800 days an index holds, or outside valid times")
        }
        var b = CrowdingIndexBuilder(network: network, calendar: calendar, binMillis: binMillis, disclosureThreshold: k, earliest: earliest, latest: latest)
        // The two big tables are read at once, each on its own thread and connection; NULL
        // (suppressed) is read as -1 by SQLite itself, one column call per value; a private
        // release's negative noisy counts read as 0.
        let range = b.range, stationCount = network.stations.count, linkCount = network.links.count
        let path = reader.path
        let fills = Mutex<[Result<CrowdingIndexBuilder.Fill, ThrongQueryError>?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            func fill() throws -> CrowdingIndexBuilder.Fill {
                let own = try SnapshotReader(path: path, format: CrowdingSnapshotSchema.format)
                return try own.withConnection { db in
                    if i == 0 {
                        let stmt = try db.prepare("""
                            SELECT station_id, bin_start_ms, coalesce(max(0, occupancy), -1), coalesce(max(0, platform_occupancy), -1),
                                   coalesce(max(0, concourse_occupancy), -1), coalesce(max(0, entries), -1), coalesce(max(0, exits), -1),
                                   coalesce(max(0, interchanges), -1), coalesce(max(0, pass_throughs), -1)
                            FROM station_bins
                            """)
                        return try CrowdingIndexBuilder.fillStations(stations: stationCount, range: range) { row in
                            guard try stmt.step() else { return false }
                            row.0 = stmt.int64(at: 0)
                            row.1 = stmt.int64(at: 1)
                            for m in 0..<7 { row.2[m] = stmt.int64(at: 2 + m) }
                            return true
                        }
                    }
                    let stmt = try db.prepare("SELECT link_id, bin_start_ms, coalesce(max(0, expected_devices_micros), -1) FROM link_loads")
                    return try CrowdingIndexBuilder.fillLinks(links: linkCount, range: range) { row in
                        guard try stmt.step() else { return false }
                        row = (stmt.int64(at: 0), stmt.int64(at: 1), stmt.int64(at: 2))
                        return true
                    }
                }
            }
            let result: Result<CrowdingIndexBuilder.Fill, ThrongQueryError>
            do {
                result = .success(try fill())
            } catch let error as ThrongStoreError {
                result = .failure(ThrongQueryError(.cannotLoad, "\(path): \(error.message)", cause: error))
            } catch {
                result = .failure(ThrongQueryError(.cannotLoad, "\(path): \(error)"))
            }
            fills.withLock { $0[i] = result }
        }
        let done = fills.withLock { $0 }
        b.install(stations: try done[0]!.get(), links: try done[1]!.get())
        try reader.forEachRow("SELECT DISTINCT station_id FROM station_hour_events") { r in b.markObserved(station: Int(r.int64(at: 0))) }
        // A private release's noise (the table is absent from files written before it existed).
        var hasNoise = false
        try reader.forEachRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'privacy_noise'") { _ in hasNoise = true }
        if hasNoise {
            try reader.forEachRow("SELECT measure, sigma FROM privacy_noise") { r in b.setNoise(measure: r.string(at: 0) ?? "", sigma: r.double(at: 1)) }
        }
        try reader.forEachRow("SELECT station_id, from_line_id, to_line_id, bin_start_ms, expected_devices_micros FROM interchange_flows") { r in
            b.addInterchangeFlow(
                station: Int(r.int64(at: 0)), fromLine: Int(r.int64(at: 1)), toLine: Int(r.int64(at: 2)), binStart: r.int64(at: 3),
                micros: r.isNull(at: 4) ? nil : r.int64(at: 4)
            )
        }
        try reader.forEachRow("SELECT day_start_ms, station_id, expansion_factor, sample_devices, estimate FROM passenger_estimates") { r in
            b.addPassengerEstimate(
                dayStart: r.int64(at: 0), station: Int(r.int64(at: 1)), factor: r.double(at: 2),
                sample: r.isNull(at: 3) ? nil : Int(r.int64(at: 3)), estimate: r.isNull(at: 4) ? nil : r.double(at: 4)
            )
        }
        try reader.forEachRow("""
            SELECT day_start_ms, origin_station_id, destination_station_id, route, path, expected_journeys_micros FROM route_splits
            """) { r in
            b.addRouteSplit(
                dayStart: r.int64(at: 0), origin: Int(r.int64(at: 1)), destination: Int(r.int64(at: 2)),
                route: r.string(at: 3) ?? "", path: r.string(at: 4) ?? "", micros: r.isNull(at: 5) ? nil : r.int64(at: 5)
            )
        }
        return b
    }
}
