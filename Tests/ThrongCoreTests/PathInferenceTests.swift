import Dispatch
import Synchronization
import Testing
import ThrongCore

@Suite struct PathInferenceTests {
    @Test func observedIntermediateStationPicksItsRoute() throws {
        let net = TestNetworks.parallel()
        let s = DeviceScript(network: net)
        // Via C on Blue, although Red is cheaper.
        let out = s.reconstruct(s.events([
            (0, "A-E"), (30, "A-T"), (100, "A-Blue-EB"), (280, "C-Blue-EB"), (520, "D-Blue-EB"), (580, "D-T"), (620, "D-E"),
        ]))
        let inference = try #require(out.journeys.first?.inference)
        #expect(inference.candidates.count == 2)
        #expect(inference.chosen.route.name(in: net) == "Blue")
        #expect(inference.confidence > 0.99)
        #expect(inference.unmatchedStations == 0)
        #expect(abs(inference.posterior.reduce(0, +) - 1) < 1e-12)
        // And via B on Red.
        let red = s.reconstruct(s.events([
            (0, "A-E"), (30, "A-T"), (100, "A-Red-EB"), (280, "B-Red-EB"), (460, "D-Red-EB"), (520, "D-T"), (560, "D-E"),
        ]))
        #expect(red.journeys.first?.inference?.chosen.route.name(in: net) == "Red")
    }

    @Test func platformLineDecidesWithoutIntermediateStations() throws {
        let net = TestNetworks.parallel()
        let s = DeviceScript(network: net)
        let out = s.reconstruct(s.events([
            (0, "A-E"), (30, "A-T"), (100, "A-Blue-EB"), (520, "D-Blue-EB"), (580, "D-T"), (620, "D-E"),
        ]))
        let inference = try #require(out.journeys.first?.inference)
        #expect(inference.chosen.route.name(in: net) == "Blue")
        #expect(inference.confidence > 0.9)
    }

    @Test func twoRoutesThatFitEquallySplitThePosterior() throws {
        let net = TestNetworks.loop()
        let s = DeviceScript(network: net)
        let out = s.reconstruct(s.events([(0, "P-E"), (30, "P-T"), (400, "R-T"), (440, "R-E")]))
        let j = try #require(out.journeys.first)
        #expect(j.visits.map(\.kind) == [.entry, .exit])
        let inference = try #require(j.inference)
        #expect(inference.candidates.count == 2)
        #expect(abs(inference.posterior[0] - 0.5) < 1e-9 && abs(inference.posterior[1] - 0.5) < 1e-9)
        #expect(abs(inference.confidence - 0.5) < 1e-9)
        // A pass-through at Q settles it.
        let viaQ = s.reconstruct(s.events([(0, "P-E"), (30, "P-T"), (100, "P-Ring-IR"), (220, "Q-Ring-IR"), (340, "R-Ring-IR"), (400, "R-T")]))
        let q = try #require(viaQ.journeys.first?.inference)
        #expect(q.chosen.route.stations == [net.sid("P"), net.sid("Q"), net.sid("R")])
        #expect(q.confidence > 0.99)
    }

    @Test func onlyIntermediateObservationsAreFlagged() throws {
        let net = TestNetworks.parallel()
        let s = DeviceScript(network: net)
        // Seen only on platforms of B and D on a Red train: neither end observed.
        let out = s.reconstruct(s.events([(0, "B-Red-EB"), (180, "D-Red-EB")]))
        let j = try #require(out.journeys.first)
        #expect(!j.observedOrigin && !j.observedDestination)
        #expect(j.origin == net.sid("B") && j.destination == net.sid("D"))
        // Seen only entering A: origin observed, destination not.
        let entering = s.reconstruct(s.events([(0, "A-E"), (30, "A-T"), (90, "A-Red-EB")]))
        let e = try #require(entering.journeys.first)
        #expect(e.observedOrigin && !e.observedDestination && e.visits.count == 1 && e.inference == nil)
        #expect(e.visits[0].kind == .entry)
    }

    @Test func routeCacheReturnsTheSameSetAndFastestTimes() {
        let net = TestNetworks.parallel()
        let cache = RouteCache(network: net)
        let a = cache.routes(from: net.sid("A"), to: net.sid("E"), band: .amPeak)
        let b = cache.routes(from: net.sid("A"), to: net.sid("E"), band: .amPeak)
        #expect(a === b)
        #expect(a.candidates == RouteFinder(network: net, band: .amPeak).routes(from: net.sid("A"), to: net.sid("E"), limit: 5))
        #expect(cache.fastestMinutes(from: net.sid("A"), to: net.sid("E")) == 8)
        #expect(cache.fastestMinutes(from: net.sid("A"), to: net.sid("A")) == 0)
    }
}


@Suite struct RouteCacheConcurrencyTests {
    @Test func concurrentLookupsAgreeWithSerialRouteFinder() {
        let net = TestNetworks.parallel()
        let cache = RouteCache(network: net, limit: 3)
        let n = net.stations.count
        let results = RouteSetSlots(count: 8 * n * n)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for o in 0..<n {
                for d in 0..<n {
                    let set = cache.routes(from: StationID(UInt16(o)), to: StationID(UInt16(d)), band: .interPeak)
                    results.store(set, at: (worker * n + o) * n + d)
                }
            }
        }
        let finder = RouteFinder(network: net, band: .interPeak)
        for o in 0..<n {
            for d in 0..<n {
                let expected = finder.routes(from: StationID(UInt16(o)), to: StationID(UInt16(d)), limit: 3)
                let first = results.load((0 * n + o) * n + d)
                #expect(first?.candidates == expected)
                for w in 1..<8 { #expect(results.load((w * n + o) * n + d) === first) }
            }
        }
    }
}

/// Slots written by distinct workers at distinct indices, read after they finish.
final class RouteSetSlots: @unchecked Sendable {
    private var slots: [RouteSet?]
    private let lock = TestLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ s: RouteSet, at i: Int) { lock.withLock { slots[i] = s } }
    func load(_ i: Int) -> RouteSet? { lock.withLock { slots[i] } }
}


/// A tiny lock for the test box.
final class TestLock: Sendable {
    private let m = Mutex(())
    func withLock<T>(_ body: () -> T) -> T { m.withLock { _ in body() } }
}
