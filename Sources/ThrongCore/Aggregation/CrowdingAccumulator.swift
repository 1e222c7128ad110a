/// One worker's running totals. Workers never share an accumulator: each adds the
/// devices of its own partitions, and the run merges the accumulators at the end
/// (``merge(_:)``). Every total is an integer or a ``FixedCount``, so the merged result
/// does not depend on how devices were spread over workers or in which order they came.
public struct CrowdingAccumulator: Sendable {
    /// Bin width in milliseconds.
    public let binMillis: Int64

    /// Per bin and station index.
    var stationBins = BinnedCells<StationBinCounts>()
    var originDestination: [ODKey: Int] = [:]
    var routeSplits: [RouteSplitKey: InferredCell] = [:]
    /// Route splits of interned routes, by (day, route id); `routeOfID` holds each id's route.
    var routeSplitsByID: [RouteIDDay: InferredCell] = [:]
    var routeOfID: [UInt32: Route] = [:]
    /// Per bin and link index.
    var linkLoads = BinnedCells<InferredCell>()
    var interchangeFlows: [InterchangeFlowKey: InferredCell] = [:]
    /// Journey numbers handed out so far, and the journey whose candidates are being added
    /// (0: none), so that each inferred cell counts the distinct journeys on it.
    private var journeyCounter: UInt32 = 0
    private var currentJourney: UInt32 = 0
    var distributions = DurationTables()
    /// Presence marks of the device being added (with repeats), deduplicated by sorting in
    /// ``endDevice()``: a flat buffer reused from device to device, no hashing per mark.
    var devicePresence: [PresenceMark] = []
    /// Bounds per device-day for a private release, `nil` for an exact one.
    var limiter: DeviceContributionLimiter?
    /// Journeys left out by the contribution bounds (private releases).
    public private(set) var clippedJourneys = 0
    /// Presence, interchange and pass-through cells left out by the contribution bounds.
    public private(set) var clippedCells = 0

    /// An empty accumulator.
    public init(binMillis: Int64) {
        precondition(binMillis > 0)
        self.binMillis = binMillis
    }

    /// An empty accumulator that bounds each device's contribution for a private release
    /// (`privacy`), or none (`nil`). The bounds are per device as added between
    /// ``beginDevice()`` calls: add one device-day at a time for bounds per device-day, as a
    /// private batch run does (it keys devices per service day).
    public init(binMillis: Int64, privacy: ContributionBounds?) {
        self.init(binMillis: binMillis)
        if let privacy { limiter = DeviceContributionLimiter(bounds: privacy) }
    }

    /// The contribution bounds in force, `nil` for an exact release.
    public var contributionBounds: ContributionBounds? { limiter?.bounds }

    /// Starts a device: its contributions are bounded from here to the next call.
    public mutating func beginDevice() {
        limiter?.reset()
    }

    /// Whether the current device's next journey counts (always, in an exact release; the
    /// first ``ContributionBounds/journeysPerDay`` of the device otherwise).
    public mutating func admitJourney() -> Bool {
        guard limiter != nil else { return true }
        let admitted = limiter!.admitJourney()
        if !admitted { clippedJourneys += 1 }
        return admitted
    }

    @inline(__always) private mutating func admit(_ kind: DeviceContributionLimiter.Kind, _ station: StationID, _ binStart: Int64) -> Bool {
        guard limiter != nil else { return true }
        switch limiter!.admit(kind, station: station, binStart: binStart) {
        case .counted: return true
        case .repeated: return false
        case .clipped:
            clippedCells += 1
            return false
        }
    }

    @inlinable func bin(_ time: Int64) -> Int64 { time.floorDiv(binMillis) * binMillis }

    // MARK: Occupancy

    /// Marks the current device present at `station` in `area` from `start` to `end`
    /// (inclusive; a single ping has `start == end`). Counted once per device, bin,
    /// station and area when ``endDevice()`` is called.
    public mutating func markPresence(station: StationID, onPlatform: Bool, from start: Int64, to end: Int64) {
        var b = bin(start)
        let last = bin(max(start, end))
        while b <= last {
            devicePresence.append(PresenceMark(binStart: b, station: station, platform: onPlatform))
            b += binMillis
        }
    }

    /// Turns the current device's presence marks into occupancy counts: each distinct
    /// (bin, station, area) once; occupancy once per (bin, station), by the platform mark
    /// when there is one.
    public mutating func endDevice() {
        guard !devicePresence.isEmpty else { return }
        // Sorted by bin, station, platform first: duplicates are adjacent, a cell's platform
        // mark comes before its concourse mark, and a private release's bounds see the
        // earliest cells first, so what is left out does not depend on the order of marking.
        devicePresence.sort()
        // Swapped out, so that counting (which changes self) does not overlap reading the marks.
        var marks: [PresenceMark] = []
        swap(&marks, &devicePresence)
        Self.forEachDistinctPresence(marks) { mark, anywhere in
            guard admit(.presence, mark.station, mark.binStart) else { return false }
            stationBins.update(bin: mark.binStart, entity: mark.station.index) { $0.add(platform: mark.platform, anywhere: anywhere) }
            return true
        }
        marks.removeAll(keepingCapacity: true)
        swap(&marks, &devicePresence)
    }

    /// Calls `count` once per distinct mark of sorted `marks`, with whether the mark counts in
    /// the station's occupancy too: a concourse mark does not when the device has a platform
    /// mark in the same bin and station (sorted first), unless `count` left that one out
    /// (returned false: a private release's bounds).
    @inline(__always)
    static func forEachDistinctPresence(_ marks: [PresenceMark], _ count: (PresenceMark, _ anywhere: Bool) -> Bool) {
        var previous = PresenceMark.none
        var platformCell = PresenceMark.none
        for mark in marks where mark != previous {
            previous = mark
            if mark.platform {
                if count(mark, true) { platformCell = mark }
            } else {
                let alsoPlatform = platformCell.binStart == mark.binStart && platformCell.stationCode == mark.stationCode
                _ = count(mark, !alsoPlatform)
            }
        }
    }

    // MARK: Station events

    /// A journey began at `station` at `time` (its first ping).
    public mutating func addEntry(station: StationID, at time: Int64) {
        guard admit(.entry, station, bin(time)) else { return }
        stationBins.update(bin: bin(time), entity: station.index) { $0.entries += 1 }
    }

    /// A journey ended at `station` at `time` (its last ping).
    public mutating func addExit(station: StationID, at time: Int64) {
        guard admit(.exit, station, bin(time)) else { return }
        stationBins.update(bin: bin(time), entity: station.index) { $0.exits += 1 }
    }

    /// An interchange visit at `station` starting at `time`.
    /// - Returns: whether it counted (a private release bounds interchanges per device-day).
    @discardableResult
    public mutating func addInterchange(station: StationID, at time: Int64) -> Bool {
        guard admit(.interchange, station, bin(time)) else { return false }
        stationBins.update(bin: bin(time), entity: station.index) { $0.interchanges += 1 }
        return true
    }

    /// A pass-through visit at `station` at `time`.
    public mutating func addPassThrough(station: StationID, at time: Int64) {
        guard admit(.passThrough, station, bin(time)) else { return }
        stationBins.update(bin: bin(time), entity: station.index) { $0.passThroughs += 1 }
    }

    // MARK: Flows

    /// A journey seen at both ends on the service day starting at `dayStart`.
    public mutating func addJourney(dayStart: Int64, origin: StationID, destination: StationID) {
        originDestination[ODKey(dayStart: dayStart, origin: origin, destination: destination), default: 0] += 1
    }

    /// Starts a journey's inferred contributions (route splits, link loads, interchange flows):
    /// every cell it adds to counts it once, however many of its candidates share the cell.
    /// Without this call, each addition counts as a journey of its own.
    public mutating func beginJourney() {
        currentJourney = nextJourneyNumber()
    }

    /// Ends the journey started by ``beginJourney()``.
    public mutating func endJourney() {
        currentJourney = 0
    }

    private mutating func nextJourneyNumber() -> UInt32 {
        journeyCounter &+= 1
        if journeyCounter == 0 { journeyCounter = 1 }
        return journeyCounter
    }

    /// The journey number for an addition: the current journey, or a fresh one outside
    /// ``beginJourney()``.
    @inline(__always) private mutating func journeyForAddition() -> UInt32 {
        currentJourney != 0 ? currentJourney : nextJourneyNumber()
    }

    /// `weight` expected journeys on `route` (a posterior probability).
    public mutating func addRoute(dayStart: Int64, route: Route, weight: FixedCount) {
        let j = journeyForAddition()
        routeSplits[RouteSplitKey(dayStart: dayStart, route: route), default: .zero].add(weight, journey: j)
    }

    /// The same for a route interned by a ``RouteSet`` as `routeID`: keyed on the id (a cheap
    /// hash), the route kept once per id for publishing.
    public mutating func addRoute(dayStart: Int64, routeID: UInt32, route: borrowing Route, weight: FixedCount) {
        let key = RouteIDDay(dayStart: dayStart, routeID: routeID)
        let j = journeyForAddition()
        if let index = routeSplitsByID.index(forKey: key) {
            routeSplitsByID.values[index].add(weight, journey: j)
        } else {
            var cell = InferredCell()
            cell.add(weight, journey: j)
            routeSplitsByID[key] = cell
            if routeOfID[routeID] == nil { routeOfID[routeID] = copy route }
        }
    }

    /// Route splits keyed by route, whichever way they were added.
    var routeSplitTotals: [RouteSplitKey: InferredCell] {
        var all = routeSplits
        for (key, cell) in routeSplitsByID {
            all[RouteSplitKey(dayStart: key.dayStart, route: routeOfID[key.routeID]!), default: .zero].merge(cell)
        }
        return all
    }

    /// `weight` expected devices traversing `link` at `time`.
    public mutating func addLinkTraversal(link: LinkID, at time: Int64, weight: FixedCount) {
        let j = journeyForAddition()
        linkLoads.update(bin: bin(time), entity: link.index) { $0.add(weight, journey: j) }
    }

    /// `weight` expected devices changing from `fromLine` to `toLine` at `station` at `time`.
    public mutating func addInterchangeFlow(station: StationID, fromLine: LineID, toLine: LineID, at time: Int64, weight: FixedCount) {
        let key = InterchangeFlowKey(binStart: bin(time), station: station, fromLine: fromLine, toLine: toLine)
        let j = journeyForAddition()
        interchangeFlows[key, default: .zero].add(weight, journey: j)
    }

    /// One observed duration, for the station (if any) and for the whole network.
    public mutating func addDuration(_ metric: DistributionRow.Metric, dayStart: Int64, station: StationID?, milliseconds: Int64) {
        distributions.add(metric, dayStart: dayStart, station: station, milliseconds: milliseconds)
    }

    // MARK: Merge

    /// Adds every total of `other` (another worker's) into this one.
    public mutating func merge(_ other: CrowdingAccumulator) {
        precondition(other.binMillis == binMillis)
        stationBins.merge(other.stationBins) { $0.add($1) }
        for (k, v) in other.originDestination { originDestination[k, default: 0] += v }
        for (k, v) in other.routeSplits { routeSplits[k, default: .zero].merge(v) }
        for (k, v) in other.routeSplitsByID { routeSplitsByID[k, default: .zero].merge(v) }
        for (id, route) in other.routeOfID where routeOfID[id] == nil { routeOfID[id] = route }
        linkLoads.merge(other.linkLoads) { $0.merge($1) }
        for (k, v) in other.interchangeFlows { interchangeFlows[k, default: .zero].merge(v) }
        distributions.merge(other.distributions)
        clippedJourneys += other.clippedJourneys
        clippedCells += other.clippedCells
    }

    /// Adds only `other`'s station bins, link loads and interchange flows: what a live epoch
    /// republishes every second (the live engine's fast tier, docs/live.md).
    package mutating func mergeStationsAndLinks(_ other: CrowdingAccumulator) {
        precondition(other.binMillis == binMillis)
        stationBins.merge(other.stationBins) { $0.add($1) }
        linkLoads.merge(other.linkLoads) { $0.merge($1) }
        for (k, v) in other.interchangeFlows { interchangeFlows[k, default: .zero].merge(v) }
    }
}

/// One presence mark: a bin, a station and an area, ordered by bin, station, platform first.
struct PresenceMark: Comparable, Sendable {
    var binStart: Int64
    /// Station index × 2, + 1 for the concourse.
    var code: UInt32

    /// No mark (sorts after every real one).
    static let none = PresenceMark(binStart: .max, code: .max)

    @inline(__always) init(binStart: Int64, station: StationID, platform: Bool) {
        self.binStart = binStart
        code = UInt32(station.rawValue) << 1 | (platform ? 0 : 1)
    }

    @inline(__always) private init(binStart: Int64, code: UInt32) {
        self.binStart = binStart
        self.code = code
    }

    var station: StationID { StationID(UInt16(truncatingIfNeeded: code >> 1)) }
    var stationCode: UInt32 { code >> 1 }
    var platform: Bool { code & 1 == 0 }

    @inline(__always) static func < (a: Self, b: Self) -> Bool { (a.binStart, a.code) < (b.binStart, b.code) }
}

struct StationBinKey: Hashable, Sendable, Comparable {
    var binStart: Int64
    var station: StationID
    static func < (a: Self, b: Self) -> Bool { (a.binStart, a.station) < (b.binStart, b.station) }
}

struct StationBinCounts: Hashable, Sendable, BinnedValue {
    static var zero: StationBinCounts { StationBinCounts() }
    var isZero: Bool {
        occupancy == 0 && platformOccupancy == 0 && concourseOccupancy == 0 && entries == 0 && exits == 0
            && interchanges == 0 && passThroughs == 0
    }
    var occupancy = 0
    var platformOccupancy = 0
    var concourseOccupancy = 0
    var entries = 0
    var exits = 0
    var interchanges = 0
    var passThroughs = 0

    /// One presence mark: platform or concourse occupancy, and occupancy if `anywhere`.
    @inline(__always) mutating func add(platform: Bool, anywhere: Bool) {
        if platform { platformOccupancy += 1 } else { concourseOccupancy += 1 }
        if anywhere { occupancy += 1 }
    }

    mutating func add(_ o: StationBinCounts) {
        occupancy += o.occupancy
        platformOccupancy += o.platformOccupancy
        concourseOccupancy += o.concourseOccupancy
        entries += o.entries
        exits += o.exits
        interchanges += o.interchanges
        passThroughs += o.passThroughs
    }
}

struct ODKey: Hashable, Sendable, Comparable {
    var dayStart: Int64
    var origin: StationID
    var destination: StationID
    static func < (a: Self, b: Self) -> Bool { (a.dayStart, a.origin, a.destination) < (b.dayStart, b.origin, b.destination) }
}

struct RouteIDDay: Hashable, Sendable {
    var dayStart: Int64
    var routeID: UInt32
}

struct RouteSplitKey: Hashable, Sendable {
    var dayStart: Int64
    var route: Route
}

struct LinkBinKey: Hashable, Sendable, Comparable {
    var binStart: Int64
    var link: LinkID
    static func < (a: Self, b: Self) -> Bool { (a.binStart, a.link) < (b.binStart, b.link) }
}

struct InterchangeFlowKey: Hashable, Sendable, Comparable {
    var binStart: Int64
    var station: StationID
    var fromLine: LineID
    var toLine: LineID
    static func < (a: Self, b: Self) -> Bool {
        (a.binStart, a.station, a.fromLine, a.toLine) < (b.binStart, b.station, b.fromLine, b.toLine)
    }
}

struct DistributionKey: Hashable, Sendable {
    var dayStart: Int64
    var metric: DistributionRow.Metric
    var station: StationID?
}

extension FixedCount: BinnedValue {
    var isZero: Bool { micros == 0 }
}

extension CrowdingAccumulator {
    /// Station-bin cells with any count, sorted by (bin, station).
    var stationBinCells: [(key: StationBinKey, counts: StationBinCounts)] {
        stationBins.cells.map { (StationBinKey(binStart: $0.bin, station: StationID(UInt16($0.entity))), $0.value) }
    }

    /// Link-load cells with any load, sorted by (bin, link).
    var linkLoadCells: [(key: LinkBinKey, load: InferredCell)] {
        linkLoads.cells.map { (LinkBinKey(binStart: $0.bin, link: LinkID(UInt32($0.entity))), $0.value) }
    }
}
