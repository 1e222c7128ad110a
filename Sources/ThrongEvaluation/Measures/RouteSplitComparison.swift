public import ThrongCore
import ThrongSimulator

/// Route shares of one OD pair: truth against the engine's posterior.
///
/// Truth: observable truth journeys of the pair, counted per truth path. Engine: for the
/// pair's journeys with both ends observed (those published in `route_splits`), each
/// candidate's posterior is added to its route (named by the truth path format,
/// `RouteOption.path(of:network:)`). Shares are each side's totals over its own sum.
public struct RouteSplitComparison: Hashable, Sendable {
    /// One route's shares.
    public struct Entry: Hashable, Sendable {
        /// The route in truth path format.
        public var path: String
        /// Truth journeys on the route.
        public var truthJourneys: Int
        /// Truth share (0…1).
        public var truthShare: Double
        /// Engine's expected journeys on the route.
        public var engineJourneys: Double
        /// Engine share (0…1).
        public var engineShare: Double
        /// |engine − truth| in percentage points.
        public var differencePoints: Double { abs(engineShare - truthShare) * 100 }
    }

    /// Origin.
    public var origin: StationID
    /// Destination.
    public var destination: StationID
    /// Routes seen on either side, by descending truth share.
    public var routes: [Entry]
    /// Observable truth journeys of the pair.
    public var truthJourneys: Int
    /// Engine journeys of the pair with both ends observed.
    public var engineJourneys: Int

    /// Largest difference over the routes, in percentage points (0 without routes).
    public var maxDifferencePoints: Double { routes.map(\.differencePoints).max() ?? 0 }

    /// Measures one OD pair.
    public static func measure(truth: GroundTruth, run: EngineRun, network: Network, origin: StationID, destination: StationID) -> RouteSplitComparison {
        var truthCount: [String: Int] = [:]
        var truthTotal = 0
        for j in truth.journeys where j.origin == origin && j.destination == destination && truth.isObservable(j) {
            truthCount[j.path, default: 0] += 1
            truthTotal += 1
        }
        var engine: [String: Double] = [:]
        var engineTotal = 0
        var names: [Route: String] = [:]
        for outcome in run.outcomes.values where outcome.classification == .passenger {
            for r in outcome.journeys where r.origin == origin && r.destination == destination && r.observedOrigin && r.observedDestination {
                guard let inference = r.inference else { continue }
                engineTotal += 1
                for (c, p) in zip(inference.candidates, inference.posterior) where p > 0 {
                    let name = names[c.route] ?? RouteOption.path(of: c.route, network: network)
                    names[c.route] = name
                    engine[name, default: 0] += p
                }
            }
        }
        let engineSum = engine.values.reduce(0, +)
        let paths = Set(truthCount.keys).union(engine.keys)
        var routes: [Entry] = []
        for p in paths {
            let t = truthCount[p] ?? 0
            let e = engine[p] ?? 0
            let truthShare = truthTotal > 0 ? Double(t) / Double(truthTotal) : 0
            let engineShare = engineSum > 0 ? e / engineSum : 0
            routes.append(Entry(path: p, truthJourneys: t, truthShare: truthShare, engineJourneys: e, engineShare: engineShare))
        }
        routes.sort { (a: Entry, b: Entry) -> Bool in
            if a.truthShare != b.truthShare { return a.truthShare > b.truthShare }
            if a.engineShare != b.engineShare { return a.engineShare > b.engineShare }
            return a.path < b.path
        }
        return RouteSplitComparison(
            origin: origin, destination: destination, routes: routes, truthJourneys: truthTotal, engineJourneys: engineTotal)
    }
}
