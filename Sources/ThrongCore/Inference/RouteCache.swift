import Synchronization

/// Candidate routes per (origin, destination, band), computed on first use and shared by
/// all threads, plus a table of fastest travel minutes between stations.
///
/// The hot path is lock-free: each (band, origin, destination) slot is an atomic pointer
/// to a retained ``RouteSet``, read with an acquiring load; a miss computes the routes and
/// publishes them with a compare-exchange (if two threads race, both compute, one result wins
/// and both use the winner, so results stay identical). The cache keeps each set alive until
/// it is freed, so ``withRoutes(from:to:band:_:)`` lends a set without retaining it: an
/// `AtomicLazyReference` (which this replaced) retains on every load: with that retain, the
/// loads were 3.5% of a pilot day's CPU samples (docs/performance.md §13).
public final class RouteCache: @unchecked Sendable {
    // @unchecked: `slots` is allocated in init, only accessed through atomic operations, and
    // freed in deinit (releasing the sets it holds); everything else is immutable.

    /// The network.
    public let network: Network
    /// Route model parameters.
    public let parameters: RouteParameters
    /// Alternatives computed per OD pair.
    public let limit: Int
    private let finders: [RouteFinder]
    private let stationCount: Int
    /// Per slot: an `Unmanaged<RouteSet>` retained by the cache, or nil.
    private let slots: UnsafeMutablePointer<Atomic<UnsafeRawPointer?>>
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
        for i in 0..<slotCount { (slots + i).initialize(to: Atomic(nil)) }
        fastest = Self.fastestTable(network)
        codes = DirectionCodes(network: network)
    }

    deinit {
        for i in 0..<slotCount {
            // Relaxed: deinit runs after every other use of the cache.
            if let p = slots[i].load(ordering: .relaxed) { Unmanaged<RouteSet>.fromOpaque(p).release() }
        }
        _ = slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// Candidate routes from `from` to `to` in `band`, cheapest first (empty if none or if
    /// `from == to`).
    public func routes(from: StationID, to: StationID, band: TimeBand) -> RouteSet {
        withRoutes(from: from, to: to, band: band) { $0 }
    }

    /// Calls `body` with the candidate routes from `from` to `to` in `band`, lent by the cache
    /// without a retain (the hot path's read); `body` may keep the set (that retains it).
    @inline(__always)
    package func withRoutes<Result>(from: StationID, to: StationID, band: TimeBand, _ body: (RouteSet) -> Result) -> Result {
        let b = band == .unimpeded ? 0 : band == .amPeak ? 1 : 2
        let index = (b * stationCount + from.index) * stationCount + to.index
        // Acquiring: pairs with the publishing exchange, so the set's fields are seen initialised.
        if let hit = slots[index].load(ordering: .acquiring) {
            return Unmanaged<RouteSet>.fromOpaque(hit)._withUnsafeGuaranteedRef(body)
        }
        return publish(index: index, finder: b, band: band, from: from, to: to, body)
    }

    /// The miss path: computes the set with `finders[finder]` and publishes it unless another
    /// thread did first.
    private func publish<Result>(index: Int, finder b: Int, band: TimeBand, from: StationID, to: StationID,
                                 _ body: (RouteSet) -> Result) -> Result {
        let computed = Unmanaged.passRetained(
            RouteSet(band: band, candidates: finders[b].routes(from: from, to: to, limit: limit), codes: codes))
        // Releasing on success publishes the set; acquiring on failure sees the winner's.
        let (exchanged, winner) = slots[index].compareExchange(
            expected: nil, desired: UnsafeRawPointer(computed.toOpaque()),
            successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
        if exchanged { return computed._withUnsafeGuaranteedRef(body) }
        computed.release()
        return Unmanaged<RouteSet>.fromOpaque(winner!)._withUnsafeGuaranteedRef(body)
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
