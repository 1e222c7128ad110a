import Synchronization

/// Candidate routes per (origin, destination, band), computed on first use and shared by
/// all threads, plus a table of fastest travel minutes between stations.
///
/// The hot path is lock-free: each (band, origin, destination) slot is an
/// `AtomicLazyReference` read with an acquiring load; a miss computes the routes and
/// publishes them with `storeIfNil` (if two threads race, both compute, one result wins and
/// both return the winner, so results stay identical).
public final class RouteCache: @unchecked Sendable {
    // @unchecked: `slots` is allocated in init, only accessed through atomic operations, and
    // freed in deinit; everything else is immutable.

    /// The network.
    public let network: Network
    /// Route model parameters.
    public let parameters: RouteParameters
    /// Alternatives computed per OD pair.
    public let limit: Int
    private let finders: [RouteFinder]
    private let stationCount: Int
    private let slots: UnsafeMutablePointer<AtomicLazyReference<RouteSet>>
    private let slotCount: Int
    private let fastest: [Double]
    private let codes: DirectionCodes

    /// Creates an empty cache; the fastest-minutes table is computed now (one Dijkstra per station).
    public init(network: Network, parameters: RouteParameters = .default, limit: Int = 5) {
        self.network = network
        self.parameters = parameters
        self.limit = limit
        finders = TimeBand.allCases.map { RouteFinder(network: network, band: $0, parameters: parameters) }
        stationCount = network.stations.count
        slotCount = TimeBand.allCases.count * stationCount * stationCount
        slots = .allocate(capacity: slotCount)
        for i in 0..<slotCount { (slots + i).initialize(to: AtomicLazyReference()) }
        fastest = Self.fastestTable(network)
        codes = DirectionCodes(network: network)
    }

    deinit {
        _ = slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// Candidate routes from `from` to `to` in `band`, cheapest first (empty if none or if
    /// `from == to`).
    public func routes(from: StationID, to: StationID, band: TimeBand) -> RouteSet {
        let b = band == .unimpeded ? 0 : band == .amPeak ? 1 : 2
        let index = (b * stationCount + from.index) * stationCount + to.index
        if let hit = slots[index].load() { return hit }
        let computed = RouteSet(band: band, candidates: finders[b].routes(from: from, to: to, limit: limit), codes: codes)
        return slots[index].storeIfNil(computed)
    }

    /// A lower bound on travel minutes from `from` to `to`: shortest running time (fastest band
    /// per link) plus listed out-of-station walks, ignoring waits and changes.
    /// `.infinity` if unreachable; 0 when `from == to`.
    public func fastestMinutes(from: StationID, to: StationID) -> Double {
        fastest[from.index * stationCount + to.index]
    }

    private static func fastestTable(_ network: Network) -> [Double] {
        let n = network.stations.count
        var adjacency = [[(Int, Double)]](repeating: [], count: n)
        for link in network.links {
            let t = min(link.runningMinutes.unimpeded, link.runningMinutes.amPeak, link.runningMinutes.interPeak)
            adjacency[link.from.index].append((link.to.index, t))
        }
        for x in network.interchanges where x.fromStation != x.toStation {
            adjacency[x.fromStation.index].append((x.toStation.index, x.walkMinutes))
        }
        var table = [Double](repeating: .infinity, count: n * n)
        var heap = MinHeap()
        var done = [Bool](repeating: false, count: n)
        for s in 0..<n {
            for i in 0..<n { done[i] = false }
            table[s * n + s] = 0
            heap.removeAll()
            heap.push(0, Int32(s))
            while let (_, u32) = heap.pop() {
                let u = Int(u32)
                if done[u] { continue }
                done[u] = true
                let du = table[s * n + u]
                for (v, w) in adjacency[u] where du + w < table[s * n + v] {
                    table[s * n + v] = du + w
                    heap.push(du + w, Int32(v))
                }
            }
        }
        return table
    }
}

/// Candidate routes for one OD pair and band, shared by reference.
public final class RouteSet: Sendable {
    /// The band whose running times were used.
    public let band: TimeBand
    /// Candidates, cheapest first.
    public let candidates: [RouteCandidate]
    /// `candidates[i].route.stations`, precomputed.
    public let stations: [[StationID]]

    /// Wraps candidates.
    /// A dense id per candidate, unique in the process (an equal route in another set — another
    /// band — has another id): accumulators key on ids, not on ``Route`` values.
    public let routeIDs: [UInt32]

    private static let nextID = Atomic<UInt32>(0)

    /// Flat tables for path inference, when the set was built for a network
    /// (``RouteCache`` does); `nil` for a set made from candidates alone.
    package let inference: InferenceTables?

    public convenience init(band: TimeBand, candidates: [RouteCandidate]) {
        self.init(band: band, candidates: candidates, codes: nil)
    }

    package init(band: TimeBand, candidates: [RouteCandidate], codes: DirectionCodes?) {
        self.band = band
        self.candidates = candidates
        self.stations = candidates.map(\.route.stations)
        self.inference = codes.map { InferenceTables(candidates: candidates, codes: $0) }
        // Relaxed: the ids only need to be distinct, they order nothing.
        let first = Self.nextID.wrappingAdd(UInt32(candidates.count), ordering: .relaxed).oldValue
        routeIDs = candidates.indices.map { first &+ UInt32($0) }
    }
}
