/// Reusable buffers for A* and the reverse Dijkstra of one ``RouteFinder`` query.
struct RouteSearch {
    var h: [Double]
    var g: [Double]
    var parent: [Int32]
    var seen: [UInt32]
    var closed: [UInt32]
    var stationBlock: [UInt32]
    var generation: UInt32 = 0
    var heap = MinHeap()
    var blockedNext: [Int32] = []

    init(nodeCount: Int, stationCount: Int, heuristic: [Double]? = nil) {
        h = heuristic ?? [Double](repeating: .infinity, count: nodeCount)
        g = [Double](repeating: .infinity, count: nodeCount)
        parent = [Int32](repeating: -1, count: nodeCount)
        seen = [UInt32](repeating: 0, count: nodeCount)
        closed = [UInt32](repeating: 0, count: nodeCount)
        stationBlock = [UInt32](repeating: 0, count: stationCount)
    }

    /// Exact remaining cost from every node to an arrival at `destination` (reverse Dijkstra).
    mutating func computeHeuristic(graph: RouteGraph, destination: StationID) {
        for i in h.indices { h[i] = .infinity }
        newGeneration()
        let gen = generation
        heap.removeAll()
        for a in graph.arrivalNodes[destination.index] {
            h[Int(a)] = 0
            heap.push(0, a)
        }
        while let (_, n) = heap.pop() {
            if closed[Int(n)] == gen { continue }
            closed[Int(n)] = gen
            let d = h[Int(n)]
            var e = Int(graph.reverseStart[Int(n)])
            let end = Int(graph.reverseStart[Int(n) + 1])
            while e < end {
                let m = graph.reverseFrom[e]
                let nd = d + graph.reverseCost[e]
                if nd < h[Int(m)] {
                    h[Int(m)] = nd
                    heap.push(nd, m)
                }
                e += 1
            }
        }
    }

    /// Starts a new search generation: clears closed/seen marks, station blocks and blocked first hops.
    mutating func newGeneration() {
        generation &+= 1
        if generation == 0 {
            for i in seen.indices { seen[i] = 0; closed[i] = 0 }
            for i in stationBlock.indices { stationBlock[i] = 0 }
            generation = 1
        }
        blockedNext.removeAll(keepingCapacity: true)
    }

    /// A* from `start` (cost so far `g0`) to any arrival node at `destination`, skipping blocked
    /// stations, the blocked first hops in `blockedNext`, and nodes whose lower bound exceeds
    /// `bound`. Returns the goal node (follow `parent` back to `start`) and its cost.
    mutating func search(graph: RouteGraph, start: Int32, g0: Double, destination: StationID, bound: Double) -> (Int32, Double)? {
        let gen = generation
        heap.removeAll()
        g[Int(start)] = g0
        seen[Int(start)] = gen
        parent[Int(start)] = -1
        heap.push(g0 + h[Int(start)], start)
        let dest = destination.rawValue
        while let (_, n) = heap.pop() {
            let ni = Int(n)
            if closed[ni] == gen { continue }
            closed[ni] = gen
            let gn = g[ni]
            if graph.nodeStation[ni] == dest && graph.nodeDirection[ni] >= 0 { return (n, gn) }
            var e = Int(graph.edgeStart[ni])
            let end = Int(graph.edgeStart[ni + 1])
            while e < end {
                defer { e += 1 }
                let m = graph.edgeTo[e]
                let mi = Int(m)
                if closed[mi] == gen { continue }
                if stationBlock[Int(graph.nodeStation[mi])] == gen { continue }
                if n == start && blockedNext.contains(m) { continue }
                let ng = gn + graph.edgeCost[e]
                let f = ng + h[mi]
                if f > bound { continue }
                if seen[mi] != gen || ng < g[mi] {
                    seen[mi] = gen
                    g[mi] = ng
                    parent[mi] = n
                    heap.push(f, m)
                }
            }
        }
        return nil
    }
}

/// A binary min-heap of (key, node) packed into one `UInt64`: the key (a non-negative cost)
/// quantised to 1/4096 minute in the high 40 bits, the node in the low 24 bits, so ties are
/// broken by node index. The quantisation only affects expansion order, not path costs.
struct MinHeap {
    private var items: [UInt64] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func push(_ key: Double, _ node: Int32) {
        let q = UInt64(min(max(key, 0) * 4096, 1.0e12))
        let item = (q << 24) | UInt64(UInt32(bitPattern: node) & 0xFF_FFFF)
        var i = items.count
        items.append(item)
        items.withUnsafeMutableBufferPointer { a in
            while i > 0 {
                let p = (i - 1) >> 1
                let parent = a[p]
                if parent <= item { break }
                a[i] = parent
                i = p
            }
            a[i] = item
        }
    }

    /// The smallest entry: its (quantised) key and node.
    @inline(__always) mutating func pop() -> (Double, Int32)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items.withUnsafeMutableBufferPointer { a in
                let n = a.count
                var i = 0
                while true {
                    let l = 2 * i + 1
                    if l >= n { break }
                    var c = l
                    if l + 1 < n && a[l + 1] < a[l] { c = l + 1 }
                    if a[c] >= last { break }
                    a[i] = a[c]
                    i = c
                }
                a[i] = last
            }
        }
        return (Double(first >> 24) / 4096, Int32(first & 0xFF_FFFF))
    }
}
