import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// `BatchConfiguration.closures` (`throng batch --closure`): the run uses the network as operated.
@Suite struct BatchClosureTests {
    static let closure = LineClosure(line: "Victoria", from: "940GZZLUKSX", to: "940GZZLUVIC")

    /// `devices` passengers King's Cross St Pancras → Victoria, seen at the entrance and ticket
    /// hall at both ends, 25–31 minutes apart.
    static func kingsCrossToVictoria(devices: Int) -> [String] {
        var lines: [String] = []
        for d in 0..<devices {
            let t = BatchFixtures.morning + Int64(d) * 97_000
            let ride = Int64(25 + d % 7) * 60_000
            lines += [
                "\(t),kxvic\(d),KSX-E\(1 + d % 4)", "\(t + 40_000),kxvic\(d),KSX-TH\(1 + d % 2)",
                "\(t + ride),kxvic\(d),VIC-TH\(1 + d % 2)", "\(t + ride + 45_000),kxvic\(d),VIC-E\(1 + d % 4)",
            ]
        }
        return lines
    }

    /// Expected traversals of the closed section's links (by line and stations, so runs on the
    /// full and the operated network compare), and of all links.
    static func loads(_ result: BatchResult) throws -> (section: Double, all: Double) {
        let n = result.network
        let section = Set(try closure.section(in: BatchFixtures.london))
        let victoria = n.lineByName["Victoria"]!
        var inSection = 0.0, all = 0.0
        for row in result.snapshot.linkLoads {
            let link = n.links[row.link.index]
            let value = row.devices?.value ?? 0
            all += value
            if link.line == victoria && section.contains(link.from) && section.contains(link.to) { inSection += value }
        }
        return (inSection, all)
    }

    @Test func closedSectionCarriesNoLoadAndTheRunRecordsIt() throws {
        let dir = BatchFixtures.tempDirectory("closure")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try BatchFixtures.writeSplit(Self.kingsCrossToVictoria(devices: 40), into: dir, files: 1, seed: 3)
        var config = BatchConfiguration.exactRelease
        config.workers = 2
        config.disclosureThreshold = 1
        let open = try BatchJob(network: BatchFixtures.london, inputs: paths, configuration: config).run()
        config.closures = [Self.closure]
        let closed = try BatchJob(network: BatchFixtures.london, inputs: paths, configuration: config).run()

        let before = try Self.loads(open), after = try Self.loads(closed)
        #expect(before.section > 0, "without the closure the Victoria line carries these journeys")
        #expect(after.section == 0)
        #expect(after.all > 0, "the journeys are routed around the closure")
        #expect(closed.report.quality.journeysBothEnds == open.report.quality.journeysBothEnds)
        #expect(closed.network.links.count < BatchFixtures.london.links.count)
        #expect(closed.network.stations == BatchFixtures.london.stations)
        #expect(closed.snapshot.linkLoads.allSatisfy { $0.link.index < closed.network.links.count })
        #expect(closed.report.quality.parameters["closures"] == "Victoria:940GZZLUKSX-940GZZLUVIC")
        #expect(open.report.quality.parameters["closures"] == "")
    }

    @Test func unknownClosureIsAConfigurationError() throws {
        let dir = BatchFixtures.tempDirectory("closure-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try BatchFixtures.writeSplit(Self.kingsCrossToVictoria(devices: 1), into: dir, files: 1, seed: 3)
        var config = BatchConfiguration.exactRelease
        config.closures = [LineClosure(line: "Victoria", from: "940GZZLUKSX", to: "940GZZLUWLO")]
        let error = #expect(throws: BatchError.self) {
            try BatchJob(network: BatchFixtures.london, inputs: paths, configuration: config).run()
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error.map { "\($0)".contains("940GZZLUWLO is not reachable from 940GZZLUKSX") } == true)
    }
}
