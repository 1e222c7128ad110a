import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongQuery
import ThrongSimulator
import ThrongStore

/// A simulated multi-week scenario: two weeks of weekday and weekend mornings (07:00–10:00)
/// on London for a dozen busy origin–destination pairs, run through the batch engine with the
/// default disclosure threshold, written as a snapshot and opened as an index (once per process).
enum SimulatedScenario {
    static let network = SyntheticSnapshot.network
    static let pairs: [(String, String, Double)] = [
        ("940GZZLUKSX", "940GZZLUWLO", 2600), ("940GZZLUWLO", "940GZZLUBNK", 2400), ("940GZZLUVIC", "940GZZLUOXC", 2200),
        ("940GZZLUSTD", "940GZZLUCYF", 2400), ("940GZZLULVT", "940GZZLUOXC", 1800), ("940GZZLUBST", "940GZZLUWLO", 1500),
        ("940GZZLUKSX", "940GZZLUOXC", 1800), ("940GZZLUEUS", "940GZZLUBNK", 1500), ("940GZZLUBXN", "940GZZLUKSX", 1400),
        ("940GZZLUPAC", "940GZZLUBNK", 1200), ("940GZZLULNB", "940GZZLUCYF", 1600), ("940GZZLUFPK", "940GZZLUKSX", 1400),
    ]
    static let days = 14
    static let deviceRate = 0.6

    struct Fixture: Sendable {
        var path: String
        var index: CrowdingIndex
        var simulation: String
    }

    static let fixture: Fixture = {
        let dir = NSTemporaryDirectory() + "throng-query-sim-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        let full = try! DemandData.load(directory: SyntheticSnapshot.sampleDirectory + "/demand", network: network)
        var demand = DemandData(stationCount: network.stations.count)
        for (type, profiles) in full.entryProfiles {
            for (i, p) in profiles.enumerated() { if let p { demand.setEntryProfile(StationID(UInt16(i)), dayType: type, quarterHours: p) } }
        }
        for (o, d, n) in pairs { demand.addOD(year: 2016, origin: network.stationByNaptan[o]!, destination: network.stationByNaptan[d]!, journeys: n) }
        var config = SimulationConfig()
        config.seed = 11
        config.days = days
        config.windowStartMinute = 7 * 60
        config.windowHours = 3
        config.deviceRate = deviceRate
        config.output.truth = .all
        _ = try! Simulator(network: network, demand: demand, config: config).run(outputDirectory: dir)
        var batch = BatchConfiguration.exactRelease
        batch.disclosureThreshold = 10
        batch.spillDirectory = dir
        let job = BatchJob(network: network, inputs: [dir + "/events"], configuration: batch,
                           expansion: ExpansionFactors(assumedDeviceRate: deviceRate))
        let result = try! job.run()
        let path = dir + "/crowding.sqlite"
        try! result.snapshot.writeSQLite(to: path, network: network)
        return Fixture(path: path, index: try! CrowdingIndex(snapshotPath: path), simulation: dir)
    }()
}
