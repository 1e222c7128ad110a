import Foundation
import ThrongBatch
import ThrongCore
import ThrongEvaluation
import ThrongIO
import ThrongSimulator

/// Shared fixtures: London network and demand, simulations run in-process once per process.
enum EvaluationFixtures {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let london: (Network, DemandData) = {
        let network = try! NetworkLoader.load(directory: sampleDirectory)
        let demand = try! DemandData.load(directory: sampleDirectory + "/demand", network: network)
        return (network, demand)
    }()

    static var network: Network { london.0 }

    /// Route finder results shared by every truth load on the full network.
    static let sharedRoutes = RouteCache(network: london.0, limit: 8)

    /// A simulation and the engine's run on it.
    struct Case: Sendable {
        var directory: String
        var truth: GroundTruth
        var run: EngineRun
        var report: EvaluationReport
    }

    /// Simulates `config` on London with `demand` into a fresh temporary folder, runs the engine
    /// (on `engineNetwork`, default the full network, with `configuration`) on the events and
    /// evaluates (reference included when `reference`; route splits of `pairs`, default King's
    /// Cross → Waterloo).
    static func evaluate(_ config: SimulationConfig, demand: DemandData? = nil, name: String, reference: Bool = true, pairs: [(String, String)]? = nil, engineNetwork: Network? = nil,
        configuration: BatchConfiguration = BatchConfiguration.exactRelease
    ) throws -> Case {
        let (fullNetwork, fullDemand) = london
        let network = engineNetwork ?? fullNetwork
        let dir = NSTemporaryDirectory() + "throng-eval-tests-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: dir)
        let sim = try Simulator(network: fullNetwork, demand: demand ?? fullDemand, config: config)
        _ = try sim.run(outputDirectory: dir)
        var evaluator = Evaluator(network: network, simulationDirectory: dir, configuration: configuration)
        evaluator.computeReference = reference
        if let pairs { evaluator.routeSplitPairs = pairs }
        let fullNetworkRoutes = engineNetwork == nil && configuration.closures.isEmpty
        let truth = try GroundTruth.load(
            directory: dir, network: evaluator.operatedNetwork(), routes: fullNetworkRoutes ? sharedRoutes : nil)
        let run = try EngineRun.run(network: network, inputs: evaluator.inputs, configuration: evaluator.configuration)
        let report = try evaluator.evaluate(truth: truth, run: run)
        print("[\(name)]\n\(report)")
        return Case(directory: dir, truth: truth, run: run, report: report)
    }

    /// Demand with only the given OD pairs (daily journeys each) and the full entry profiles.
    static func targetedDemand(_ pairs: [(String, String, Double)], year: Int = 2016) -> DemandData {
        let (network, full) = london
        var d = DemandData(stationCount: network.stations.count)
        for (type, profiles) in full.entryProfiles {
            for (i, p) in profiles.enumerated() { if let p { d.setEntryProfile(StationID(UInt16(i)), dayType: type, quarterHours: p) } }
        }
        for (o, dest, n) in pairs {
            d.addOD(year: year, origin: network.stationByNaptan[o]!, destination: network.stationByNaptan[dest]!, journeys: n)
        }
        return d
    }

    /// The tiny preset (Monday 2016-11-21 08:00–09:00, scale 0.005) with a seed.
    static func tiny(seed: UInt64, wifi: WifiSelection = .all) -> SimulationConfig {
        var c = SimulationPreset.tiny.config
        c.seed = seed
        c.wifi = wifi
        return c
    }

    /// Full coverage, normal weekday morning (shared by several tests).
    static let fullCoverage: Result<Case, any Error> = Result { try evaluate(tiny(seed: 7), name: "full") }
}
