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
        var sequences: Set<[StationID]> = []
        let maxExamined = limit * max(1, parameters.examineFactor) + 16
        while !pool.isEmpty && accepted.count < limit && examined.count < maxExamined {
            var best = 0
            for i in 1..<pool.count where Path.precedes(pool[i], pool[best]) { best = i }
            let path = pool.remove(at: best)
            if path.cost > bound { break }
            examined.append(path)
            if let candidate = candidate(for: path.nodes) {
                if parameters.collapseParallelLines && !sequences.insert(candidate.route.stations).inserted {
                    // Same stations as a route already kept: not spurred from either, since its
                    // deviations are mostly line-for-line variants again (a documented heuristic).
                    continue
                }
                accepted.append((path, candidate))
                if accepted.count >= limit { break }
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
        return result.map(\.1)
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
