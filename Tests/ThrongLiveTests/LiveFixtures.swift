import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongSimulator

/// A simulated day on London, its events in memory, and a batch run of it.
enum LiveFixtures {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let network: Network = try! NetworkLoader.load(directory: sampleDirectory)

    /// An exact release with k = 1, so that every cell is compared.
    static var configuration: BatchConfiguration {
        var c = BatchConfiguration.exactRelease
        c.disclosureThreshold = 1
        c.workers = 2
        c.deviceKeying = .unkeyed
        return c
    }

    struct Day: Sendable {
        var directory: String
        var files: [String]
    }

    /// One simulated service day (05:00–05:00) at 0.2% of the demand, with the simulator's noise,
    /// staff, passers-by, MAC changes (5%, to have pairs to join) and commuters' two sessions
    /// (once per process).
    static let day: Day = simulate("throng-live-sim", days: 1, scale: 0.002, seed: 5) { $0.noise.retailPerStation = 0.5 }

    /// Simulated days on London with staff (one per station), MAC changes (5%) and no truth files,
    /// in a temporary directory named after `name` and the process.
    static func simulate(_ name: String, days: Int, scale: Double, seed: UInt64, _ adjust: (inout SimulationConfig) -> Void = { _ in }) -> Day {
        let dir = NSTemporaryDirectory() + "\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        let demand = try! DemandData.load(directory: sampleDirectory + "/demand", network: network)
        var config = SimulationConfig()
        config.seed = seed
        config.days = days
        config.scale = scale
        config.noise.staffPerStation = 1
        config.noise.macChangeRate = 0.05
        config.output.truth = .none
        adjust(&config)
        _ = try! Simulator(network: network, demand: demand, config: config).run(outputDirectory: dir)
        return Day(directory: dir, files: InputFiles.expand([dir + "/events"]))
    }

    /// Every event of `files`, read with `resolver`, in file order.
    static func events(_ files: [String], resolver: AccessPointResolver) throws -> [Event] {
        var all: [Event] = []
        _ = try EventLogReader.readFiles(paths: files, resolver: resolver) { all.append(contentsOf: $0.events) }
        return all
    }
}

extension CrowdingSnapshot {
    /// Every published table, for equality checks (the run record differs by design).
    var tables: [String] {
        [
            stationBins.map { "\($0)" }.joined(separator: "\n"),
            originDestination.map { "\($0)" }.joined(separator: "\n"),
            routeSplits.map { "\($0)" }.joined(separator: "\n"),
            linkLoads.map { "\($0)" }.joined(separator: "\n"),
            interchangeFlows.map { "\($0)" }.joined(separator: "\n"),
            distributions.map { "\($0)" }.joined(separator: "\n"),
            eventsPerStationHour.map { "\($0)" }.joined(separator: "\n"),
            passengerEstimates.map { "\($0)" }.joined(separator: "\n"),
        ]
    }
}

/// SplitMix64, for deterministic shuffles.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
