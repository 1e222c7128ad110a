public import ThrongCore

/// One route alternative as the simulator uses it: legs, names for the truth, logit weight.
public struct RouteOption: Sendable {
    /// The route's legs (rides and out-of-station walks).
    public var legs: [RouteLeg]
    /// `940GZZLUKSX>Victoria>940GZZLUGPK>Jubilee>940GZZLUWLO`: boarding, change and alighting
    /// stations with the line ridden between them; an out-of-station walk shows as `>walk>`.
    public var path: String
    /// The path with every station passed: `940GZZLUKSX>Victoria>940GZZLUEUS>Victoria>…`, one
    /// directed link per `>line>` hop (a line has at most one link between two stations in one
    /// direction); `>walk>` for an out-of-station walk. Names the links ridden exactly, unlike
    /// ``path`` (Northern line branches, the Circle line, the Hainault loop).
    public var riddenPath: String
    /// RouteFinder's human name (`Victoria > Green Park > Jubilee`).
    public var name: String
    /// Generalised cost (weighted minutes).
    public var cost: Double
    /// The route-choice cost: the cheapest cost of the route's line variants
    /// (``RouteCandidate/choiceCost``).
    public var choiceCost: Double
    /// The route's share among its line variants, by service frequency
    /// (``RouteCandidate/choiceShare``).
    public var choiceShare: Double
    /// Whether any station on the route has wifi.
    public var touchesWifi: Bool

    /// Builds an option from a RouteFinder candidate.
    public init(candidate: RouteCandidate, network: Network, isWifi: [Bool]) {
        legs = candidate.route.legs
        cost = candidate.cost.generalisedCost
        choiceCost = candidate.choiceCost
        choiceShare = candidate.choiceShare
        name = candidate.route.name(in: network)
        path = Self.path(of: candidate.route, network: network)
        riddenPath = Self.riddenPath(of: candidate.route, network: network)
        touchesWifi = candidate.route.stations.contains { isWifi[$0.index] }
    }

    /// The truth path string of a route.
    public static func path(of route: Route, network: Network) -> String {
        var parts: [String] = []
        for leg in route.legs {
            switch leg {
            case .ride(let line, _, let stations):
                let first = network.stations[stations[0].index].naptan
                if parts.last != first { parts.append(first) }
                parts.append(network.lines[line.index])
                parts.append(network.stations[stations[stations.count - 1].index].naptan)
            case .walk(let from, let to, _):
                let first = network.stations[from.index].naptan
                if parts.last != first { parts.append(first) }
                parts.append("walk")
                parts.append(network.stations[to.index].naptan)
            }
        }
        return parts.joined(separator: ">")
    }

    /// The ridden path string of a route (``riddenPath``): every link's stations with its line.
    public static func riddenPath(of route: Route, network: Network) -> String {
        var parts: [String] = []
        for leg in route.legs {
            switch leg {
            case .ride(let line, let links, _):
                for l in links {
                    let link = network.links[l.index]
                    let first = network.stations[link.from.index].naptan
                    if parts.last != first { parts.append(first) }
                    parts.append(network.lines[line.index])
                    parts.append(network.stations[link.to.index].naptan)
                }
            case .walk(let from, let to, _):
                let first = network.stations[from.index].naptan
                if parts.last != first { parts.append(first) }
                parts.append("walk")
                parts.append(network.stations[to.index].naptan)
            }
        }
        return parts.joined(separator: ">")
    }
}

/// The alternatives of one (origin, destination, band) with cumulative logit probabilities.
public struct RouteSet: Sendable {
    /// Alternatives, RouteFinder's order (cheapest first).
    public var options: [RouteOption]
    /// Cumulative choice probabilities (last = 1).
    public var cumulative: [Double]
    /// Probability that the chosen route touches a wifi station.
    public var wifiProbability: Double

    /// Applies the logit model `P(i) ∝ exp(-θ·(c_i − c_min))` over routes, with line variants
    /// (same stations and changes, other lines) sharing their cheapest cost and splitting it
    /// by service frequency: `P(i) ∝ share_i · exp(-θ·(choiceCost_i − c_min))`.
    public init(options: [RouteOption], theta: Double) {
        self.options = options
        let best = options.map(\.choiceCost).min() ?? 0
        let w = options.map { $0.choiceShare * _exp(-theta * ($0.choiceCost - best)) }
        let total = w.reduce(0, +)
        var acc = 0.0
        var cum: [Double] = []
        var wifi = 0.0
        for (i, x) in w.enumerated() {
            acc += x / total
            cum.append(acc)
            if options[i].touchesWifi { wifi += x / total }
        }
        if !cum.isEmpty { cum[cum.count - 1] = 1 }
        cumulative = cum
        wifiProbability = wifi
    }

    /// The choice probabilities.
    public var probabilities: [Double] {
        cumulative.enumerated().map { $0.offset == 0 ? $0.element : $0.element - cumulative[$0.offset - 1] }
    }

    /// Draws an alternative's index.
    func choose(_ rng: inout SimRandom) -> Int {
        let u = rng.unit()
        for (i, c) in cumulative.enumerated() where u < c { return i }
        return cumulative.count - 1
    }
}
