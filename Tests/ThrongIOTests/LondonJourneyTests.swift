import Testing
import ThrongCore
import ThrongIO

/// Routing, journey reconstruction and path inference on the real London network in
/// `SampleData/london`, with synthetic pings placed along RouteFinder's own schedule.
@Suite struct LondonJourneyTests {
    let net: Network
    let cache: RouteCache

    init() throws {
        net = try NetworkLoader.load(directory: NetworkTestSupport.sampleLondon)
        cache = RouteCache(network: net)
    }

    func station(_ naptan: String) -> StationID { net.stationByNaptan[naptan]! }

    func ap(_ s: StationID, _ area: StationArea, line: LineID? = nil, direction: String? = nil) -> AccessPointID {
        net.accessPointsOfStation[s.index].first {
            let a = net.accessPoints[$0.index]
            return a.area == area && (line == nil || a.line == line) && (direction == nil || a.direction == direction)
        }!
    }

    /// Pings along `candidate`: entrance, ticket hall and platform at the origin, a platform ping
    /// (arriving train's line and direction) at each station in `seen`, the departing line's
    /// platform too at interchanges, and platform, ticket hall and entrance at the destination.
    func events(along candidate: RouteCandidate, seen: Set<StationID>, start: Int64) -> [Event] {
        let device = DeviceKey(token: "london-device")
        var out: [Event] = []
        func ping(_ seconds: Double, _ a: AccessPointID) {
            out.append(Event(time: start + Int64(seconds * 1000), device: device, accessPoint: a))
        }
        var arriving: [StationID: Link] = [:]
        var departing: [StationID: Link] = [:]
        for leg in candidate.route.legs {
            guard case .ride(_, let links, _) = leg else { continue }
            for id in links {
                let l = net.links[id.index]
                arriving[l.to] = l
                if departing[l.from] == nil { departing[l.from] = l }
            }
        }
        let stations = candidate.route.stations
        let o = stations[0], d = stations[stations.count - 1]
        ping(0, ap(o, .entrance))
        ping(30, ap(o, .ticketHall))
        let first = departing[o]!
        ping(90, ap(o, .platform, line: first.line, direction: first.direction))
        let board = 90.0 + 60
        for (i, s) in stations.enumerated() where i > 0 {
            let t = board + candidate.stationMinutes[i] * 60
            guard s == d || seen.contains(s), let a = arriving[s] else { continue }
            ping(t + 10, ap(s, .platform, line: a.line, direction: a.direction))
            if s != d, let dep = departing[s], dep.line != a.line {
                ping(t + 120, ap(s, .platform, line: dep.line, direction: dep.direction))
            }
            if s == d {
                ping(t + 60, ap(s, .ticketHall))
                ping(t + 100, ap(s, .entrance))
            }
        }
        return out
    }

    static let weekdayNoon: Int64 = 1_763_985_600_000 - 3_600_000  // Mon 24 Nov 2025, 11:00 UTC

    @Test func brixtonToOxfordCircusOnTheVictoriaLine() throws {
        let bxn = station("940GZZLUBXN"), oxc = station("940GZZLUOXC"), vxl = station("940GZZLUVXL")
        let routes = cache.routes(from: bxn, to: oxc, band: .interPeak).candidates
        let best = try #require(routes.first)
        #expect(best.route.name(in: net) == "Victoria")
        #expect(best.cost.interchanges == 0)
        var evs = events(along: best, seen: [vxl], start: Self.weekdayNoon)
        var r = JourneyReconstructor(network: net, routes: cache)
        let out = r.reconstruct(events: &evs)
        #expect(out.classification == .passenger)
        let j = try #require(out.journeys.first)
        #expect(out.journeys.count == 1)
        #expect(j.origin == bxn && j.destination == oxc)
        #expect(j.visits.map(\.kind) == [.entry, .passThrough, .exit])
        let inference = try #require(j.inference)
        #expect(inference.chosen.route.name(in: net) == "Victoria")
        #expect(inference.chosen.route.stations.contains(station("940GZZLUSKW")))  // Stockwell: no ping, still on the route
    }

    @Test func interchangeAtGreenParkOntoTheJubileeLine() throws {
        let bxn = station("940GZZLUBXN"), bnd = station("940GZZLUBND"), gpk = station("940GZZLUGPK")
        let routes = cache.routes(from: bxn, to: bnd, band: .interPeak).candidates
        #expect(routes.count >= 2)
        let viaGreenPark = try #require(routes.first { $0.route.name(in: net) == "Victoria > Green Park > Jubilee" })
        var evs = events(along: viaGreenPark, seen: [gpk], start: Self.weekdayNoon)
        var r = JourneyReconstructor(network: net, routes: cache)
        let out = r.reconstruct(events: &evs)
        let j = try #require(out.journeys.first)
        #expect(out.journeys.count == 1)
        #expect(j.visits.map(\.kind) == [.entry, .interchange, .exit])
        #expect(j.visits[1].platforms.count == 2)
        let inference = try #require(j.inference)
        #expect(inference.chosen.route.name(in: net) == "Victoria > Green Park > Jubilee")
        #expect(inference.confidence > 0.8)
    }

    @Test func routesAreLooplessSortedAndDeterministic() {
        let finder = RouteFinder(network: net, band: .amPeak)
        let pairs: [(String, String)] = [
            ("940GZZLUBXN", "940GZZLUKSX"), ("940GZZLUWLO", "940GZZLUBNK"), ("940GZZLUEGW", "940GZZLUHBT"),
            ("940GZZLUHR5", "940GZZLUUPM"), ("940GZZLUERC", "940GZZLUERB"),
        ]
        for (a, b) in pairs {
            let found = finder.routes(from: station(a), to: station(b), limit: 5)
            #expect(!found.isEmpty, "\(a) → \(b)")
            #expect(found == finder.routes(from: station(a), to: station(b), limit: 5))
            for (i, c) in found.enumerated() {
                #expect(Set(c.route.stations).count == c.route.stations.count)
                #expect(c.route.origin == station(a) && c.route.destination == station(b))
                #expect(c.cost.interchanges <= 3)
                if i > 0 { #expect(found[i - 1].cost.generalisedCost <= c.cost.generalisedCost) }
                #expect(c.cost.generalisedCost <= found[0].cost.generalisedCost * 1.5 + 10 + 1e-9)
            }
        }
        // Edgware → High Barnet changes trains at the Camden Town junction.
        let camden = finder.routes(from: station("940GZZLUEGW"), to: station("940GZZLUHBT"), limit: 1)
        #expect(camden.first?.route.name(in: net) == "Northern > Camden Town > Northern")
    }
}
