/// Devices to people: the factor (people per device) of each station and service day, and
/// the 95% interval of an expanded count. One definition, used by the snapshot's people tables
/// and by the query library (`docs/crowding.md`, "People, not devices").
///
/// - Station `s` on day `d`: the mean of its `passenger_estimates` expansion factors that day
///   (entries and exits); without rows, the mean over the day's stations; without any row at
///   all, ``fallbackFactor``.
/// - Links on day `d`: Σ estimate / Σ sample devices over the day's published estimates (the
///   network's people per device); without them, the day's mean station factor.
public struct PeopleExpansion: Sendable {
    /// People per device where nothing calibrates: the batch default device rate 0.5.
    public static let fallbackFactor = 2.0

    private var station: [Int64: [StationID: (sum: Double, n: Int)]] = [:]
    private var link: [Int64: (estimate: Double, sample: Double)] = [:]
    private var dayMean: [Int64: Double] = [:]
    private var global = PeopleExpansion.fallbackFactor

    /// Builds the factors from passenger-estimate rows.
    public init(_ rows: [PassengerEstimateRow]) {
        self.init(rows.map { ($0.dayStart, $0.station, $0.expansionFactor, $0.sampleDevices, $0.estimate) })
    }

    /// Builds the factors from `(day start, station, factor, sample devices, estimate)` rows.
    public init(_ rows: [(dayStart: Int64, station: StationID, factor: Double, sample: Int?, estimate: Double?)]) {
        var all = 0.0, allN = 0
        for r in rows where r.factor.isFinite && r.factor > 0 {
            var entry = station[r.dayStart, default: [:]][r.station] ?? (0, 0)
            entry.sum += r.factor
            entry.n += 1
            station[r.dayStart, default: [:]][r.station] = entry
            all += r.factor
            allN += 1
            if let sample = r.sample, let estimate = r.estimate, sample > 0 {
                let prev = link[r.dayStart] ?? (0, 0)
                link[r.dayStart] = (prev.estimate + estimate, prev.sample + Double(sample))
            }
        }
        if allN > 0 { global = all / Double(allN) }
        for (day, stations) in station {
            let means = stations.values.map { $0.sum / Double($0.n) }
            dayMean[day] = means.reduce(0, +) / Double(means.count)
        }
    }

    /// People per device at `station` on the service day starting at `dayStart`.
    public func stationFactor(_ s: StationID, dayStart: Int64) -> Double {
        if let e = station[dayStart]?[s] { return e.sum / Double(e.n) }
        return dayMean[dayStart] ?? global
    }

    /// People per device on links on the service day starting at `dayStart`.
    public func linkFactor(dayStart: Int64) -> Double {
        if let r = link[dayStart], r.sample > 0 { return r.estimate / r.sample }
        return dayMean[dayStart] ?? global
    }

    /// `devices × factor` with its 95% interval: the devices are a binomial sample of the people
    /// present at rate `r = 1 / factor`; the Poisson 95% interval of the (rounded) count is
    /// narrowed about it by `√(1 − r)` and scaled by the factor. A count from a private release
    /// carries Gaussian noise of standard deviation `noiseSigma` (devices): each half-width is
    /// then combined with the noise's, `√(h² + (1.96 σ)²)`.
    public static func estimate(devices: Double, factor: Double, noiseSigma: Double = 0) -> (people: Double, lower: Double, upper: Double) {
        let n = max(0, devices)
        let k = Int(n.rounded())
        let (lo, hi) = PoissonInterval.ninetyFive(count: k)
        let rate = factor > 1 ? 1 / factor : 1
        let shrink = (1 - rate).squareRoot()
        let centre = Double(k)
        var below = (centre - lo) * shrink, above = (hi - centre) * shrink
        if noiseSigma > 0 {
            // Exact releases keep the expression above bit for bit.
            let noise = 1.959964 * noiseSigma
            below = (below * below + noise * noise).squareRoot()
            above = (above * above + noise * noise).squareRoot()
        }
        return (n * factor, max(0, centre - below) * factor, (centre + above) * factor)
    }
}
