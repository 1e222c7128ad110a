package import ThrongCore

/// Collects published rows (from a snapshot file or from the engine's `CrowdingSnapshot`) into
/// the flat arrays of a ``CrowdingIndex``.
package struct CrowdingIndexBuilder {
    let network: IndexedNetwork
    let calendar: ServiceCalendar
    let binMillis: Int64
    let disclosureThreshold: Int
    let firstBin: Int64
    let binCount: Int
    private var stationCells: [Float]
    private var linkCells: [Float]
    private var covered: [Bool]
    private var observed: [Bool]
    /// Noise standard deviation of a private release per station measure, then links.
    package var noiseSigma = [Double](repeating: 0, count: StationMeasure.allCases.count + 1)

    /// Takes the noise of a private release from its measures (names as in `privacy_noise`).
    package mutating func setNoise(measure name: String, sigma: Double) {
        guard sigma.isFinite, sigma >= 0 else { return }
        let station: [String: StationMeasure] = [
            "occupancy": .occupancy, "platform_occupancy": .platformOccupancy, "concourse_occupancy": .concourseOccupancy,
            "entries": .entries, "exits": .exits, "interchanges": .interchanges, "pass_throughs": .passThroughs,
        ]
        if let m = station[name] { noiseSigma[m.rawValue] = sigma } else if name == "link_loads" { noiseSigma[StationMeasure.allCases.count] = sigma }
    }
    private var linkSeen: [Bool]
    private var factorRows: [(dayStart: Int64, station: Int, factor: Double, sample: Int?, estimate: Double?)] = []
    private var splitRows: [(dayStart: Int64, key: UInt32, route: String, path: String, micros: Int64)] = []
    private var interchangeRows: [UInt16: [InterchangeCell]] = [:]

    /// Prepares arrays for bins from `earliest` to `latest` (instants inside the first and last bins).
    package init(network: IndexedNetwork, calendar: ServiceCalendar, binMillis: Int64, disclosureThreshold: Int, earliest: Int64?, latest: Int64?) {
        self.network = network
        self.calendar = calendar
        self.binMillis = binMillis
        self.disclosureThreshold = disclosureThreshold
        if let earliest, let latest, latest >= earliest {
            firstBin = earliest.floorDiv(binMillis) * binMillis
            binCount = Int((latest.floorDiv(binMillis) * binMillis - firstBin) / binMillis) + 1
        } else {
            firstBin = 0
            binCount = 0
        }
        let s = network.stations.count
        stationCells = []   // allocated on first use: a snapshot file's fills replace them whole
        linkCells = []
        covered = [Bool](repeating: false, count: binCount)
        observed = [Bool](repeating: false, count: s)
        linkSeen = [Bool](repeating: false, count: network.links.count)
    }

    private func bin(_ start: Int64) -> Int? {
        let i = (start - firstBin).floorDiv(binMillis)
        return i >= 0 && i < Int64(binCount) ? Int(i) : nil
    }

    /// Cells of one table filled apart from the builder (on another thread), then installed.
    package struct Fill: Sendable {
        package var cells: [Float]
        package var covered: [Bool]
        /// Stations (or links) with a row.
        package var seen: [Bool]
    }

    /// The bin range, for fills made apart from the builder.
    package var range: (first: Int64, width: Int64, count: Int) { (firstBin, binMillis, binCount) }

    /// Fills station cells from rows of `(station, bin start, 7 counts, -1 = suppressed)`,
    /// `next` returning false when there are no more rows.
    package static func fillStations(
        stations s: Int, range: (first: Int64, width: Int64, count: Int), _ next: (inout (Int64, Int64, [Int64])) throws -> Bool
    ) rethrows -> Fill {
        let measures = StationMeasure.allCases.count
        let bins = range.count
        var fill = Fill(cells: [Float](repeating: CrowdingIndex.noData, count: measures * s * bins),
                        covered: [Bool](repeating: false, count: bins), seen: [Bool](repeating: false, count: s))
        var row: (Int64, Int64, [Int64]) = (0, 0, [Int64](repeating: 0, count: measures))
        while try next(&row) {
            let station = Int(row.0)
            let offset = row.1 - range.first
            guard station >= 0, station < s, offset >= 0, offset / range.width < Int64(bins) else { continue }
            let b = Int(offset / range.width)
            fill.covered[b] = true
            fill.seen[station] = true
            for m in 0..<measures {
                let v = row.2[m]
                fill.cells[(m &* s &+ station) &* bins &+ b] = v >= 0 ? Float(v) : CrowdingIndex.suppressed
            }
        }
        return fill
    }

    /// Fills link cells from rows of `(link, bin start, expected devices in millionths, -1 = suppressed)`.
    package static func fillLinks(
        links: Int, range: (first: Int64, width: Int64, count: Int), _ next: (inout (Int64, Int64, Int64)) throws -> Bool
    ) rethrows -> Fill {
        let bins = range.count
        var fill = Fill(cells: [Float](repeating: CrowdingIndex.noData, count: links * bins),
                        covered: [Bool](repeating: false, count: bins), seen: [Bool](repeating: false, count: links))
        var row: (Int64, Int64, Int64) = (0, 0, 0)
        while try next(&row) {
            let link = Int(row.0)
            let offset = row.1 - range.first
            guard link >= 0, link < links, offset >= 0, offset / range.width < Int64(bins) else { continue }
            let b = Int(offset / range.width)
            fill.covered[b] = true
            fill.seen[link] = true
            fill.cells[link &* bins &+ b] = row.2 >= 0 ? Float(Double(row.2) / 1e6) : CrowdingIndex.suppressed
        }
        return fill
    }

    /// Installs fills made by ``fillStations(stations:range:_:)`` and ``fillLinks(links:range:_:)``
    /// (replacing any station or link cells added before).
    package mutating func install(stations: Fill, links: Fill) {
        stationCells = stations.cells
        linkCells = links.cells
        for b in 0..<binCount where stations.covered[b] || links.covered[b] { covered[b] = true }
        for i in 0..<observed.count where stations.seen[i] { observed[i] = true }
        linkSeen = links.seen
    }

    /// Records one `station_bins` row: `values` in ``StationMeasure`` order, nil = suppressed.
    package mutating func addStationBin(station: Int, binStart: Int64, values: [Int?]) {
        guard station >= 0, station < network.stations.count, let b = bin(binStart) else { return }
        let s = network.stations.count
        if stationCells.isEmpty { stationCells = [Float](repeating: CrowdingIndex.noData, count: StationMeasure.allCases.count * s * binCount) }
        covered[b] = true
        observed[station] = true
        for (m, v) in values.enumerated() where m < StationMeasure.allCases.count {
            stationCells[(m * s + station) * binCount + b] = v.map { Float($0) } ?? CrowdingIndex.suppressed
        }
    }

    /// Marks a station as having wifi data (e.g. events in `station_hour_events`) even without bins.
    package mutating func markObserved(station: Int) {
        if station >= 0, station < observed.count { observed[station] = true }
    }

    /// Records one `link_loads` row (nil = suppressed).
    package mutating func addLinkLoad(link: Int, binStart: Int64, devices: Double?) {
        guard link >= 0, link < network.links.count, let b = bin(binStart) else { return }
        if linkCells.isEmpty { linkCells = [Float](repeating: CrowdingIndex.noData, count: network.links.count * binCount) }
        covered[b] = true
        linkSeen[link] = true
        linkCells[link * binCount + b] = devices.map { Float($0) } ?? CrowdingIndex.suppressed
    }

    /// Records one `passenger_estimates` row.
    package mutating func addPassengerEstimate(dayStart: Int64, station: Int, factor: Double, sample: Int?, estimate: Double?) {
        guard station >= 0, station < network.stations.count, factor.isFinite, factor > 0,
              estimate.map(\.isFinite) ?? true else { return }
        factorRows.append((dayStart, station, factor, sample, estimate))
    }

    /// Records one `interchange_flows` row (nil = suppressed).
    package mutating func addInterchangeFlow(station: Int, fromLine: Int, toLine: Int, binStart: Int64, micros: Int64?) {
        guard station >= 0, station < network.stations.count, fromLine >= 0, fromLine < network.lines.count,
              toLine >= 0, toLine < network.lines.count,
              let b = bin(binStart) else { return }
        covered[b] = true
        interchangeRows[UInt16(station), default: []].append(InterchangeCell(
            bin: Int32(b), fromLine: LineID(UInt8(fromLine)), toLine: LineID(UInt8(toLine)), micros: micros ?? -1))
    }

    /// Records one `route_splits` row (nil = suppressed).
    package mutating func addRouteSplit(dayStart: Int64, origin: Int, destination: Int, route: String, path: String, micros: Int64?) {
        guard origin >= 0, destination >= 0, origin < network.stations.count, destination < network.stations.count else { return }
        splitRows.append((dayStart, UInt32(origin) << 16 | UInt32(destination), route, path, micros ?? -1))
    }

    /// Builds the index.
    package consuming func build() -> CrowdingIndex.Parts {
        let timeline = BinTimeline(firstBin: firstBin, binMillis: binMillis, count: binCount, covered: covered, calendar: calendar)
        let s = network.stations.count
        if stationCells.isEmpty { stationCells = [Float](repeating: CrowdingIndex.noData, count: StationMeasure.allCases.count * s * binCount) }
        if linkCells.isEmpty { linkCells = [Float](repeating: CrowdingIndex.noData, count: network.links.count * binCount) }
        // A covered bin without a row is a zero for a station with wifi data and for a link
        // that carried any inferred load; everything else stays "no data".
        for m in 0..<StationMeasure.allCases.count {
            for st in 0..<s where observed[st] {
                let base = (m * s + st) * binCount
                for b in 0..<binCount where covered[b] && stationCells[base + b] == CrowdingIndex.noData { stationCells[base + b] = 0 }
            }
        }
        for l in 0..<network.links.count where linkSeen[l] {
            for b in 0..<binCount where covered[b] && linkCells[l * binCount + b] == CrowdingIndex.noData { linkCells[l * binCount + b] = 0 }
        }
        // Expansion factors (PeopleExpansion: the same rule as the snapshot's people tables).
        let expansion = PeopleExpansion(factorRows.map { (dayStart: $0.dayStart, station: StationID(UInt16($0.station)), factor: $0.factor, sample: $0.sample, estimate: $0.estimate) })
        let days = timeline.days.count
        var stationFactors = [Double](repeating: 0, count: days * s)
        var linkFactors = [Double](repeating: 0, count: days)
        for d in 0..<days {
            let start = timeline.days[d].start
            for st in 0..<s { stationFactors[d * s + st] = expansion.stationFactor(StationID(UInt16(st)), dayStart: start) }
            linkFactors[d] = expansion.linkFactor(dayStart: start)
        }
        var splits: [UInt32: [RouteSplitCell]] = [:]
        for r in splitRows {
            guard let d = timeline.day(startingAt: r.dayStart) else { continue }
            splits[r.key, default: []].append(RouteSplitCell(day: Int32(d), route: r.route, path: r.path, micros: r.micros))
        }
        return CrowdingIndex.Parts(
            network: network, calendar: calendar, binMillis: binMillis, disclosureThreshold: disclosureThreshold,
            isObserved: observed, isLinkObserved: linkSeen, timeline: timeline, stationCells: stationCells, linkCells: linkCells,
            stationFactors: stationFactors, linkFactors: linkFactors, splits: splits, interchanges: interchangeRows,
            noiseSigma: noiseSigma
        )
    }
}
