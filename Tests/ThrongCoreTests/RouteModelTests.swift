import Testing
@testable import ThrongCore

/// Issue 9: line variants on shared track, branches that do not connect, corridor evidence at
/// middle visits.
@Suite struct RouteModelTests {
    /// District (3.5 min headway) and Circle (10 min) over the same three stations.
    static func sharedTrack() -> Network {
        var b = TestNetworkBuilder()
        b.addLine("District", "EB", ["A", "B", "C"], minutes: [2, 2])
        b.addLine("Circle", "EB", ["A", "B", "C"], minutes: [2, 2])
        return b.build()
    }

    @Test func lineVariantsAreKeptAndSplitByServiceFrequency() throws {
        let net = Self.sharedTrack()
        let found = RouteFinder(network: net, band: .interPeak).routes(from: net.sid("A"), to: net.sid("C"), limit: 5)
        #expect(found.count == 2)
        #expect(Set(found.map { $0.route.name(in: net) }) == ["District", "Circle"])
        let district = try #require(found.first { $0.route.name(in: net) == "District" })
        let circle = try #require(found.first { $0.route.name(in: net) == "Circle" })
        // Common lines: shares ∝ 1/headway; the pair competes at the cheaper (District) cost.
        let f = (1 / 3.5) / (1 / 3.5 + 1 / 10.0)
        #expect(abs(district.choiceShare - f) < 1e-12)
        #expect(abs(circle.choiceShare - (1 - f)) < 1e-12)
        #expect(district.choiceCost == district.cost.generalisedCost)
        #expect(circle.choiceCost == district.cost.generalisedCost)
        #expect(circle.cost.generalisedCost > district.cost.generalisedCost)
        // The old behaviour keeps only the cheapest.
        let collapsed = RouteFinder(network: net, band: .interPeak, parameters: RouteParameters(collapseParallelLines: true))
            .routes(from: net.sid("A"), to: net.sid("C"), limit: 5)
        #expect(collapsed.map { $0.route.name(in: net) } == ["District"])
        #expect(collapsed[0].choiceShare == 1)
    }

    @Test func aPlatformSightingPicksTheLineAndNothingSplitsByFrequency() throws {
        let net = Self.sharedTrack()
        let script = DeviceScript(network: net)
        // A Circle platform ping at B: the Circle variant.
        let seen = script.reconstruct(script.events([(0, "A-E"), (40, "A-T"), (120, "A-C"), (300, "B-Circle-EB"), (420, "C-T"), (460, "C-E")]))
        let j = try #require(seen.journeys.first?.inference)
        #expect(j.chosen.route.name(in: net) == "Circle")
        // Equal timings: prior shares times the wrong-line factor (0.05) for District.
        let f = (1 / 3.5) / (1 / 3.5 + 1 / 10.0)
        #expect(abs(j.posterior[j.chosenIndex] - (1 - f) / ((1 - f) + f * 0.05)) < 1e-9)
        // No line seen anywhere: the posterior follows the frequency shares (timings are equal).
        let blind = script.reconstruct(script.events([(0, "A-E"), (40, "A-T"), (420, "C-T"), (460, "C-E")]))
        let k = try #require(blind.journeys.first?.inference)
        let share = Dictionary(uniqueKeysWithValues: k.candidates.indices.map { (k.candidates[$0].route.name(in: net), k.posterior[$0]) })
        #expect(abs(share["District"]! - f) < 1e-9)
    }

    /// A Northern-like line whose two branches cross at Y without connecting: X–Y–Z is one
    /// branch, P–Y–Q the other (southbound), both listed as runs.
    static func branches(restricted: Bool) -> Network {
        var b = TestNetworkBuilder()
        b.addLine("Northern", "SB", ["X", "Y", "Z"], minutes: [2, 2])
        b.addLine("Northern", "SB", ["P", "Y", "Q"], minutes: [2, 2])
        if restricted {
            b.noThroughRides = [
                ("Northern", "X", "Y", "Q"), ("Northern", "Q", "Y", "X"), ("Northern", "P", "Y", "Z"), ("Northern", "Z", "Y", "P"),
            ]
        }
        return b.build()
    }

    @Test func aThroughRideNoTrainRunsNeedsAChangeOfTrain() throws {
        let open = Self.branches(restricted: false)
        let direct = RouteFinder(network: open, band: .interPeak).routes(from: open.sid("X"), to: open.sid("Q"), limit: 3)
        #expect(direct.first?.cost.interchanges == 0)
        let net = Self.branches(restricted: true)
        let found = RouteFinder(network: net, band: .interPeak).routes(from: net.sid("X"), to: net.sid("Q"), limit: 3)
        let best = try #require(found.first)
        #expect(found.allSatisfy { $0.cost.interchanges >= 1 })
        #expect(best.route.interchangeStations == [net.sid("Y")])
        // The runs themselves stay through rides.
        let run = RouteFinder(network: net, band: .interPeak).routes(from: net.sid("X"), to: net.sid("Z"), limit: 3)
        #expect(run.first?.cost.interchanges == 0)
        // A same-line change that neither reverses nor replaces a forbidden ride is still refused.
        #expect(run.allSatisfy { $0.cost.interchanges == 0 })
    }

    @Test func restrictionsAreImpliedByTheRunsOfTheLinks() {
        // Southbound runs: X→Y→Z, then P→Y→Q; then a branch W→Y→... that starts a new run at Y.
        let l = LineID(0)
        func link(_ a: UInt16, _ b: UInt16) -> Link {
            Link(line: l, direction: "SB", from: StationID(a), to: StationID(b), distanceKm: 1,
                 runningMinutes: RunningTimes(unimpeded: 1, amPeak: 1, interPeak: 1))
        }
        let (x, y, z, p, q, w): (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 1, 2, 3, 4, 5)
        let crossing = NoThroughRide.implied(byRunsOf: [link(x, y), link(y, z), link(p, y), link(y, q)])
        #expect(Set(crossing) == [
            NoThroughRide(line: l, from: StationID(x), via: StationID(y), to: StationID(q)),
            NoThroughRide(line: l, from: StationID(p), via: StationID(y), to: StationID(z)),
        ])
        // A run that ends at Y (P→Y, nothing after it) or starts there (Y→W) is a junction's
        // branch: every continuation is allowed.
        let junction = NoThroughRide.implied(byRunsOf: [link(x, y), link(y, z), link(y, w), link(p, y)])
        #expect(junction.isEmpty)
    }

    @Test func aCorridorPingAtAMiddleStationFavoursChangingThere() throws {
        // Red O–X–Y and Blue X–Y–D: change at X or at Y, the same stations either way.
        var b = TestNetworkBuilder()
        b.addLine("Red", "EB", ["O", "X", "Y"], minutes: [3, 3])
        b.addLine("Blue", "EB", ["X", "Y", "D"], minutes: [3, 3])
        let net = b.build()
        let script = DeviceScript(network: net)
        let routes = RouteCache(network: net)
        let set = routes.routes(from: net.sid("O"), to: net.sid("D"), band: .interPeak)
        #expect(Set(set.candidates.map { $0.route.interchangeStations }) == [[net.sid("X")], [net.sid("Y")]])
        let events = script.events([(0, "O-E"), (40, "O-T"), (200, "X-C"), (700, "D-T"), (740, "D-E")])
        let out = script.reconstruct(events)
        let inference = try #require(out.journeys.first?.inference)
        #expect(inference.chosen.route.interchangeStations == [net.sid("X")])
        #expect(inference.posterior[inference.chosenIndex] > 0.8)
        // Both scorers (flat tables and the general path) agree to the last bit.
        let visits = out.journeys[0].visits
        let general = try #require(PathInferrer(network: net).infer(visits: visits, candidates: set.candidates, band: .interPeak))
        #expect(general.posterior == inference.posterior)
        // Without the corridor ping nothing tells the two apart beyond the prior.
        let plain = script.reconstruct(script.events([(0, "O-E"), (40, "O-T"), (700, "D-T"), (740, "D-E")]))
        let p = try #require(plain.journeys.first?.inference)
        #expect(p.posterior.max()! < 0.8)
    }
}
