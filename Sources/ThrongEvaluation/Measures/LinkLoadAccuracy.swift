public import ThrongCore

/// Expected link loads against truth traversals, per directed link, summed over bins and days.
///
/// Truth: every observable truth journey (``GroundTruth/isObservable(_:)``) adds 1 to each
/// link of its truth path. Engine: the published `link_loads` of a run with disclosure
/// threshold 1 (posterior-weighted traversals of journeys with both ends observed).
/// The *busiest* links are the `top` links with the largest truth load (ties: link order);
/// relative error = |engine − truth| / truth.
public struct LinkLoadAccuracy: Hashable, Sendable {
    /// One link's loads.
    public struct Entry: Hashable, Sendable {
        /// The link.
        public var link: LinkID
        /// Truth traversals.
        public var truth: Double
        /// Engine's expected traversals.
        public var engine: Double
        /// |engine − truth| / truth.
        public var relativeError: Double { truth > 0 ? abs(engine - truth) / truth : (engine > 0 ? .infinity : 0) }
    }

    /// The busiest links by truth load, busiest first.
    public var busiest: [Entry]
    /// Sum of truth traversals over all links.
    public var truthTotal: Double
    /// Sum of engine traversals over all links.
    public var engineTotal: Double

    /// Largest relative error among ``busiest``.
    public var maxRelativeError: Double { busiest.map(\.relativeError).max() ?? 0 }
    /// Median relative error among ``busiest`` (mean of the two middle values for an even count).
    public var medianRelativeError: Double {
        let e = busiest.map(\.relativeError).sorted()
        guard !e.isEmpty else { return 0 }
        return e.count % 2 == 1 ? e[e.count / 2] : (e[e.count / 2 - 1] + e[e.count / 2]) / 2
    }
    /// How many of ``busiest`` are within `tolerance` (relative).
    public func within(_ tolerance: Double) -> Int { busiest.filter { $0.relativeError <= tolerance }.count }

    /// Measures `run` against `truth` over the `top` busiest links (with `excludingAmbiguous`,
    /// the busiest among those not in ``GroundTruth/ambiguousLinks``).
    public static func measure(
        truth: GroundTruth, run: EngineRun, network: Network, top: Int = 50, excludingAmbiguous: Bool = false
    ) -> LinkLoadAccuracy {
        var t = [Double](repeating: 0, count: network.links.count)
        for j in truth.journeys where truth.isObservable(j) { for l in j.links { t[l.index] += 1 } }
        var e = [Int64](repeating: 0, count: network.links.count)
        for row in run.snapshot.linkLoads { e[row.link.index] += row.devices?.micros ?? 0 }
        let order = t.indices.sorted { t[$0] != t[$1] ? t[$0] > t[$1] : $0 < $1 }
        let eligible = excludingAmbiguous ? order.filter { !truth.ambiguousLinks.contains(LinkID(UInt32($0))) } : order
        let busiest = eligible.prefix(top).filter { t[$0] > 0 }.map {
            Entry(link: LinkID(UInt32($0)), truth: t[$0], engine: FixedCount(micros: e[$0]).value)
        }
        return LinkLoadAccuracy(
            busiest: busiest, truthTotal: t.reduce(0, +), engineTotal: FixedCount(micros: e.reduce(0, +)).value)
    }
}
