import ThrongCore

/// Draws a day's journeys from demand: counts per OD pair are Poisson with mean
/// `journeys × scale × dayFactor(origin, dayType) × windowShare(origin, dayType)`; departure
/// times follow the origin's quarter-hour entry profile inside the window, uniform within a
/// quarter hour. One random stream per (day, origin), so origins run in parallel.
struct DemandSampler: Sendable {
    let demand: DemandData
    let rows: [DemandData.Row]
    let config: SimulationConfig
    let timeZone: TimeZoneRule

    init(demand: DemandData, config: SimulationConfig, timeZone: TimeZoneRule) throws(SimulatorError) {
        guard let rows = demand.odByYear[config.odYear] else {
            throw SimulatorError(.invalidDemand, "no OD data for --od-year \(config.odYear) (have \(demand.years.map(String.init).joined(separator: ", ")))")
        }
        self.demand = demand
        self.rows = rows
        self.config = config
        self.timeZone = timeZone
    }

    /// Quarter-hour weights of the profile clipped to the window: (quarter, weight, minute range).
    func windowQuarters(_ station: StationID, _ dayType: DayType) -> (quarters: [(Int, Double, Range<Double>)], share: Double) {
        let p = demand.profile(station, dayType)
        let total = p.reduce(0, +)
        let w = config.windowMinutes
        var result: [(Int, Double, Range<Double>)] = []
        var inside = 0.0
        for q in 0..<96 {
            let lo = 300 + 15 * q, hi = lo + 15
            let a = max(lo, w.lowerBound), b = min(hi, w.upperBound)
            guard a < b, p[q] > 0 else { continue }
            let weight = p[q] * Double(b - a) / 15
            inside += weight
            result.append((q, weight, Double(a)..<Double(b)))
        }
        return (result, total > 0 ? inside / total : 0)
    }

    /// Expected journeys from an origin on a day type inside the window (or the whole day).
    func expectedJourneys(origin: StationID, dayType: DayType, wholeDay: Bool = false) -> Double {
        let total = rows[origin.index].reduce(0) { $0 + $1.journeys }
        let share = wholeDay ? 1 : windowQuarters(origin, dayType).share
        return total * config.scale * demand.dayFactor(origin, dayType) * share
    }

    /// The journeys from one origin on one day, in destination order.
    func journeys(origin: StationID, day: SimDay) -> [PlannedJourney] {
        let row = rows[origin.index]
        guard !row.isEmpty else { return [] }
        var rng = SimRandom(seed: config.seed, stream: Streams.demand, UInt64(day.index), UInt64(origin.index))
        let (quarters, share) = windowQuarters(origin, day.dayType)
        guard share > 0, !quarters.isEmpty else { return [] }
        var cumulative: [Double] = []
        var acc = 0.0
        for q in quarters { acc += q.1; cumulative.append(acc) }
        let factor = config.scale * demand.dayFactor(origin, day.dayType) * share
        var out: [PlannedJourney] = []
        for (destination, daily) in row {
            let n = rng.poisson(daily * factor)
            for _ in 0..<n {
                let u = rng.unit() * acc
                var lo = 0, hi = cumulative.count - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
                let range = quarters[lo].2
                let minute = rng.uniform(range.lowerBound, range.upperBound)
                out.append(make(origin: origin, destination: destination, minute: minute, day: day))
            }
        }
        return out
    }

    func make(origin: StationID, destination: StationID, minute: Double, day: SimDay, kind: PlannedJourney.Kind = .normal) -> PlannedJourney {
        let local = day.localMidnight + Int64((minute * 60_000).rounded(.down))
        let utc = local - timeZone.offsetMillis(at: local)
        let m = Int(minute)
        let band: UInt8 = TimeBand.forLocalMinute(m, weekday: day.dayType.isWeekday) == .amPeak ? 0 : 1
        return PlannedJourney(origin: origin.rawValue, destination: destination.rawValue, departMs: utc, localMinute: Int32(m), kind: kind, band: band)
    }

    /// Stadium-event journeys for a day: pairs out and back, origins proportional to OD outflow.
    func eventJourneys(_ event: StadiumEvent, venue: StationID, day: SimDay) -> [(PlannedJourney, PlannedJourney, Int)] {
        var rng = SimRandom(seed: config.seed, stream: Streams.event, UInt64(day.index))
        var weights: [Double] = []
        var acc = 0.0
        for (o, row) in rows.enumerated() {
            if o != venue.index { acc += row.reduce(0) { $0 + $1.journeys } }
            weights.append(acc)
        }
        guard acc > 0 else { return [] }
        let pairs = rng.poisson(Double(event.journeys) * config.scale)
        var out: [(PlannedJourney, PlannedJourney, Int)] = []
        for k in 0..<pairs {
            let u = rng.unit() * acc
            var lo = 0, hi = weights.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if weights[mid] > u { hi = mid } else { lo = mid + 1 } }
            let home = StationID(UInt16(lo))
            let outMinute = rng.uniform(Double(event.outbound.lowerBound), Double(event.outbound.upperBound))
            let backMinute = rng.uniform(Double(event.inbound.lowerBound), Double(event.inbound.upperBound))
            out.append((make(origin: home, destination: venue, minute: outMinute, day: day, kind: .eventOutbound),
                        make(origin: venue, destination: home, minute: backMinute, day: day, kind: .eventReturn), k))
        }
        return out
    }
}
