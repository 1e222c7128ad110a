extension CrowdingAccumulator {
    /// What publishing needs besides the totals.
    public struct PublishingContext: Sendable {
        /// Disclosure threshold k.
        public var threshold: Int
        /// Maps an instant to the start of its service day.
        public var calendar: ServiceCalendar
        /// The network, for route names and paths.
        public var network: Network
        /// Events per station and hour (quality), already merged.
        public var eventsPerStationHour: [(hourStart: Int64, station: StationID, events: Int)]
        /// Passengers per device, per station and day type.
        public var expansion: ExpansionFactors
        /// Run totals and parameters.
        public var quality: QualitySummary
        /// Exact (threshold suppression) or differentially private (docs/privacy.md).
        public var release: ReleaseMode = .exact
        /// The run's time window, when it has one: a private release then covers every
        /// service day overlapping it, whatever the data (otherwise the days with any count).
        public var window: Range<Int64>? = nil

        /// Creates a context.
        public init(threshold: Int, calendar: ServiceCalendar, network: Network,
                    eventsPerStationHour: [(hourStart: Int64, station: StationID, events: Int)],
                    expansion: ExpansionFactors, quality: QualitySummary) {
            self.threshold = threshold
            self.calendar = calendar
            self.network = network
            self.eventsPerStationHour = eventsPerStationHour
            self.expansion = expansion
            self.quality = quality
        }
    }

    /// The published snapshot: rows sorted by key, every count through disclosure control
    /// (see ``DisclosureControl`` for the rules and the groups used for each table).
    ///
    /// A private ``PublishingContext/release`` publishes with fresh noise from the system's
    /// secure generator instead (``publishPrivately(_:budget:noise:)``).
    public func publish(_ context: PublishingContext) -> CrowdingSnapshot {
        publish(context, odAndRoutes: true)
    }

    /// ``publish(_:)``; with `odAndRoutes` false, OD, route splits and distributions are left empty
    /// (not computed): the live engine's fast tier, which takes them from its last full
    /// publication. Exact releases only when `odAndRoutes` is false.
    package func publish(_ context: PublishingContext, odAndRoutes: Bool) -> CrowdingSnapshot {
        if let budget = context.release.budget {
            var noise = GaussianNoise()
            return publishPrivately(context, budget: budget, noise: &noise)
        }
        let k = Int64(context.threshold)
        let whole = DisclosureControl(threshold: k)
        let day = { (t: Int64) in context.calendar.serviceDayStart(of: t) }

        // Station bins: each count column protected within (station, service day).
        let binCells = stationBinCells
        let binKeys = binCells.map(\.key)
        let binGroups = DisclosureControl.groups(of: binKeys.count) { StationDay(station: binKeys[$0].station, day: day(binKeys[$0].binStart)) }
        func column(_ get: (StationBinCounts) -> Int) -> [Int?] {
            let values = binCells.map { Int64(get($0.counts)) }
            let hidden = whole.suppressed(values: values, groups: binGroups)
            return values.indices.map { hidden[$0] ? nil : Int(values[$0]) }
        }
        let occupancy = column(\.occupancy), platform = column(\.platformOccupancy), concourse = column(\.concourseOccupancy)
        let entries = column(\.entries), exits = column(\.exits), interchanges = column(\.interchanges), passes = column(\.passThroughs)
        let stationRows = binKeys.indices.map { i in
            StationBinRow(binStart: binKeys[i].binStart, station: binKeys[i].station, occupancy: occupancy[i],
                          platformOccupancy: platform[i], concourseOccupancy: concourse[i], entries: entries[i],
                          exits: exits[i], interchanges: interchanges[i], passThroughs: passes[i])
        }

        // OD: protected by (day, origin) and (day, destination).
        let odKeys = odAndRoutes ? originDestination.keys.sorted() : []
        let odValues = odKeys.map { Int64(originDestination[$0]!) }
        let odHidden = whole.suppressed(
            values: odValues,
            groups: DisclosureControl.groups(of: odKeys.count) { StationDay(station: odKeys[$0].origin, day: odKeys[$0].dayStart) }
                + DisclosureControl.groups(of: odKeys.count) { StationDay(station: odKeys[$0].destination, day: odKeys[$0].dayStart) })
        let odRows = odKeys.indices.map { i in
            ODRow(dayStart: odKeys[i].dayStart, origin: odKeys[i].origin, destination: odKeys[i].destination,
                  journeys: odHidden[i] ? nil : Int(odValues[i]))
        }

        // Route splits: protected within (day, OD pair).
        let named = (odAndRoutes ? routeSplitTotals : [:]).map { (key: $0.key, name: $0.key.route.name(in: context.network), path: Self.path($0.key.route, context.network), weight: $0.value.weight, journeys: $0.value.journeys) }
            .sorted { ($0.key.dayStart, $0.key.route.origin, $0.key.route.destination, $0.path) < ($1.key.dayStart, $1.key.route.origin, $1.key.route.destination, $1.path) }
        let routeGroupIDs = DisclosureControl.groups(of: named.count) { ODKey(dayStart: named[$0].key.dayStart, origin: named[$0].key.route.origin, destination: named[$0].key.route.destination) }
        // Inferred cells: the disclosure unit is the number of distinct journeys on the cell
        // (docs/aggregation.md), not its expected count, which is a sum of probabilities.
        let routeHidden = whole.suppressed(values: named.map { Int64($0.journeys) }, groups: routeGroupIDs)
        var routeTotals = [Int64](repeating: 0, count: named.count)
        for group in routeGroupIDs {
            let total = group.reduce(Int64(0)) { $0 + named[$1].weight.micros }
            for i in group { routeTotals[i] = total }
        }
        let routeRows = named.indices.map { i in
            RouteSplitRow(dayStart: named[i].key.dayStart, origin: named[i].key.route.origin, destination: named[i].key.route.destination,
                          route: named[i].name, path: named[i].path, journeys: routeHidden[i] ? nil : named[i].weight,
                          share: routeHidden[i] || routeTotals[i] == 0 ? nil : Double(named[i].weight.micros) / Double(routeTotals[i]))
        }

        // Link loads: protected within (link, day).
        let linkCells = linkLoadCells
        let linkKeys = linkCells.map(\.key)
        let linkHidden = whole.suppressed(
            values: linkCells.map { Int64($0.load.journeys) },
            groups: DisclosureControl.groups(of: linkKeys.count) { LinkDay(link: linkKeys[$0].link, day: day(linkKeys[$0].binStart)) })
        let linkRows = linkKeys.indices.map { i in
            LinkLoadRow(binStart: linkKeys[i].binStart, link: linkKeys[i].link, devices: linkHidden[i] ? nil : linkCells[i].load.weight)
        }

        // Interchange flows: protected within (station, day).
        let flowKeys = interchangeFlows.keys.sorted()
        let flowHidden = whole.suppressed(
            values: flowKeys.map { Int64(interchangeFlows[$0]!.journeys) },
            groups: DisclosureControl.groups(of: flowKeys.count) { StationDay(station: flowKeys[$0].station, day: day(flowKeys[$0].binStart)) })
        let flowRows = flowKeys.indices.map { i in
            InterchangeFlowRow(binStart: flowKeys[i].binStart, station: flowKeys[i].station, fromLine: flowKeys[i].fromLine,
                               toLine: flowKeys[i].toLine, devices: flowHidden[i] ? nil : interchangeFlows[flowKeys[i]]!.weight)
        }

        // Distributions: station rows protected within (day, metric); the network row is their sum.
        let distKeys = (odAndRoutes ? distributions.keys : []).sorted { ($0.dayStart, $0.metric.rawValue, $0.station.map { Int($0.rawValue) } ?? -1) < ($1.dayStart, $1.metric.rawValue, $1.station.map { Int($0.rawValue) } ?? -1) }
        let distCounts = distKeys.map { Int64(distributions.histogram($0)!.count) }
        let stationDistGroups = DisclosureControl.groups(of: distKeys.count) { DayMetric(day: distKeys[$0].dayStart, metric: distKeys[$0].metric.rawValue, network: distKeys[$0].station == nil) }
            .filter { distKeys[$0[0]].station != nil }
        let distHidden = whole.suppressed(values: distCounts, groups: stationDistGroups)
        let distRows = distKeys.indices.map { i -> DistributionRow in
            let h = distributions.histogram(distKeys[i])!
            let hidden = distHidden[i]
            return DistributionRow(dayStart: distKeys[i].dayStart, metric: distKeys[i].metric, station: distKeys[i].station,
                                   count: hidden ? nil : h.count, medianSeconds: hidden ? nil : h.percentile(0.5),
                                   p90Seconds: hidden ? nil : h.percentile(0.9))
        }

        // Events per station and hour: protected within (station, day).
        let hours = context.eventsPerStationHour.sorted { ($0.hourStart, $0.station) < ($1.hourStart, $1.station) }
        let hourHidden = whole.suppressed(
            values: hours.map { Int64($0.events) },
            groups: DisclosureControl.groups(of: hours.count) { StationDay(station: hours[$0].station, day: day(hours[$0].hourStart)) })
        let hourRows = hours.indices.map { StationHourEventsRow(hourStart: hours[$0].hourStart, station: hours[$0].station, events: hourHidden[$0] ? nil : hours[$0].events) }

        let estimates = passengerEstimates(context, day: day, control: whole)
        return CrowdingSnapshot(
            binMillis: binMillis, disclosureThreshold: context.threshold, stationBins: stationRows, originDestination: odRows,
            routeSplits: routeRows, linkLoads: linkRows, interchangeFlows: flowRows, distributions: distRows,
            eventsPerStationHour: hourRows, passengerEstimates: estimates, quality: context.quality)
    }

    /// Every station of the route in order, with the line before each leg:
    /// `NAPTAN>Line>NAPTAN>NAPTAN>…`; a walk between stations shows as `~`. Two routes
    /// differ in path exactly when they differ in stations or lines (branches included).
    static func path(_ route: Route, _ network: Network) -> String {
        var parts: [String] = []
        for leg in route.legs {
            switch leg {
            case .ride(let line, _, let stations):
                if parts.isEmpty { parts.append(network.stations[stations[0].index].naptan) }
                parts.append(network.lines[line.index])
                for s in stations.dropFirst() { parts.append(network.stations[s.index].naptan) }
            case .walk(let from, let to, _):
                if parts.isEmpty { parts.append(network.stations[from.index].naptan) }
                parts.append("~")
                parts.append(network.stations[to.index].naptan)
            }
        }
        return parts.joined(separator: ">")
    }

    private func passengerEstimates(_ context: PublishingContext, day: (Int64) -> Int64, control: DisclosureControl) -> [PassengerEstimateRow] {
        var daily: [StationDayDirection: Int] = [:]
        for (key, counts) in stationBinCells {
            let d = day(key.binStart)
            if counts.entries > 0 { daily[StationDayDirection(station: key.station, day: d, entries: true), default: 0] += counts.entries }
            if counts.exits > 0 { daily[StationDayDirection(station: key.station, day: d, entries: false), default: 0] += counts.exits }
        }
        let keys = daily.keys.sorted { ($0.day, $0.station, $0.entries ? 0 : 1) < ($1.day, $1.station, $1.entries ? 0 : 1) }
        let samples = keys.map { Int64(daily[$0]!) }
        let hidden = control.suppressed(
            values: samples,
            groups: DisclosureControl.groups(of: keys.count) { DayDirection(day: keys[$0].day, entries: keys[$0].entries) })
        let factors = context.expansion.factors(observed: daily, calendar: context.calendar)
        return keys.indices.map { i in
            let key = keys[i]
            let factor = factors[key] ?? context.expansion.defaultFactor
            let n = Double(samples[i])
            let (lo, hi) = PoissonInterval.ninetyFive(count: Int(samples[i]))
            return PassengerEstimateRow(
                dayStart: key.day, station: key.station, direction: key.entries ? .entries : .exits,
                sampleDevices: hidden[i] ? nil : Int(samples[i]), expansionFactor: factor.value, factorSource: factor.source,
                estimate: hidden[i] ? nil : n * factor.value, lower: hidden[i] ? nil : lo * factor.value,
                upper: hidden[i] ? nil : hi * factor.value)
        }
    }
}

struct StationDay: Hashable { var station: StationID; var day: Int64 }
struct LinkDay: Hashable { var link: LinkID; var day: Int64 }
struct DayMetric: Hashable { var day: Int64; var metric: String; var network: Bool }
struct DayDirection: Hashable { var day: Int64; var entries: Bool }

/// A station, service day and direction (entries or exits).
public struct StationDayDirection: Hashable, Sendable {
    /// The station.
    public var station: StationID
    /// The service day's start.
    public var day: Int64
    /// Entries (`true`) or exits.
    public var entries: Bool
}
