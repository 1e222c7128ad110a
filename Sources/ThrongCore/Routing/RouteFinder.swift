/// Finds up to k plausible routes between two stations, ranked by generalised cost.
///
/// The search runs Yen's k-shortest loopless paths on a line-expanded graph (node = station ×
/// line × arrival direction, see `docs/routing.md`), with A* guided by the exact cost-to-go of
/// the unrestricted graph, and prunes every partial path whose lower bound exceeds the
/// plausibility bound `best × costFactor + costSlack`. Results are filtered (no station twice,
/// at most `maxInterchanges`, optionally one route per station sequence), deterministic, and
/// sorted by cost with ties broken by the node ids of the path.
///
/// `Sendable`: share one finder across threads; each call uses its own search buffers, and the
/// per-destination cost-to-go tables are computed once and shared lock-free.
public struct RouteFinder: Sendable {
    /// The network searched.
    public let network: Network
    /// The time band whose running times are used.
    public let band: TimeBand
    /// The cost model and filters.
    public let parameters: RouteParameters
    let graph: RouteGraph
    let heuristics: RouteHeuristics

    /// Builds the line-expanded graph for `network` and `band`.
    public init(network: Network, band: TimeBand, parameters: RouteParameters = .default) {
        self.network = network
        self.band = band
        self.parameters = parameters
        self.graph = RouteGraph(network: network, band: band, parameters: parameters)
        self.heuristics = RouteHeuristics(stationCount: network.stations.count)
    }

    private struct Path {
        var nodes: [Int32]
        /// Cost accumulated on reaching each node.
        var cumulative: [Double]
        /// Index of the node where this path left its parent (Lawler: spur only from here on).
        var deviation: Int
        var cost: Double { cumulative[cumulative.count - 1] }

        static func precedes(_ a: Path, _ b: Path) -> Bool {
            if a.cost != b.cost { return a.cost < b.cost }
            return a.nodes.lexicographicallyPrecedes(b.nodes)
        }
    }

    /// Up to `limit` distinct, loopless, plausible routes from `from` to `to`, cheapest first.
    /// Empty when `from == to`, when `limit < 1`, or when `to` cannot be reached.
    public func routes(from: StationID, to: StationID, limit: Int) -> [RouteCandidate] {
        guard from != to, limit > 0, from.index < network.stations.count, to.index < network.stations.count else { return [] }
        var search = RouteSearch(nodeCount: graph.nodeCount, stationCount: network.stations.count, heuristic: heuristics.table(for: to, graph: graph))
        let source = graph.sourceNode[from.index]
        guard search.h[Int(source)].isFinite else { return [] }
        search.newGeneration()
        guard let first = search.search(graph: graph, start: source, g0: 0, destination: to, bound: .infinity) else { return [] }
        let bound = first.1 * parameters.costFactor + parameters.costSlack + 1e-9
        var pool: [Path] = [extract(search, start: source, goal: first.0, prefix: nil)]
        var generated: Set<NodeSequence> = [NodeSequence(pool[0].nodes)]
        var examined: [Path] = []
        var accepted: [(Path, RouteCandidate)] = []
        // Per station sequence: the interchanges of its cheapest route and how many kept.
        var sequences: [[StationID]: (interchanges: Int, kept: Int)] = [:]
        var distinct = 0
        var limitCost = Double.infinity
        let variants = parameters.collapseParallelLines ? 1 : max(1, parameters.lineVariants)
        let maxExamined = limit * max(1, parameters.examineFactor) + 16
        while !pool.isEmpty && examined.count < maxExamined {
            var best = 0
            for i in 1..<pool.count where Path.precedes(pool[i], pool[best]) { best = i }
            let path = pool.remove(at: best)
            if path.cost > bound { break }
            // Once `limit` station sequences are kept, only their line variants are still
            // looked for, and only within the cost slack of the last sequence kept.
            if distinct >= limit && (variants == 1 || path.cost > limitCost + parameters.costSlack) { break }
            examined.append(path)
            if let candidate = candidate(for: path.nodes) {
                let stations = candidate.route.stations
                if let group = sequences[stations] {
                    // A line variant: kept while the sequence has room and it changes no more
                    // often; otherwise not spurred from either (its deviations are mostly
                    // variants again, a documented heuristic).
                    guard group.kept < variants && candidate.cost.interchanges <= group.interchanges else { continue }
                    sequences[stations] = (group.interchanges, group.kept + 1)
                } else {
                    guard distinct < limit else { continue }
                    sequences[stations] = (candidate.cost.interchanges, 1)
                    distinct += 1
                    if distinct == limit { limitCost = path.cost }
                }
                accepted.append((path, candidate))
                if distinct >= limit && variants == 1 { break }
            }
            // Spur from every node but the last.
            for i in path.deviation..<(path.nodes.count - 1) {
                let spur = path.nodes[i]
                if path.cumulative[i] + search.h[Int(spur)] > bound { continue }
                search.newGeneration()
                let gen = search.generation
                let spurStation = graph.nodeStation[Int(spur)]
                for j in 0..<i where graph.nodeStation[Int(path.nodes[j])] != spurStation {
                    search.stationBlock[Int(graph.nodeStation[Int(path.nodes[j])])] = gen
                }
                for other in examined where other.nodes.count > i + 1 && other.nodes[i] == spur {
                    if other.nodes[0...i] == path.nodes[0...i] { search.blockedNext.append(other.nodes[i + 1]) }
                }
                guard let found = search.search(graph: graph, start: spur, g0: path.cumulative[i], destination: to, bound: bound) else { continue }
                let newPath = extract(search, start: spur, goal: found.0, prefix: (path, i))
                if generated.insert(NodeSequence(newPath.nodes)).inserted { pool.append(newPath) }
            }
        }
        var result = accepted
        result.sort { a, b in
            a.1.cost.generalisedCost != b.1.cost.generalisedCost
                ? a.1.cost.generalisedCost < b.1.cost.generalisedCost
                : a.0.nodes.lexicographicallyPrecedes(b.0.nodes)
        }
        var candidates = result.map(\.1)
        assignChoice(&candidates)
        return candidates
    }

    /// Sets ``RouteCandidate/choiceCost``, ``RouteCandidate/choiceShare`` and
    /// ``RouteCandidate/choiceWaitMinutes`` for groups of line variants: candidates with the same
    /// stations and the same change stations. The group's cost is its cheapest member's; a
    /// member's share is the product of its lines' service frequencies (1 / headway) over the
    /// group's sum of such products; the wait is half the combined headway of the first lines.
    func assignChoice(_ candidates: inout [RouteCandidate]) {
        guard candidates.count > 1 else { return }
        struct Pattern: Hashable {
            var stations: [StationID]
            var changes: [StationID]
        }
        var groups: [Pattern: [Int]] = [:]
        for i in candidates.indices {
            let r = candidates[i].route
            groups[Pattern(stations: r.stations, changes: r.interchangeStations), default: []].append(i)
        }
        for members in groups.values where members.count > 1 {
            var weights: [Double] = []
            var cheapest = Double.infinity
            var firstLines: [LineID] = []
            for i in members {
                if case .ride(let line, _, _) = candidates[i].route.legs[0], !firstLines.contains(line) { firstLines.append(line) }
                var w = 1.0
                for leg in candidates[i].route.legs {
                    if case .ride(let line, _, _) = leg { w /= graph.headway[line.index] }
                }
                weights.append(w)
                cheapest = min(cheapest, candidates[i].cost.generalisedCost)
            }
            let total = weights.reduce(0, +)
            var frequency = 0.0
            for line in firstLines { frequency += 1 / graph.headway[line.index] }
            for (k, i) in members.enumerated() {
                candidates[i].choiceCost = cheapest
                candidates[i].choiceShare = weights[k] / total
                candidates[i].choiceWaitMinutes = 0.5 / frequency
            }
        }
    }

    private func extract(_ search: RouteSearch, start: Int32, goal: Int32, prefix: (Path, Int)?) -> Path {
        var tail: [Int32] = []
        var n = goal
        while n != start {
            tail.append(n)
            n = search.parent[Int(n)]
        }
        tail.append(start)
        tail.reverse()
        var nodes: [Int32] = []
        var cumulative: [Double] = []
        nodes.reserveCapacity(tail.count + (prefix?.1 ?? 0))
        cumulative.reserveCapacity(tail.count + (prefix?.1 ?? 0))
        if let (p, i) = prefix {
            nodes.append(contentsOf: p.nodes[0..<i])
            cumulative.append(contentsOf: p.cumulative[0..<i])
        }
        for m in tail {
            nodes.append(m)
            cumulative.append(search.g[Int(m)])
        }
        return Path(nodes: nodes, cumulative: cumulative, deviation: prefix?.1 ?? 0)
    }
}

/// A path's node sequence as a set element: equal when the sequences are equal, hashed by one
/// FNV-1a pass over the nodes fed to the hasher as a single word, instead of one hasher round
/// per node (`Set<[Int32]>` spent 9% of a small run's instructions in `Hasher.combine`).
struct NodeSequence: Hashable {
    let nodes: [Int32]

    init(_ nodes: [Int32]) { self.nodes = nodes }

    static func == (a: NodeSequence, b: NodeSequence) -> Bool { a.nodes == b.nodes }

    func hash(into hasher: inout Hasher) {
        var x: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(nodes.count)
        for n in nodes { x = (x ^ UInt64(UInt32(bitPattern: n))) &* 0x0000_0100_0000_01B3 }
        hasher.combine(x)
    }
}
