import Testing
@testable import ThrongCore

@Suite struct RouteFinderTests {
    @Test func twoParallelLinesGiveTwoDistinctRoutes() {
        let net = TestNetworks.parallel()
        let finder = RouteFinder(network: net, band: .interPeak)
        let found = finder.routes(from: net.sid("A"), to: net.sid("D"), limit: 5)
        #expect(found.count == 2)
        let names = found.map { $0.route.name(in: net) }
        #expect(names == ["Red", "Blue"])
        #expect(found[0].route.stations == [net.sid("A"), net.sid("B"), net.sid("D")])
        #expect(found[1].route.stations == [net.sid("A"), net.sid("C"), net.sid("D")])
        #expect(found[0].cost.inVehicleMinutes == 6)
        #expect(found[1].cost.inVehicleMinutes == 7)
        #expect(found[0].cost.generalisedCost <= found[1].cost.generalisedCost)
    }

    @Test func costPartsAddUp() {
        let net = TestNetworks.parallel()
        let p = RouteParameters.default
        let finder = RouteFinder(network: net, band: .amPeak)
        let found = finder.routes(from: net.sid("B"), to: net.sid("E"), limit: 3)
        #expect(!found.isEmpty)
        let best = found[0]
        #expect(best.route.name(in: net) == "Red > D > Green")
        #expect(best.cost.interchanges == 1)
        #expect(best.route.interchangeStations == [net.sid("D")])
        #expect(best.cost.inVehicleMinutes == 5)
        #expect(best.cost.initialWaitMinutes == p.defaultHeadwayMinutes / 2)
        #expect(best.cost.walkMinutes == Interchange.defaultWalkMinutes)
        let expected = 5 + p.waitWeight * (best.cost.initialWaitMinutes + best.cost.interchangeWaitMinutes)
            + p.walkWeight * best.cost.walkMinutes + p.interchangePenalty
        #expect(abs(best.cost.generalisedCost - expected) < 1e-9)
        #expect(best.stationMinutes == [0.0, 3.0, 10.5] as [Double])
        for c in found {
            let sum = p.inVehicleWeight * c.cost.inVehicleMinutes
                + p.waitWeight * (c.cost.initialWaitMinutes + c.cost.interchangeWaitMinutes)
                + p.walkWeight * c.cost.walkMinutes + c.cost.penaltyMinutes
            #expect(abs(sum - c.cost.generalisedCost) < 1e-9)
        }
    }

    @Test func loopGivesBothWaysRoundAndNoStationTwice() {
        let net = TestNetworks.loop()
        let finder = RouteFinder(network: net, band: .interPeak)
        let found = finder.routes(from: net.sid("P"), to: net.sid("R"), limit: 5)
        #expect(found.count == 2)
        let sequences = Set(found.map { $0.route.stations })
        #expect(sequences == [[net.sid("P"), net.sid("Q"), net.sid("R")], [net.sid("P"), net.sid("S"), net.sid("R")]])
        for c in found {
            #expect(Set(c.route.stations).count == c.route.stations.count)
            #expect(c.cost.interchanges == 0)
        }
        // Equal costs: order is by stable node ids, so repeated calls agree.
        #expect(found[0].cost.generalisedCost == found[1].cost.generalisedCost)
    }

    @Test func walkingTransferBetweenStationsOfAComplex() {
        let net = TestNetworks.walking()
        let finder = RouteFinder(network: net, band: .interPeak)
        let found = finder.routes(from: net.sid("X"), to: net.sid("Y"), limit: 3)
        #expect(found.count == 1)
        let r = found[0]
        #expect(r.route.legs.count == 3)
        if case .walk(let a, let b, let m) = r.route.legs[1] {
            #expect(a == net.sid("M1") && b == net.sid("M2") && m == 5)
        } else {
            Issue.record("middle leg is not a walk")
        }
        #expect(r.route.stations == [net.sid("X"), net.sid("M1"), net.sid("M2"), net.sid("Y")])
        #expect(r.route.interchangeStations == [net.sid("M1"), net.sid("M2")])
        #expect(r.route.name(in: net) == "North > M1 ~ M2 > South")
        #expect(r.cost.walkMinutes == 5 && r.cost.interchanges == 1)
        // Cannot end by walking: M1 → M2 has no ride.
        #expect(finder.routes(from: net.sid("X"), to: net.sid("M2"), limit: 3).isEmpty)
    }

    @Test func deterministicAndRespectsLimit() {
        let net = TestNetworks.parallel()
        let finder = RouteFinder(network: net, band: .interPeak)
        let a = finder.routes(from: net.sid("E"), to: net.sid("A"), limit: 5)
        let b = RouteFinder(network: net, band: .interPeak).routes(from: net.sid("E"), to: net.sid("A"), limit: 5)
        #expect(a == b)
        #expect(a.count == 2)
        #expect(finder.routes(from: net.sid("E"), to: net.sid("A"), limit: 1) == Array(a.prefix(1)))
        #expect(finder.routes(from: net.sid("A"), to: net.sid("A"), limit: 3).isEmpty)
    }

    @Test func plausibilityBoundDropsLongDetours() {
        let net = TestNetworks.parallel()
        let tight = RouteParameters(costFactor: 1.0, costSlack: 0.5)
        let finder = RouteFinder(network: net, band: .interPeak, parameters: tight)
        let found = finder.routes(from: net.sid("A"), to: net.sid("D"), limit: 5)
        #expect(found.count == 1)
        #expect(found[0].route.name(in: net) == "Red")
    }
}
