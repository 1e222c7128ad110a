public import ThrongCore

/// Observed demand the simulator draws from: daily origin–destination journeys (RODS) by
/// year, and each station's quarter-hour entry profile (2019 counts) by day type.
public struct DemandData: Sendable {
    /// One origin's destinations and daily journeys.
    public typealias Row = [(destination: StationID, journeys: Double)]

    /// Daily journeys by year, then origin station index.
    public private(set) var odByYear: [Int: [Row]]
    /// Entry profiles: day type → station index → 96 quarter-hour counts from 05:00 (nil when unknown).
    public private(set) var entryProfiles: [DayType: [[Double]?]]
    /// Number of stations of the network this demand refers to.
    public let stationCount: Int

    /// Empty demand for a network of `stationCount` stations.
    public init(stationCount: Int) {
        self.stationCount = stationCount
        odByYear = [:]
        entryProfiles = [:]
    }

    /// Adds daily journeys from `origin` to `destination` in `year`.
    public mutating func addOD(year: Int, origin: StationID, destination: StationID, journeys: Double) {
        guard journeys > 0, origin != destination else { return }
        var rows = odByYear[year] ?? [Row](repeating: [], count: stationCount)
        rows[origin.index].append((destination, journeys))
        odByYear[year] = rows
    }

    /// Sets a station's entry profile for a day type (96 quarter hours from 05:00).
    public mutating func setEntryProfile(_ station: StationID, dayType: DayType, quarterHours: [Double]) {
        precondition(quarterHours.count == 96, "a profile has 96 quarter hours")
        var profiles = entryProfiles[dayType] ?? [[Double]?](repeating: nil, count: stationCount)
        profiles[station.index] = quarterHours
        entryProfiles[dayType] = profiles
    }

    /// The years with OD data, ascending.
    public var years: [Int] { odByYear.keys.sorted() }

    /// The entry profile of a station for a day type: its own, else the network average.
    func profile(_ station: StationID, _ dayType: DayType) -> [Double] {
        if let p = entryProfiles[dayType]?[station.index] ?? nil, p.reduce(0, +) > 0 { return p }
        return averageProfile(dayType)
    }

    /// The sum of all stations' profiles for a day type (flat if there is none).
    func averageProfile(_ dayType: DayType) -> [Double] {
        var sum = [Double](repeating: 0, count: 96)
        for p in entryProfiles[dayType] ?? [] { if let p { for i in 0..<96 { sum[i] += p[i] } } }
        if sum.reduce(0, +) == 0 { return [Double](repeating: 1, count: 96) }
        return sum
    }

    /// How much a day type's demand is relative to Monday–Thursday at a station (from profiles).
    func dayFactor(_ station: StationID, _ dayType: DayType) -> Double {
        guard dayType != .mondayToThursday else { return 1 }
        let own = (entryProfiles[dayType]?[station.index] ?? nil)?.reduce(0, +)
        let base = (entryProfiles[.mondayToThursday]?[station.index] ?? nil)?.reduce(0, +)
        if let own, let base, base > 0 { return own / base }
        let a = averageProfile(dayType).reduce(0, +), b = averageProfile(.mondayToThursday).reduce(0, +)
        return b > 0 ? a / b : 1
    }
}
