public import ThrongCore

/// A deliberately simple re-implementation of the `station_bins` counts of
/// docs/aggregation.md, from the accepted events and the engine's per-device outcomes.
///
/// Only passenger devices count. Occupancy comes straight from the events, by one of two
/// rules (``OccupancyRule``): the published one (consecutive events of the device) or the
/// stricter per-visit one, kept to measure how far the two differ. A device counts once per
/// (station, bin) in each column. Entries, exits, interchanges and pass-throughs follow the
/// journey and visit rules of the page. Everything is recomputed with dictionaries and sets,
/// no code shared with the engine's accumulator.
public enum ReferenceStationBins {
    /// How presence is derived from events.
    public enum OccupancyRule: String, Hashable, Sendable {
        /// docs/aggregation.md: the device's accepted events sorted by (time, access point);
        /// consecutive events `e_i`, `e_{i+1}` at one station no more than the visit gap apart
        /// make it present over `[t_i, t_{i+1}]` in the area of `e_i`, otherwise at `t_i` only.
        case consecutiveEvents
        /// Per visit: the pings of each visit of the outcome (the device's events at the
        /// visit's station from its first to its last ping, duplicates dropped as for visits)
        /// make it present over `[t_i, t_{i+1}]`; a device that walked out and came back, or a
        /// near-duplicate ping after a visit's last ping, does not extend presence.
        case visits
    }

    /// A station and a bin start.
    public struct Key: Hashable, Comparable, Sendable {
        /// The station.
        public var station: StationID
        /// Bin start (epoch ms).
        public var binStart: Int64
        /// Creates a key.
        public init(station: StationID, binStart: Int64) {
            self.station = station
            self.binStart = binStart
        }
        /// Bin, then station.
        public static func < (a: Key, b: Key) -> Bool {
            a.binStart != b.binStart ? a.binStart < b.binStart : a.station < b.station
        }
    }

    /// The counts of one cell.
    public struct Cell: Hashable, Sendable {
        /// Distinct passenger devices present.
        public var occupancy = 0
        /// Present through a platform interval.
        public var platformOccupancy = 0
        /// Present through a non-platform interval.
        public var concourseOccupancy = 0
        /// Journeys entering (origin observed).
        public var entries = 0
        /// Journeys leaving (destination observed).
        public var exits = 0
        /// Interchange visits.
        public var interchanges = 0
        /// Pass-through visits.
        public var passThroughs = 0
        /// Zero counts.
        public init() {}
        /// True if every count is zero.
        public var isZero: Bool { self == Cell() }
    }

    /// Computes every non-zero cell. `events` holds each device's accepted events.
    public static func compute(
        network: Network, events: [DeviceKey: [Event]], outcomes: [DeviceKey: DeviceOutcome], binMillis: Int64,
        rule: OccupancyRule = .consecutiveEvents, parameters: ReconstructionParameters = .default
    ) -> [Key: Cell] {
        let duplicateWindowMillis = parameters.duplicateWindowMillis
        func bin(_ t: Int64) -> Int64 { t - ((t % binMillis) + binMillis) % binMillis }
        var cells: [Key: Cell] = [:]
        for (device, outcome) in outcomes where outcome.classification == .passenger {
            // Pings: time order (ties by access point), a ping within the duplicate window
            // of a kept ping at the same access point dropped (docs/semantics.md).
            var mine: [Event] = []
            for e in (events[device] ?? []).sorted(by: { ($0.time, $0.accessPoint.rawValue) < ($1.time, $1.accessPoint.rawValue) }) {
                let duplicate = mine.contains { $0.accessPoint == e.accessPoint && e.time - $0.time <= duplicateWindowMillis }
                if !duplicate { mine.append(e) }
            }
            var all: Set<Key> = [], platform: Set<Key> = [], concourse: Set<Key> = []
            func mark(_ station: StationID, _ from: Int64, _ to: Int64, into set: inout Set<Key>) {
                var b = bin(from)
                while b <= to { set.insert(Key(station: station, binStart: b)); b += binMillis }
            }
            func area(_ e: Event) -> Bool { network.accessPoints[e.accessPoint.index].area == .platform }
            func station(_ e: Event) -> StationID { network.accessPoints[e.accessPoint.index].station }
            switch rule {
            case .consecutiveEvents:
                let sorted = (events[device] ?? []).sorted { ($0.time, $0.accessPoint.rawValue) < ($1.time, $1.accessPoint.rawValue) }
                for (i, e) in sorted.enumerated() {
                    var end = e.time
                    if i + 1 < sorted.count, station(sorted[i + 1]) == station(e), sorted[i + 1].time - e.time <= parameters.visitGapMillis {
                        end = sorted[i + 1].time
                    }
                    mark(station(e), e.time, end, into: &all)
                    if area(e) { mark(station(e), e.time, end, into: &platform) } else { mark(station(e), e.time, end, into: &concourse) }
                }
            case .visits:
                for v in outcome.journeys.flatMap(\.visits) + outcome.otherVisits {
                    let pings = mine.filter { station($0) == v.station && $0.time >= v.firstTime && $0.time <= v.lastTime }
                    mark(v.station, v.firstTime, v.lastTime, into: &all)
                    for (i, p) in pings.enumerated() {
                        let end = i + 1 < pings.count ? pings[i + 1].time : p.time
                        if area(p) { mark(v.station, p.time, end, into: &platform) } else { mark(v.station, p.time, end, into: &concourse) }
                    }
                }
            }
            for k in all { cells[k, default: Cell()].occupancy += 1 }
            for k in platform { cells[k, default: Cell()].platformOccupancy += 1 }
            for k in concourse { cells[k, default: Cell()].concourseOccupancy += 1 }
            for j in outcome.journeys {
                if j.observedOrigin { cells[Key(station: j.origin, binStart: bin(j.entryTime)), default: Cell()].entries += 1 }
                if j.observedDestination { cells[Key(station: j.destination, binStart: bin(j.exitTime)), default: Cell()].exits += 1 }
                for v in j.visits {
                    if v.kind == .interchange { cells[Key(station: v.station, binStart: bin(v.firstTime)), default: Cell()].interchanges += 1 }
                    if v.kind == .passThrough { cells[Key(station: v.station, binStart: bin(v.firstTime)), default: Cell()].passThroughs += 1 }
                }
            }
        }
        return cells
    }

    /// The engine's published cells (threshold 1, so nothing is suppressed), zero cells dropped.
    public static func published(_ snapshot: CrowdingSnapshot) -> [Key: Cell] {
        var cells: [Key: Cell] = [:]
        for r in snapshot.stationBins {
            var c = Cell()
            c.occupancy = r.occupancy ?? -1
            c.platformOccupancy = r.platformOccupancy ?? -1
            c.concourseOccupancy = r.concourseOccupancy ?? -1
            c.entries = r.entries ?? -1
            c.exits = r.exits ?? -1
            c.interchanges = r.interchanges ?? -1
            c.passThroughs = r.passThroughs ?? -1
            if !c.isZero { cells[Key(station: r.station, binStart: r.binStart)] = c }
        }
        return cells
    }
}
