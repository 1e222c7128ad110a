import Foundation
import Testing
import ThrongCore
import ThrongIO
import ThrongQuery
import ThrongStore

/// Every query on the simulated two-week snapshot, against values computed here by brute force
/// from the snapshot's rows (SQL) and from the simulator's truth.
@Suite struct SimulatedScenarioTests {
    let fixture = SimulatedScenario.fixture
    var index: CrowdingIndex { fixture.index }

    /// The snapshot's rows, read with plain SQL.
    struct Rows {
        var stationBins: [Int: [Int64: [Int64?]]] = [:]       // station -> bin -> 7 counts
        var linkLoads: [Int: [Int64: Int64?]] = [:]           // link -> bin -> micros
        var covered = Set<Int64>()
        var observed = Set<Int>()
        var factors: [Int64: [Int: [Double]]] = [:]            // day -> station -> factors
        var linkFactor: [Int64: (Double, Double)] = [:]        // day -> (estimate, sample)
        var links: [(line: Int, from: Int, to: Int, am: Double, inter: Double)] = []
        var splits: [(day: Int64, o: Int, d: Int, path: String, micros: Int64?)] = []

        /// The station's mean factor that day; without rows, the mean over the day's stations
        /// (docs/crowding.md).
        func factor(day: Int64, station: Int) -> Double {
            if let f = factors[day]?[station], !f.isEmpty { return f.reduce(0, +) / Double(f.count) }
            let means = (factors[day] ?? [:]).values.map { $0.reduce(0, +) / Double($0.count) }
            return means.reduce(0, +) / Double(means.count)
        }
    }

    static let rows: Rows = {
        let reader = try! SnapshotReader(path: SimulatedScenario.fixture.path, format: CrowdingSnapshotSchema.format)
        var r = Rows()
        try! reader.forEachRow("SELECT * FROM station_bins") { s in
            var v: [Int64?] = []
            for i in 2..<9 { v.append(s.isNull(at: i) ? nil : s.int64(at: i)) }
            r.stationBins[Int(s.int64(at: 0)), default: [:]][s.int64(at: 1)] = v
            r.covered.insert(s.int64(at: 1))
            r.observed.insert(Int(s.int64(at: 0)))
        }
        try! reader.forEachRow("SELECT link_id, bin_start_ms, expected_devices_micros FROM link_loads") { s in
            r.linkLoads[Int(s.int64(at: 0)), default: [:]][s.int64(at: 1)] = s.isNull(at: 2) ? nil : s.int64(at: 2)
            r.covered.insert(s.int64(at: 1))
        }
        try! reader.forEachRow("SELECT DISTINCT station_id FROM station_hour_events") { s in r.observed.insert(Int(s.int64(at: 0))) }
        try! reader.forEachRow("SELECT day_start_ms, station_id, expansion_factor, sample_devices, estimate FROM passenger_estimates") { s in
            r.factors[s.int64(at: 0), default: [:]][Int(s.int64(at: 1)), default: []].append(s.double(at: 2))
            if !s.isNull(at: 3), !s.isNull(at: 4), s.int64(at: 3) > 0 {
                let prev = r.linkFactor[s.int64(at: 0)] ?? (0, 0)
                r.linkFactor[s.int64(at: 0)] = (prev.0 + s.double(at: 4), prev.1 + Double(s.int64(at: 3)))
            }
        }
        try! reader.forEachRow("SELECT line_id, from_station_id, to_station_id, am_peak_minutes, inter_peak_minutes FROM links ORDER BY link_id") { s in
            r.links.append((Int(s.int64(at: 0)), Int(s.int64(at: 1)), Int(s.int64(at: 2)), s.double(at: 3), s.double(at: 4)))
        }
        try! reader.forEachRow("SELECT day_start_ms, origin_station_id, destination_station_id, path, expected_journeys_micros FROM route_splits") { s in
            r.splits.append((s.int64(at: 0), Int(s.int64(at: 1)), Int(s.int64(at: 2)), s.string(at: 3)!, s.isNull(at: 4) ? nil : s.int64(at: 4)))
        }
        return r
    }()

    var rows: Rows { Self.rows }
    let dayMillis: Int64 = 86_400_000
    /// Service day start of an instant (GMT in November and December: local = UTC; days start 04:30).
    func dayStart(_ t: Int64) -> Int64 { ((t - 270 * 60_000) / dayMillis) * dayMillis + 270 * 60_000 }
    func station(_ naptan: String) -> StationID { SimulatedScenario.network.stationByNaptan[naptan]! }

    func close(_ a: Double?, _ b: Double?, relative: Double = 1e-6) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= relative * max(1, abs(b))
    }

    @Test func scenarioHasPublishedAndSuppressedCells() {
        let cells = rows.stationBins.values.flatMap(\.values).map { $0[0] }
        #expect(cells.contains { $0 == nil })
        #expect(cells.filter { ($0 ?? 0) >= 10 }.count > 100)
        #expect(index.serviceDays.count == SimulatedScenario.days)
    }

    @Test func observedStationFiguresMatchTheRows() throws {
        var checked = 0
        for (s, bins) in rows.stationBins {
            for (bin, values) in bins {
                for m in StationMeasure.allCases {
                    let c = try index.crowding(at: StationID(UInt16(s)), m, time: bin + 60_000, basis: .observed)
                    guard index.stations.answering(for: StationID(UInt16(s))) == StationID(UInt16(s)) else { continue }
                    if let v = values[m.rawValue] {
                        #expect(c.devices == Double(v))
                        #expect(close(c.people?.people, Double(v) * rows.factor(day: dayStart(bin), station: s)))
                    } else {
                        #expect(c.unavailable == .suppressed)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        // A covered bin without a row is zero for an observed station.
        let s = rows.observed.first { rows.stationBins[$0] != nil }!
        if let empty = rows.covered.first(where: { rows.stationBins[s]?[$0] == nil }) {
            #expect(try index.crowding(at: StationID(UInt16(s)), time: empty, basis: .observed).devices == 0)
        }
    }

    /// Brute-force typical level: median over the days of a weekday of occupancy × factor,
    /// suppressed cells ranked just above zero, nil = suppressed median, NaN = no day.
    func bruteTypical(station s: Int, weekday: Int, band: Int) -> Double? {
        var values: [Double] = []   // -1 = suppressed
        for day in Set(rows.covered.map(dayStart)) {
            let date = CivilDate(daysSinceEpoch: Int(day / dayMillis))
            guard date.weekday == weekday else { continue }
            var bin = day - 270 * 60_000 + Int64(band) * 900_000
            if band * 15 < 270 { bin += dayMillis }
            guard rows.covered.contains(bin) else { continue }
            if let v = rows.stationBins[s]?[bin] {
                values.append(v[0].map { Double($0) * rows.factor(day: day, station: s) } ?? -1)
            } else {
                values.append(0)
            }
        }
        guard !values.isEmpty else { return .nan }
        values.sort { ($0 == -1 ? 1e-300 : $0) < ($1 == -1 ? 1e-300 : $1) }
        let m = values.count / 2
        if values.count % 2 == 1 { return values[m] == -1 ? nil : values[m] }
        if values[m - 1] == -1 || values[m] == -1 { return nil }
        return (values[m - 1] + values[m]) / 2
    }

    @Test func typicalLevelsAreMediansOverTheDays() {
        var checked = 0, suppressed = 0
        for s in rows.observed.sorted() where index.stations.answering(for: StationID(UInt16(s))) == StationID(UInt16(s)) {
            for (weekday, day) in [(1, TypicalDay.monday), (3, .wednesday), (6, .saturday), (0, .sunday)] {
                for band in 26...42 {
                    let expected = bruteTypical(station: s, weekday: weekday, band: band)
                    let c = index.typicalCrowding(at: StationID(UInt16(s)), day: day, band: band)
                    if let e = expected, e.isNaN {
                        #expect(c.unavailable == .notCovered)
                    } else if let e = expected {
                        #expect(close(c.people?.people, e), "station \(s) \(day) band \(band)")
                        checked += 1
                    } else {
                        #expect(c.unavailable == .suppressed)
                        suppressed += 1
                    }
                }
            }
        }
        #expect(checked > 200)
        #expect(suppressed > 0)
    }

    @Test func linkFiguresMatchTheRows() throws {
        var checked = 0
        for (l, bins) in rows.linkLoads {
            for (bin, micros) in bins {
                let c = try index.crowding(onLink: LinkID(UInt32(l)), time: bin, basis: .observed)
                if let micros {
                    let devices = Double(micros) / 1e6
                    let (est, sample) = rows.linkFactor[dayStart(bin)]!
                    #expect(close(c.devices, devices, relative: 1e-6))
                    #expect(close(c.people?.people, devices * (est / sample), relative: 1e-5))
                } else {
                    #expect(c.unavailable == .suppressed)
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func routeSplitsSumThePublishedDays() {
        let ksx = station("940GZZLUKSX"), wlo = station("940GZZLUWLO")
        let split = index.routeSplit(from: ksx, to: wlo)
        let mine = rows.splits.filter { $0.o == ksx.index && $0.d == wlo.index }
        #expect(split.days == Set(mine.map(\.day)).count)
        #expect(split.suppressedCells == mine.filter { $0.micros == nil }.count)
        let total = mine.compactMap(\.micros).reduce(0, +)
        for r in split.routes {
            let sum = mine.filter { $0.path == r.path }.compactMap(\.micros).reduce(0, +)
            if let e = r.expectedJourneys { #expect(close(e, Double(sum) / 1e6)) }
            if let s = r.share { #expect(close(s, Double(sum) / Double(total))) }
        }
        #expect(split.routes.count >= 2)
        let one = index.routeSplit(from: ksx, to: wlo, dayStart: mine[0].day)
        #expect(one.days == 1)
    }

    /// Brute-force crowding along a route: each link read at the time the train leaves its
    /// first station (AM-peak minutes on weekdays 07:00–10:00 and 16:00–19:00), 4 minutes per change.
    func bruteRoute(_ path: String, departure: Int64) -> (peak: Double?, arrival: Int64, missing: Int) {
        let route = try! PlannedRoute(path: path, in: index)
        var t = Double(departure)
        var peak: Double?
        var missing = 0
        var rides = 0
        for leg in route.legs {
            guard case .ride(_, _, _, let links) = leg else { continue }
            if rides > 0 { t += 4 * 60_000 }
            rides += 1
            for l in links {
                let at = Int64(t)
                let bin = at / 900_000 * 900_000
                let minute = Int((at % dayMillis) / 60_000)
                let weekday = CivilDate(daysSinceEpoch: Int(dayStart(at) / dayMillis)).weekday
                let peakBand = (1...5).contains(weekday) && ((420..<600).contains(minute) || (960..<1140).contains(minute))
                if rows.covered.contains(bin), let micros = rows.linkLoads[l.index]?[bin] ?? (rows.linkLoads[l.index] != nil ? 0 : nil) {
                    let (est, sample) = rows.linkFactor[dayStart(at)]!
                    let people = Double(micros) / 1e6 * (est / sample)
                    peak = max(peak ?? people, people)
                } else {
                    missing += 1
                }
                t += (peakBand ? rows.links[l.index].am : rows.links[l.index].inter) * 60_000
            }
        }
        return (peak, Int64(t), missing)
    }

    var topPath: String {
        let ksx = station("940GZZLUKSX"), wlo = station("940GZZLUWLO")
        return index.routeSplit(from: ksx, to: wlo).routes[0].path
    }

    @Test func routeCrowdingFollowsTheTimetable() throws {
        let route = try PlannedRoute(path: topPath, in: index)
        let departure: Int64 = 1_479_800_700_000   // Tue 2016-11-22 07:45 GMT
        let c = try index.crowding(along: route, departure: departure, basis: .observed)
        let e = bruteRoute(topPath, departure: departure)
        #expect(c.arrival == e.arrival)
        #expect(c.linksWithoutData == e.missing)
        #expect(close(c.peakPeople, e.peak, relative: 1e-5))
        #expect(c.legs.count == route.legs.count)
        #expect(c.stations.count == 2 * route.legs.filter { if case .ride = $0 { true } else { false } }.count)
    }

    @Test func leastCrowdedDepartureIsTheBruteForceMinimum() throws {
        let route = try PlannedRoute(path: topPath, in: index)
        let start: Int64 = 1_479_799_800_000   // Tue 2016-11-22 07:30 GMT
        let advice = try index.leastCrowdedDeparture(along: route, window: start..<(start + 90 * 60_000), stepMinutes: 5, basis: .observed)
        #expect(advice.candidates.count == 18)
        var best: (Int64, Double)?
        var worst = -1.0
        for k in 0..<18 {
            let t = start + Int64(k) * 300_000
            let e = bruteRoute(topPath, departure: t)
            guard e.missing == 0, let p = e.peak else { continue }
            if best == nil || p < best!.1 - 1e-9 { best = (t, p) }
            worst = max(worst, p)
        }
        #expect(advice.best?.departure == best?.0)
        #expect(close(advice.best?.peakPeople, best?.1, relative: 1e-5))
        #expect(close(advice.peopleAvoidedVersusWorst, best.map { worst - $0.1 }, relative: 1e-5))
        // A window across midnight is allowed (typical figures), and an empty one is an error.
        let midnight: Int64 = 1_479_858_600_000   // Tue 2016-11-22 23:50 GMT
        let night = try index.leastCrowdedDeparture(along: route, window: midnight..<(midnight + 20 * 60_000))
        #expect(night.candidates.count == 4)
        #expect(night.candidates.allSatisfy { $0.legs.count == route.legs.count })
        #expect(throws: ThrongQueryError.self) { try index.leastCrowdedDeparture(along: route, window: start..<start) }
    }

    /// Reads `truth/journeys.csv.zst`: origin NaPTAN and entry instant of every journey
    /// (detectable or not: every journey is a person).
    static func truthEntries() throws -> [(String, Int64)] {
        var reader = try ZstdReader(path: SimulatedScenario.fixture.simulation + "/truth/journeys.csv.zst")
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        var out: [(String, Int64)] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")).dropFirst() {
            let f = line.split(separator: UInt8(ascii: ","), maxSplits: 5, omittingEmptySubsequences: false)
            out.append((String(decoding: f[2], as: UTF8.self), Int64(String(decoding: f[4], as: UTF8.self))!))
        }
        return out
    }

    /// The 95% people interval of entries per station and bin covers the true number of people
    /// entering (the simulator's truth, detectable or not) in most cells. Expansion is by the
    /// simulator's own device rate, so the check is of the interval, not of the factor.
    @Test func peopleIntervalCoversTheTruth() throws {
        var truth: [Int: [Int64: Int]] = [:]
        for (naptan, t) in try Self.truthEntries() {
            truth[station(naptan).index, default: [:]][t / 900_000 * 900_000, default: 0] += 1
        }
        var inside = 0, cells = 0, dayInside = 0, dayCells = 0
        var dayTotals: [Int: [Int64: (Int, Double, Int)]] = [:]   // station -> day -> (truth, devices, bins)
        for (s, bins) in truth {
            for (bin, people) in bins {
                let c = try index.crowding(at: StationID(UInt16(s)), .entries, time: bin, basis: .observed)
                guard let p = c.people, c.devices! >= 10 else { continue }
                cells += 1
                if Double(people) >= p.lower95 && Double(people) <= p.upper95 { inside += 1 }
                var d = dayTotals[s, default: [:]][dayStart(bin)] ?? (0, 0, 0)
                d.0 += people; d.1 += c.devices!; d.2 += 1
                dayTotals[s, default: [:]][dayStart(bin)] = d
            }
        }
        for (_, days) in dayTotals {
            for (_, d) in days {
                let p = PeopleEstimate(devices: d.1, factor: 1 / SimulatedScenario.deviceRate)
                dayCells += 1
                if Double(d.0) >= p.lower95 && Double(d.0) <= p.upper95 { dayInside += 1 }
            }
        }
        let coverage = Double(inside) / Double(cells), dayCoverage = Double(dayInside) / Double(dayCells)
        print("people interval coverage: \(inside)/\(cells) bins = \(coverage); station-days \(dayInside)/\(dayCells) = \(dayCoverage)")
        #expect(cells > 300)
        #expect(coverage >= 0.9)
        #expect(coverage <= 0.995)   // not a uselessly wide interval
    }

    /// The snapshot's own people table and named views agree with the library, row for row.
    @Test func snapshotPeopleTablesAndViewsAgreeWithTheLibrary() throws {
        let reader = try SnapshotReader(path: fixture.path, format: CrowdingSnapshotSchema.format)
        var checked = 0
        try reader.forEachRow("SELECT station_id, bin_start_ms, occupancy_people, occupancy_lower_95, occupancy_upper_95 FROM station_bin_people") { r in
            let c = try index.crowding(at: StationID(UInt16(r.int64(at: 0))), time: r.int64(at: 1), basis: .observed)
            checked += 1
            guard index.stations.answering(for: StationID(UInt16(r.int64(at: 0)))) == StationID(UInt16(r.int64(at: 0))) else { return }
            if r.isNull(at: 2) {
                #expect(c.people == nil)
            } else {
                #expect(close(c.people?.people, r.double(at: 2)))
                #expect(close(c.people?.lower95, r.double(at: 3)))
                #expect(close(c.people?.upper95, r.double(at: 4)))
            }
        }
        #expect(checked == rows.stationBins.values.map(\.count).reduce(0, +))
        for view in CrowdingSnapshotSchema.views {
            let base = view.name.replacingOccurrences(of: "_named", with: "")
            let a = try reader.query("SELECT count(*) FROM \(view.name)").rows[0][0].integerValue
            let b = try reader.query("SELECT count(*) FROM \(base)").rows[0][0].integerValue
            #expect(a == b, "\(view.name)")
        }
        let local = try reader.query("SELECT bin_start_local, bin_start_utc FROM station_bins_named ORDER BY bin_start_ms LIMIT 1").rows[0]
        #expect(local[0].textValue == local[1].textValue.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") })  // GMT
    }

    @Test func interchangeFlowsMatchTheRows() throws {
        let reader = try SnapshotReader(path: fixture.path, format: CrowdingSnapshotSchema.format)
        var checked = 0
        try reader.forEachRow("SELECT station_id, from_line_id, to_line_id, bin_start_ms, expected_devices_micros FROM interchange_flows") { r in
            let s = StationID(UInt16(r.int64(at: 0)))
            guard index.stations.answering(for: s) == s else { return }
            let flows = index.interchangeFlows(at: s, time: r.int64(at: 3))
            let match = flows.first { $0.fromLine.index == Int(r.int64(at: 1)) && $0.toLine.index == Int(r.int64(at: 2)) }
            #expect(match != nil)
            if r.isNull(at: 4) {
                #expect(match?.isSuppressed == true)
            } else {
                let devices = Double(r.int64(at: 4)) / 1e6
                #expect(close(match?.devices, devices))
                #expect(close(match?.people?.people, devices * rows.factor(day: dayStart(r.int64(at: 3)), station: s.index)))
            }
            checked += 1
        }
        #expect(checked > 20)
    }
}
