/// The differentially private release (docs/privacy.md): every published count gets fresh
/// Gaussian noise calibrated to the bounded contribution of one device-day.
///
/// - Station bins and link loads are published on their whole domain — every station with
///   access points (every link) × every bin of every service day of the run — so whether a
///   row exists says nothing about anyone. Values are rounded but not clamped: a quiet cell
///   may be negative, so that sums over cells stay unbiased (readers clamp for display).
/// - OD, route splits and interchange flows are sparse: a row is published only when its
///   noisy value reaches the measure's selection threshold, set so that a cell that only one
///   device-day fed appears with probability below the release's row δ.
/// - Distributions are published for the whole network only, from noisy one-minute histograms.
/// - Passenger estimates are sums of the published entries and exits (so they add up), their
///   interval widened by the noise. Events per station and hour and the line accounting are
///   not published (they cannot be bounded per device); the run's report keeps them.
extension CrowdingAccumulator {
    package func publishPrivately<G: RandomNumberGenerator>(
        _ context: PublishingContext, budget: PrivacyBudget, noise: inout GaussianNoise<G>
    ) -> CrowdingSnapshot {
        let release = PrivacyRelease(budget: budget)
        let day = { (t: Int64) in context.calendar.serviceDayStart(of: t) }
        let network = context.network

        // The domain: service days with any count, every bin overlapping them.
        var days = Set<Int64>()
        if let window = context.window, window.upperBound - window.lowerBound <= 800 * 86_400_000 {
            var d = day(window.lowerBound)
            while d < window.upperBound { days.insert(d); d = day(d + 30 * 3_600_000) }
        } else {
            for b in stationBins.bins { days.insert(day(b)) }
            for b in linkLoads.bins { days.insert(day(b)) }
            for k in originDestination.keys { days.insert(k.dayStart) }
        }
        let dayList = days.sorted()
        var binSet = Set<Int64>()
        for d in dayList {
            let next = day(d + 30 * 3_600_000)
            var b = bin(d)
            while b < next { binSet.insert(b); b += binMillis }
        }
        let bins = binSet.sorted()
        let stations = network.stations.indices.filter { !network.accessPointsOfStation[$0].isEmpty }.map { StationID(UInt16($0)) }

        // Unbiased: dense cells are not clamped (sums stay unbiased); selected rows pass a
        // positive threshold anyway. Histogram buckets are clamped (percentiles need counts).
        func noisyCount(_ value: Int, _ sigma: Double) -> Int { Int((Double(value) + noise.sample(sigma: sigma)).rounded()) }
        func noisyFixed(_ value: FixedCount, _ sigma: Double) -> FixedCount {
            FixedCount(micros: Int64((Double(value.micros) + noise.sample(sigma: sigma * Double(FixedCount.scale))).rounded()))
        }

        // Station bins, dense.
        let s = { (m: PublishedMeasure) in budget.sigma(m) }
        var stationRows: [StationBinRow] = []
        stationRows.reserveCapacity(bins.count * stations.count)
        for b in bins {
            for station in stations {
                let c = stationBins.value(bin: b, entity: station.index) ?? StationBinCounts()
                stationRows.append(StationBinRow(
                    binStart: b, station: station, occupancy: noisyCount(c.occupancy, s(.occupancy)),
                    platformOccupancy: noisyCount(c.platformOccupancy, s(.platformOccupancy)),
                    concourseOccupancy: noisyCount(c.concourseOccupancy, s(.concourseOccupancy)),
                    entries: noisyCount(c.entries, s(.entries)), exits: noisyCount(c.exits, s(.exits)),
                    interchanges: noisyCount(c.interchanges, s(.interchanges)), passThroughs: noisyCount(c.passThroughs, s(.passThroughs))))
            }
        }

        // Link loads, dense.
        var linkRows: [LinkLoadRow] = []
        linkRows.reserveCapacity(bins.count * network.links.count)
        for b in bins {
            for l in network.links.indices {
                let link = LinkID(UInt32(l))
                linkRows.append(LinkLoadRow(binStart: b, link: link, devices: noisyFixed(linkLoads.value(bin: b, entity: l)?.weight ?? .zero, s(.linkLoads))))
            }
        }

        // OD, selected by threshold.
        let odThreshold = budget.selectionThreshold(.journeys)
        var odRows: [ODRow] = []
        for key in originDestination.keys.sorted() {
            let v = Double(originDestination[key]!) + noise.sample(sigma: s(.journeys))
            guard v >= odThreshold else { continue }
            odRows.append(ODRow(dayStart: key.dayStart, origin: key.origin, destination: key.destination, journeys: Int(v.rounded())))
        }

        // Route splits, selected; shares among the published routes of the OD pair.
        let routeThreshold = budget.selectionThreshold(.routeSplits)
        let named = routeSplitTotals.map { (key: $0.key, name: $0.key.route.name(in: network), path: Self.path($0.key.route, network), weight: $0.value.weight) }
            .sorted { ($0.key.dayStart, $0.key.route.origin, $0.key.route.destination, $0.path) < ($1.key.dayStart, $1.key.route.origin, $1.key.route.destination, $1.path) }
        var published: [(index: Int, weight: FixedCount)] = []
        for (i, r) in named.enumerated() {
            let v = noisyFixed(r.weight, s(.routeSplits))
            if v.value >= routeThreshold { published.append((i, v)) }
        }
        var totals: [ODKey: Int64] = [:]
        for p in published {
            let k = named[p.index].key
            totals[ODKey(dayStart: k.dayStart, origin: k.route.origin, destination: k.route.destination), default: 0] += p.weight.micros
        }
        let routeRows = published.map { p -> RouteSplitRow in
            let r = named[p.index]
            let total = totals[ODKey(dayStart: r.key.dayStart, origin: r.key.route.origin, destination: r.key.route.destination)] ?? 0
            return RouteSplitRow(dayStart: r.key.dayStart, origin: r.key.route.origin, destination: r.key.route.destination,
                                 route: r.name, path: r.path, journeys: p.weight,
                                 share: total > 0 ? Double(p.weight.micros) / Double(total) : nil)
        }

        // Interchange flows, selected.
        let flowThreshold = budget.selectionThreshold(.interchangeFlows)
        var flowRows: [InterchangeFlowRow] = []
        for key in interchangeFlows.keys.sorted() {
            let v = noisyFixed(interchangeFlows[key]!.weight, s(.interchangeFlows))
            guard v.value >= flowThreshold else { continue }
            flowRows.append(InterchangeFlowRow(binStart: key.binStart, station: key.station, fromLine: key.fromLine, toLine: key.toLine, devices: v))
        }

        // Distributions: the whole network, from noisy one-minute histograms.
        var distRows: [DistributionRow] = []
        for d in dayList {
            for metric in DistributionRow.Metric.allCases {
                let measure: PublishedMeasure = switch metric {
                case .dwell: .dwellTimes
                case .interchange: .interchangeTimes
                case .journeyTime: .journeyTimes
                }
                var buckets = [Int](repeating: 0, count: Self.privateHistogramBuckets)
                if let h = distributions.histogram(DistributionKey(dayStart: d, metric: metric, station: nil)) {
                    for (seconds, n) in h.counts { buckets[min(Self.privateHistogramBuckets - 1, Int(seconds) / 60)] += n }
                }
                for i in buckets.indices { buckets[i] = noisyCount(buckets[i], s(measure)) }
                // The count is the unclamped sum (unbiased); percentiles come from the noisy
                // cumulative counts made monotone.
                let count = max(0, buckets.reduce(0, +))
                distRows.append(DistributionRow(dayStart: d, metric: metric, station: nil, count: count,
                                                medianSeconds: Self.bucketPercentile(buckets, 0.5, count),
                                                p90Seconds: Self.bucketPercentile(buckets, 0.9, count)))
            }
        }

        let estimates = privatePassengerEstimates(context, rows: stationRows, bins: bins, day: day, release: release)
        var quality = context.quality
        quality.clippedJourneys = clippedJourneys
        quality.clippedCells = clippedCells
        var snapshot = CrowdingSnapshot(
            binMillis: binMillis, disclosureThreshold: context.threshold, stationBins: stationRows, originDestination: odRows,
            routeSplits: routeRows, linkLoads: linkRows, interchangeFlows: flowRows, distributions: distRows,
            eventsPerStationHour: [], passengerEstimates: estimates, quality: quality)
        snapshot.privacy = release
        return snapshot
    }

    /// One-minute buckets from 0 to 3 hours, the last one open-ended.
    static var privateHistogramBuckets: Int { 181 }

    /// The nearest-rank percentile of (noisy) bucket counts, at the bucket's middle, in
    /// seconds: the first bucket whose running maximum of the cumulative count reaches the rank
    /// (so negative noisy buckets cannot make the cumulative count go back).
    static func bucketPercentile(_ buckets: [Int], _ p: Double, _ count: Int) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((p * Double(count)).rounded(.up)))
        var cumulative = 0, monotone = 0
        for (i, n) in buckets.enumerated() {
            cumulative += n
            monotone = max(monotone, cumulative)
            if monotone >= rank { return Double(i * 60 + 30) }
        }
        return Double((buckets.count - 1) * 60 + 30)
    }

    private func privatePassengerEstimates(_ context: PublishingContext, rows: [StationBinRow], bins: [Int64],
                                           day: (Int64) -> Int64, release: PrivacyRelease) -> [PassengerEstimateRow] {
        var daily: [StationDayDirection: Int] = [:]
        var binsPerDay: [Int64: Int] = [:]
        for b in bins { binsPerDay[day(b), default: 0] += 1 }
        for r in rows {
            let d = day(r.binStart)
            daily[StationDayDirection(station: r.station, day: d, entries: true), default: 0] += r.entries ?? 0
            daily[StationDayDirection(station: r.station, day: d, entries: false), default: 0] += r.exits ?? 0
        }
        let keys = daily.keys.sorted { ($0.day, $0.station, $0.entries ? 0 : 1) < ($1.day, $1.station, $1.entries ? 0 : 1) }
        // Calibrate only on daily samples well above their noise (3 sd), so a noisy small sample
        // cannot give an absurd factor; the others take the default factor.
        func noiseSD(_ key: StationDayDirection) -> Double {
            release.sigma(key.entries ? .entries : .exits) * Double(binsPerDay[key.day] ?? 0).squareRoot()
        }
        let calibrating = daily.filter { Double($0.value) >= 3 * noiseSD($0.key) }
        // The time the logs cover, for the gate counts to compare with, from the published
        // bins (the exact first and last pings would leak): the bins whose network occupancy
        // is clearly above its noise (5 sd).
        var networkOccupancy: [Int64: Int] = [:]
        for r in rows { networkOccupancy[r.binStart, default: 0] += r.occupancy ?? 0 }
        let stationsPerBin = Double(rows.count) / Double(max(1, bins.count))
        let floor = 5 * release.sigma(.occupancy) * stationsPerBin.squareRoot()
        let covered = networkOccupancy.filter { Double($0.value) > floor }.keys
        var expansion = context.expansion
        expansion.coverage = covered.min().map { first in first...(covered.max()! + binMillis - 1) }
        let factors = expansion.factors(observed: calibrating, calendar: context.calendar)
        // Station-days with gate counts but too few devices to calibrate on their own take the
        // network's calibrated ratio (Σ gate / Σ devices over the calibrated ones).
        let profiled = expansion.factors(observed: daily.mapValues { max($0, 1) }, calendar: context.calendar)
        var gateSum = 0.0, deviceSum = 0.0
        for (key, f) in factors { gateSum += f.value * Double(daily[key]!); deviceSum += Double(daily[key]!) }
        let network = deviceSum > 0 ? ExpansionFactors.Factor(value: gateSum / deviceSum, source: "gate-counts:network") : nil
        return keys.map { key in
            let factor = factors[key] ?? (profiled[key] != nil ? network : nil) ?? expansion.defaultFactor
            // The published sample is the sum of the published cells (it adds up, and may be
            // negative like them); the estimate reads it as at least 0.
            let sample = daily[key]!
            let n = Double(max(0, sample))
            // Poisson sampling and the release's noise, summed over the day's bins.
            let sd = (max(n, 1) + noiseSD(key) * noiseSD(key)).squareRoot()
            return PassengerEstimateRow(
                dayStart: key.day, station: key.station, direction: key.entries ? .entries : .exits,
                sampleDevices: sample, expansionFactor: factor.value, factorSource: factor.source,
                estimate: n * factor.value, lower: max(0, n - 1.96 * sd) * factor.value, upper: (n + 1.96 * sd) * factor.value)
        }
    }
}
