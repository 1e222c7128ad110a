import Synchronization

/// Per-destination exact cost-to-go tables for A*, computed on first use and shared by all
/// threads using one ``RouteFinder``: lock-free reads (`AtomicLazyReference`, acquiring load);
/// a racing miss computes twice and keeps one (identical) result. Memory: stations × graph
/// nodes × 8 bytes when every destination has been asked for (≈ 4 MB for London).
final class RouteHeuristics: @unchecked Sendable {
    // @unchecked: `slots` is allocated in init, accessed only through atomic operations and
    // freed in deinit.
    final class Table: Sendable {
        let h: [Double]
        init(_ h: [Double]) { self.h = h }
    }

    private let slots: UnsafeMutablePointer<AtomicLazyReference<Table>>
    private let count: Int

    init(stationCount: Int) {
        count = stationCount
        slots = .allocate(capacity: stationCount)
        for i in 0..<stationCount { (slots + i).initialize(to: AtomicLazyReference()) }
    }

    deinit {
        _ = slots.deinitialize(count: count)
        slots.deallocate()
    }

    func table(for destination: StationID, graph: RouteGraph) -> [Double] {
        if let hit = slots[destination.index].load() { return hit.h }
        var search = RouteSearch(nodeCount: graph.nodeCount, stationCount: count)
        search.computeHeuristic(graph: graph, destination: destination)
        return slots[destination.index].storeIfNil(Table(search.h)).h
    }
}
