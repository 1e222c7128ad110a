/// Turns one device's events into visits, a device class and journeys with inferred paths.
///
/// A reconstructor keeps reusable buffers, so ``reconstruct(events:)`` is `mutating`: give
/// each worker thread its own reconstructor (they can share one ``RouteCache``). The rules
/// are specified in `docs/semantics.md`.
public struct JourneyReconstructor: Sendable {
    /// What the reconstructor reads and never changes, in one shared object: copying a
    /// reconstructor (or calling its non-mutating helpers from a mutating method, which may
    /// copy `self`) then costs one reference count, not one per table.
    final class Tables: Sendable {
        let network: Network
        let parameters: ReconstructionParameters
        let routes: RouteCache
        let calendar: ServiceCalendar
        let apStation: [UInt16]
        let apDepth: [UInt8]
        /// `network.walkNeighbours(of:)` per station, precomputed.
        let walkNeighbours: [[StationID]]
        /// Whether each station is served by at most one line (no in-station change of line).
        let singleLine: [Bool]
        /// Whether each station has an entrance or ticket-hall access point (a walk out to the
        /// street can be seen beyond its corridors).
        let streetArea: [Bool]
        /// Line of each access point (platforms; `nil` elsewhere), precomputed so a platform ping
        /// does not copy the whole ``AccessPoint``.
        let apLine: [LineID?]
        /// Direction text of each access point interned exactly (``PlatformSighting/directionKey``;
        /// 0 for none), so matching a ping to a visit's platform compares integers.
        let apDirectionKey: [UInt16]
        /// The same, interned for path inference.
        let apDirectionCode: [UInt8]
        /// Built once, so inferring a journey's path does not copy the ``Network`` per journey.
        let inferrer: PathInferrer

        init(network: Network, parameters: ReconstructionParameters, routes: RouteCache, calendar: ServiceCalendar) {
            self.network = network
            self.parameters = parameters
            self.routes = routes
            self.calendar = calendar
            apStation = network.accessPoints.map { $0.station.rawValue }
            apDepth = network.accessPoints.map { UInt8($0.area.depth) }
            walkNeighbours = network.stations.indices.map { network.walkNeighbours(of: StationID(UInt16($0))) }
            singleLine = network.stations.map { $0.lines.count <= 1 }
            streetArea = network.accessPointsOfStation.map { aps in
                aps.contains { network.accessPoints[$0.index].area == .entrance || network.accessPoints[$0.index].area == .ticketHall }
            }
            apLine = network.accessPoints.map(\.line)
            let names = Set(network.accessPoints.compactMap(\.direction)).sorted()
            var keyOf: [String: UInt16] = [:]
            for (i, name) in names.enumerated() { keyOf[name] = UInt16(i + 1) }
            apDirectionKey = network.accessPoints.map { ap in ap.direction.map { keyOf[$0]! } ?? 0 }
            let codes = DirectionCodes(network: network)
            apDirectionCode = network.accessPoints.map { codes.code($0.direction) }
            inferrer = PathInferrer(network: network, parameters: parameters)
        }
    }

    let tables: Tables
    var pings: [Ping] = []
    var runs: [Visit] = []

    /// The network.
    public var network: Network { tables.network }
    /// All thresholds.
    public var parameters: ReconstructionParameters { tables.parameters }
    /// Shared candidate routes and fastest travel times.
    public var routes: RouteCache { tables.routes }
    /// Gives the time band (for running times) of a journey's entry time.
    public var calendar: ServiceCalendar { tables.calendar }

    struct Ping {
        var time: Int64
        var ap: UInt32
        var station: UInt16
        var depth: UInt8
    }

    /// Creates a reconstructor.
    public init(network: Network, parameters: ReconstructionParameters = .default, routes: RouteCache, calendar: ServiceCalendar = ServiceCalendar()) {
        tables = Tables(network: network, parameters: parameters, routes: routes, calendar: calendar)
    }

    /// Reconstructs one device. `events` (all of one device, any order, duplicates allowed;
    /// access points must belong to the network) is sorted in place by (time, access point).
    public mutating func reconstruct(events: inout [Event]) -> DeviceOutcome {
        var counts = DeviceCounts()
        counts.events = events.count
        guard !events.isEmpty else { return DeviceOutcome(classification: .empty, journeys: [], otherVisits: [], counts: counts) }
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.accessPoint < $1.accessPoint }
        collapseDuplicates(events, counts: &counts)
        formVisits()
        repairSkew(counts: &counts)
        counts.visits = runs.count
        if isResident() {
            var others = runs
            for i in others.indices { others[i].kind = .resident }
            counts.residentVisits = others.count
            return DeviceOutcome(classification: .resident, journeys: [], otherVisits: others, counts: counts)
        }
        return splitJourneys(counts: counts)
    }

    /// True if some chain of consecutive visits at one station, each within `visitGapMillis` of
    /// the previous one, spans at least `residentMillis`.
    func isResident() -> Bool {
        var chainStart = 0
        for i in runs.indices {
            if i > 0 && !(runs[i].station == runs[i - 1].station && runs[i].firstTime - runs[i - 1].lastTime <= parameters.visitGapMillis) {
                chainStart = i
            }
            if runs[i].lastTime - runs[chainStart].firstTime >= parameters.residentMillis { return true }
        }
        return false
    }

    /// Drops a ping when the same access point has a kept ping within the duplicate window.
    mutating func collapseDuplicates(_ events: [Event], counts: inout DeviceCounts) {
        pings.removeAll(keepingCapacity: true)
        let window = parameters.duplicateWindowMillis
        for e in events {
            let ap = e.accessPoint.rawValue
            var duplicate = false
            var k = pings.count - 1
            while k >= 0 && e.time - pings[k].time <= window {
                if pings[k].ap == ap { duplicate = true; break }
                k -= 1
            }
            if duplicate { counts.duplicates += 1; continue }
            pings.append(Ping(time: e.time, ap: ap, station: tables.apStation[Int(ap)], depth: tables.apDepth[Int(ap)]))
        }
    }

    /// Runs of consecutive pings at one station; a new visit starts at another station, after a
    /// gap over `visitGapMillis`, or when the visit so far has walked out (an entrance ping after
    /// a deeper one) and the gap is over `reentryGapMillis`. An entrance ping before any deeper
    /// ping is a slow walk-in, not a departure, and stays in the visit.
    mutating func formVisits() {
        runs.removeAll(keepingCapacity: true)
        for p in pings {
            let last = runs.count - 1
            if last >= 0, runs[last].station.rawValue == p.station,
                p.time - runs[last].lastTime <= parameters.visitGapMillis,
                !(runs[last].walkedOut && p.time - runs[last].lastTime > parameters.reentryGapMillis)
            {
                // In place: a copy of the visit would share its `platforms` buffer with
                // `runs`, so adding a sighting to it would copy the buffer.
                Self.add(p, to: &runs[last], tables: tables)
            } else {
                var v = Visit(
                    station: StationID(p.station), firstTime: p.time, lastTime: p.time, areas: 0,
                    firstArea: Self.area(p.depth), lastArea: Self.area(p.depth), walkedOut: false,
                    platforms: PlatformSightings(), pingCount: 0, kind: .isolated)
                Self.add(p, to: &v, tables: tables)
                runs.append(v)
            }
        }
    }

    static func area(_ depth: UInt8) -> StationArea {
        switch depth {
        case 0: .entrance
        case 1: .ticketHall
        case 2: .corridor
        default: .platform
        }
    }

    private static func add(_ p: Ping, to v: inout Visit, tables: Tables) {
        v.pingCount += 1
        v.areas |= 1 << p.depth
        if p.time < v.firstTime {
            v.firstTime = p.time
            v.firstArea = Self.area(p.depth)
        }
        if p.time >= v.lastTime {
            v.lastTime = p.time
            v.lastArea = Self.area(p.depth)
        }
        if p.depth == 3 {
            if let line = tables.apLine[Int(p.ap)] {
                let key = tables.apDirectionKey[Int(p.ap)]
                if let i = v.platforms.firstIndex(where: { $0.line == line && $0.directionKey == key }) {
                    v.platforms[i].firstTime = min(v.platforms[i].firstTime, p.time)
                } else {
                    var sighting = PlatformSighting(line: line, accessPoint: AccessPointID(p.ap), firstTime: p.time)
                    sighting.directionKey = key
                    sighting.directionCode = tables.apDirectionCode[Int(p.ap)]
                    v.platforms.append(sighting)
                }
            }
        }
        v.walkedOut = v.lastArea == .entrance && v.areas & ~1 != 0
    }

    static func merge(_ a: Visit, _ b: Visit) -> Visit {
        var m = a
        m.pingCount += b.pingCount
        m.areas |= b.areas
        if b.firstTime < m.firstTime { m.firstTime = b.firstTime; m.firstArea = b.firstArea }
        if b.lastTime >= m.lastTime { m.lastTime = b.lastTime; m.lastArea = b.lastArea }
        for s in b.platforms {
            if let i = m.platforms.firstIndex(where: { $0.line == s.line && $0.directionKey == s.directionKey }) {
                m.platforms[i].firstTime = min(m.platforms[i].firstTime, s.firstTime)
            } else {
                m.platforms.append(s)
            }
        }
        m.platforms.sort { $0.firstTime != $1.firstTime ? $0.firstTime < $1.firstTime : $0.line < $1.line }
        m.walkedOut = m.lastArea == .entrance && m.areas & ~1 != 0
        return m
    }

    /// Repairs interleavings caused by controller clock skew: runs X, Y, X where the two X runs
    /// are within 2 × skew of each other and Y spans at most 2 × skew become one X visit, with Y
    /// moved next to its own station's neighbouring run (before if the run before X is at Y's
    /// station, else after). Then adjacent runs at one station within `visitGapMillis` merge.
    mutating func repairSkew(counts: inout DeviceCounts) {
        let window = 2 * parameters.clockSkewMillis
        var i = 0
        while i + 2 < runs.count {
            let x1 = runs[i], y = runs[i + 1], x2 = runs[i + 2]
            guard x1.station == x2.station, y.station != x1.station,
                x2.firstTime - x1.lastTime <= window, y.durationMillis <= window
            else { i += 1; continue }
            counts.skewRepairs += 1
            let x = Self.merge(x1, x2)
            if i > 0 && runs[i - 1].station == y.station {
                runs[i - 1] = Self.merge(runs[i - 1], y)
                runs[i] = x
                runs.removeSubrange((i + 1)...(i + 2))
                i -= 1
            } else {
                runs[i] = x
                runs[i + 1] = y
                runs.remove(at: i + 2)
                if i + 2 < runs.count && runs[i + 2].station == y.station {
                    runs[i + 1] = Self.merge(y, runs[i + 2])
                    runs.remove(at: i + 2)
                }
            }
            i = max(i - 1, 0)
        }
        var k = 1
        while k < runs.count {
            let gap = runs[k].firstTime - runs[k - 1].lastTime
            if runs[k].station == runs[k - 1].station && gap <= parameters.visitGapMillis
                && !(runs[k - 1].walkedOut && gap > parameters.reentryGapMillis)
            {
                runs[k - 1] = Self.merge(runs[k - 1], runs[k])
                runs.remove(at: k)
            } else {
                k += 1
            }
        }
    }
}
