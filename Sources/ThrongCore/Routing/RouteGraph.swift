/// The line-expanded graph searched by ``RouteFinder``.
///
/// Nodes:
/// - a *source* node per station (where a journey starts, before boarding);
/// - a *boarding* node per (station, line) where the line has a departing link;
/// - an *arrival* node per link (its end station, line and direction code), so the graph
///   knows which link a train came in on.
///
/// Edges (costs are weighted generalised minutes):
/// - source → boarding at the same station: initial wait (half the line's headway);
/// - boarding/arrival → arrival: ride one link; from an arrival node the link's direction must
///   not be the opposite of the arrival direction (NB/SB, EB/WB, IR/OR), so reversing or
///   switching branches through a junction is a change of train, and the through movement
///   must not be one of ``Network/noThroughRides`` (branches that do not connect);
/// - arrival → boarding at the same station (another line, or the same line to reverse): an
///   interchange (walk + wait + penalty);
/// - arrival → boarding at another station of a listed out-of-station interchange: a walk.
struct RouteGraph: Sendable {
    static let sourceDirection: Int8 = -2
    static let boardingDirection: Int8 = -1

    var nodeStation: [UInt16] = []
    var nodeLine: [UInt8] = []
    /// Index into `directionCodes`, or `boardingDirection` / `sourceDirection`.
    var nodeDirection: [Int8] = []
    /// The link an arrival node is reached by, or -1 for source and boarding nodes.
    var nodeLink: [Int32] = []
    var edgeStart: [Int32] = []
    var edgeTo: [Int32] = []
    var edgeCost: [Double] = []
    /// The link ridden by each edge, or -1 for boarding and change edges.
    var edgeLink: [Int32] = []
    var reverseStart: [Int32] = []
    var reverseFrom: [Int32] = []
    var reverseCost: [Double] = []
    var sourceNode: [Int32] = []
    var arrivalNodes: [[Int32]] = []
    var directionCodes: [String] = []
    var opposite: [Int8] = []
    var headway: [Double] = []
    var nodeCount: Int { nodeStation.count }

    init(network: Network, band: TimeBand, parameters p: RouteParameters) {
        headway = network.lines.map { p.headway(lineName: $0) }
        // Direction codes, normalised to upper case.
        var dirIndex: [String: Int8] = [:]
        var linkDir: [Int8] = []
        linkDir.reserveCapacity(network.links.count)
        for link in network.links {
            let code = link.direction.uppercased()
            if let d = dirIndex[code] { linkDir.append(d); continue }
            let d = Int8(directionCodes.count)
            dirIndex[code] = d
            directionCodes.append(code)
            linkDir.append(d)
        }
        let pairs = [("NB", "SB"), ("EB", "WB"), ("IR", "OR")]
        opposite = [Int8](repeating: -1, count: directionCodes.count)
        for (a, b) in pairs {
            if let x = dirIndex[a], let y = dirIndex[b] { opposite[Int(x)] = y; opposite[Int(y)] = x }
        }
        let stationCount = network.stations.count
        var nodeOf: [Int: Int32] = [:]
        func key(_ s: StationID, _ l: LineID, _ d: Int8) -> Int { (s.index << 16) | (l.index << 8) | Int(UInt8(bitPattern: d)) }
        func node(_ s: StationID, _ l: LineID, _ d: Int8) -> Int32 {
            let k = key(s, l, d)
            if let n = nodeOf[k] { return n }
            let n = Int32(nodeStation.count)
            nodeOf[k] = n
            nodeStation.append(s.rawValue)
            nodeLine.append(l.rawValue)
            nodeDirection.append(d)
            return n
        }
        for s in 0..<stationCount { sourceNode.append(node(StationID(UInt16(s)), LineID(0), Self.sourceDirection)) }
        arrivalNodes = [[Int32]](repeating: [], count: stationCount)
        var boardingNodes = [[Int32]](repeating: [], count: stationCount)
        // One arrival node per link; `arrivalLink[n]` says which.
        var arrivalOfLink = [Int32](repeating: -1, count: network.links.count)
        var arrivalLink: [Int: Int] = [:]
        for (i, link) in network.links.enumerated() {
            let b = node(link.from, link.line, Self.boardingDirection)
            if !boardingNodes[link.from.index].contains(b) { boardingNodes[link.from.index].append(b) }
            let a = Int32(nodeStation.count)
            nodeStation.append(link.to.rawValue)
            nodeLine.append(link.line.rawValue)
            nodeDirection.append(linkDir[i])
            arrivalOfLink[i] = a
            arrivalLink[Int(a)] = i
            arrivalNodes[link.to.index].append(a)
        }
        for s in 0..<stationCount { boardingNodes[s].sort(); arrivalNodes[s].sort() }
        nodeLink = [Int32](repeating: -1, count: nodeStation.count)
        for (n, i) in arrivalLink { nodeLink[n] = Int32(i) }
        // Edges, collected per node then flattened.
        var adjacency = [[(Int32, Double, Int32)]](repeating: [], count: nodeStation.count)
        for s in 0..<stationCount {
            for b in boardingNodes[s] {
                adjacency[Int(sourceNode[s])].append((b, p.waitWeight * headway[Int(nodeLine[Int(b)])] / 2, -1))
            }
        }
        for (i, link) in network.links.enumerated() {
            let to = arrivalOfLink[i]
            let cost = p.inVehicleWeight * link.runningMinutes[band]
            let b = node(link.from, link.line, Self.boardingDirection)
            adjacency[Int(b)].append((to, cost, Int32(i)))
            for a in arrivalNodes[link.from.index] where nodeLine[Int(a)] == link.line.rawValue {
                let din = nodeDirection[Int(a)]
                guard opposite[Int(din)] != linkDir[i],
                      network.allowsThroughRide(arriving: LinkID(UInt32(arrivalLink[Int(a)]!)), departing: LinkID(UInt32(i)))
                else { continue }
                adjacency[Int(a)].append((to, cost, Int32(i)))
            }
        }
        for s in 0..<stationCount {
            let station = StationID(UInt16(s))
            for a in arrivalNodes[s] {
                let fromLine = LineID(nodeLine[Int(a)])
                for b in boardingNodes[s] {
                    let toLine = LineID(nodeLine[Int(b)])
                    guard let walk = network.walkMinutes(from: station, line: fromLine, to: station, line: toLine) else { continue }
                    adjacency[Int(a)].append((b, p.walkWeight * walk + p.waitWeight * headway[toLine.index] / 2 + p.interchangePenalty, -1))
                }
            }
        }
        for x in network.interchanges where x.fromStation != x.toStation {
            guard let b = nodeOf[key(x.toStation, x.toLine, Self.boardingDirection)] else { continue }
            let cost = p.walkWeight * x.walkMinutes + p.waitWeight * headway[x.toLine.index] / 2 + p.interchangePenalty
            for a in arrivalNodes[x.fromStation.index] where nodeLine[Int(a)] == x.fromLine.rawValue {
                if !adjacency[Int(a)].contains(where: { $0.0 == b }) { adjacency[Int(a)].append((b, cost, -1)) }
            }
        }
        var reverse = [[(Int32, Double)]](repeating: [], count: nodeStation.count)
        edgeStart.reserveCapacity(nodeStation.count + 1)
        for n in 0..<nodeStation.count {
            edgeStart.append(Int32(edgeTo.count))
            for (to, cost, link) in adjacency[n].sorted(by: { $0.0 < $1.0 }) {
                edgeTo.append(to)
                edgeCost.append(cost)
                edgeLink.append(link)
                reverse[Int(to)].append((Int32(n), cost))
            }
        }
        edgeStart.append(Int32(edgeTo.count))
        for n in 0..<nodeStation.count {
            reverseStart.append(Int32(reverseFrom.count))
            for (from, cost) in reverse[n] {
                reverseFrom.append(from)
                reverseCost.append(cost)
            }
        }
        reverseStart.append(Int32(reverseFrom.count))
    }

    func isArrival(_ n: Int32) -> Bool { nodeDirection[Int(n)] >= 0 }

    /// The link ridden on the edge `a → b`, or -1 if it is not a ride (or does not exist).
    func link(_ a: Int32, _ b: Int32) -> Int32 {
        var e = Int(edgeStart[Int(a)])
        let end = Int(edgeStart[Int(a) + 1])
        while e < end {
            if edgeTo[e] == b { return edgeLink[e] }
            e += 1
        }
        return -1
    }
}
