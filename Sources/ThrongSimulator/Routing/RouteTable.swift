import ThrongCore

/// Route alternatives per (origin, destination, band), computed on demand in parallel and kept
/// for the whole run.
struct RouteTable {
    struct Key: Hashable, Comparable, Sendable {
        var origin: UInt16
        var destination: UInt16
        var band: UInt8
        static func < (a: Key, b: Key) -> Bool {
            (a.origin, a.destination, a.band) < (b.origin, b.destination, b.band)
        }
    }

    static let bands: [TimeBand] = [.amPeak, .interPeak]
    /// Route set of each (origin, destination, band), flat: `(o·n + d)·2 + band`; -1 unknown.
    private(set) var flat: [Int32]
    private(set) var sets: [RouteSet] = []
    let network: Network
    let isWifi: [Bool]
    let model: RouteChoiceModel
    let parameters: RouteParameters
    /// One finder per band, built once (building the search graph is the expensive part).
    let finders: [RouteFinder]

    init(network: Network, isWifi: [Bool], model: RouteChoiceModel, parameters: RouteParameters = .default) {
        self.network = network
        self.isWifi = isWifi
        self.model = model
        self.parameters = parameters
        finders = Self.bands.map { RouteFinder(network: network, band: $0, parameters: parameters) }
        flat = [Int32](repeating: -1, count: network.stations.count * network.stations.count * 2)
    }

    func slot(_ k: Key) -> Int { (Int(k.origin) * network.stations.count + Int(k.destination)) * 2 + Int(k.band) }

    /// The route set index of a key, if computed.
    func index(_ k: Key) -> Int32? { let v = flat[slot(k)]; return v < 0 ? nil : v }

    /// Computes the alternatives of the keys not yet known. Deterministic: new sets are
    /// appended in key order.
    mutating func ensure(_ keys: some Sequence<Key>, threads: Int) {
        var missingSet = Set<Key>()
        for k in keys where flat[slot(k)] < 0 { missingSet.insert(k) }
        let missing = missingSet.sorted()
        guard !missing.isEmpty else { return }
        let network = self.network, isWifi = self.isWifi, model = self.model, finders = self.finders
        // Group by origin so each work item runs one finder per band over its destinations.
        var groups: [[Key]] = []
        for k in missing {
            if let last = groups.last?.last, last.origin == k.origin, last.band == k.band { groups[groups.count - 1].append(k) } else { groups.append([k]) }
        }
        let work = groups
        let results: [[RouteSet]] = Parallel.map(work.count, threads: threads) { g in
            let finder = finders[Int(work[g][0].band)]
            return work[g].map { k in
                let candidates = finder.routes(from: StationID(k.origin), to: StationID(k.destination), limit: model.limit)
                let options = candidates.map { RouteOption(candidate: $0, network: network, isWifi: isWifi) }
                return RouteSet(options: options, theta: model.theta)
            }
        }
        for (g, group) in groups.enumerated() {
            for (i, k) in group.enumerated() {
                flat[slot(k)] = Int32(sets.count)
                sets.append(results[g][i])
            }
        }
    }

    func set(_ key: Key) -> RouteSet? { index(key).map { sets[Int($0)] } }
}
