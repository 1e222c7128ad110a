import Foundation
import Testing
import ThrongCore
import ThrongIO
@testable import ThrongSimulator

@Suite("Simulator scenarios", .serialized)
struct SimulatorScenarioTests {
    @Test func closureNeverRoutesThroughClosedSection() throws {
        let (network, _) = Fixtures.london
        let closure = LineClosure.default
        let section = try closure.section(in: network)
        #expect(section.count >= 3)
        var config = SimulationPreset.tiny.config
        config.seed = 5
        config.scenario = .closure(closure)
        let (dir, summary, sim) = try Fixtures.run(config, name: "closure")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let closed = Set(section.map { network.stations[$0.index].naptan })
        let victoria = network.lineByName["Victoria"]!
        #expect(!sim.network.links.contains { $0.line == victoria && section.contains($0.from) && section.contains($0.to) })
        var victoriaLegs = 0
        for r in try Fixtures.lines(dir + "/truth/journeys.csv.zst").dropFirst().map(TruthRow.init) {
            #expect(r.flags.contains("closure"))
            for (a, line, b) in r.legs where line == "Victoria" {
                victoriaLegs += 1
                // A Victoria leg may touch the section's ends but never ride through it.
                #expect(!(closed.contains(a) && closed.contains(b)), "\(r.id) rides the closed section \(a)→\(b)")
                #expect(reachable(sim.network, line: "Victoria", from: a, to: b))
            }
        }
        #expect(victoriaLegs > 0, "the rest of the Victoria line still runs")
        // Journeys that would have ridden the section are flagged; e.g. King's Cross → Victoria.
        #expect(summary.journeys.rerouted > 0)
        let rows = try Fixtures.lines(dir + "/truth/journeys.csv.zst").dropFirst().map(TruthRow.init)
        #expect(rows.filter { $0.flags.contains("rerouted") }.count == summary.journeys.rerouted)
        #expect(rows.contains { $0.flags.contains("rerouted") && $0.origin == "940GZZLUKSX" && $0.destination == "940GZZLUVIC" }
            || !rows.contains { $0.origin == "940GZZLUKSX" && $0.destination == "940GZZLUVIC" })
        #expect(summary.config["closure"] == closure.description)
    }

    @Test func eventScenarioRaisesEntriesAtTheVenue() throws {
        var normal = SimulationPreset.tiny.config
        normal.seed = 9
        normal.windowStartMinute = 22 * 60
        var event = normal
        var e = StadiumEvent()
        e.journeys = 20_000
        event.scenario = .event(e)
        let (dirN, sumN, _) = try Fixtures.run(normal, name: "event-normal")
        let (dirE, sumE, _) = try Fixtures.run(event, name: "event-event")
        defer { for d in [dirN, dirE] { try? FileManager.default.removeItem(atPath: d) } }
        func entriesAtVenue(_ dir: String) throws -> Int {
            try Fixtures.lines(dir + "/truth/journeys.csv.zst").dropFirst().filter { TruthRow($0).origin == e.station }.count
        }
        let before = try entriesAtVenue(dirN), after = try entriesAtVenue(dirE)
        #expect(after > before + 50, "entries at Wembley Park: normal \(before), event \(after)")
        #expect(sumE.journeys.stadiumEvent > 50 && sumN.journeys.stadiumEvent == 0)
    }

    @Test func optionsParseAndValidate() throws {
        let c = try #require(LineClosure(parsing: "Victoria:940GZZLUKSX-940GZZLUVIC"))
        #expect(c == LineClosure.default)
        #expect(LineClosure(parsing: "Victoria") == nil)
        var config = SimulationConfig()
        config.deviceRate = 1.5
        #expect(throws: SimulatorError.self) { try config.validate() }
        config = SimulationConfig()
        config.windowHours = 0
        #expect(throws: SimulatorError.self) { try config.validate() }
        #expect(CivilDate(simulatorParsing: "2016-02-30") == nil)
        #expect(CivilDate(simulatorParsing: "2016-11-21").map { DayType($0) } == .mondayToThursday)
    }
}
