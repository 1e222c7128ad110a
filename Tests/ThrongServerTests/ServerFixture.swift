import Foundation
import Hummingbird
import HummingbirdTesting
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongQuery
import ThrongServer
import ThrongSimulator
import ThrongStore

/// Three simulated weekday mornings (Mon 11 – Wed 13 November 2019, 07:00–10:00) on London at
/// 0.15% of the demand (few staff devices, no retail: the fixture is built in a debug build), run through the batch engine (exact release, k = 3), written as a
/// snapshot and opened as an index (once per process).
enum ServerFixture {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let network: Network = try! NetworkLoader.load(directory: sampleDirectory)

    static var batchConfiguration: BatchConfiguration {
        var c = BatchConfiguration.exactRelease
        c.disclosureThreshold = 3
        c.workers = 2
        return c
    }

    struct Fixture: Sendable {
        var directory: String
        var files: [String]
        var snapshotPath: String
        var index: CrowdingIndex
    }

    static let data: Fixture = {
        let dir = NSTemporaryDirectory() + "throng-server-sim-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        let demand = try! DemandData.load(directory: sampleDirectory + "/demand", network: network)
        var config = SimulationConfig()
        config.seed = 7
        config.startDate = CivilDate(year: 2019, month: 11, day: 11)
        config.days = 3
        config.windowStartMinute = 7 * 60
        config.windowHours = 3
        config.scale = 0.0015
        config.noise.staffPerStation = 0.3
        config.noise.retailPerStation = 0
        config.output.truth = .none
        _ = try! Simulator(network: network, demand: demand, config: config).run(outputDirectory: dir)
        let files = InputFiles.expand([dir + "/events"])
        var batch = batchConfiguration
        batch.spillDirectory = dir
        let result = try! BatchJob(network: network, inputs: files, configuration: batch).run()
        let path = dir + "/crowding.sqlite"
        try! result.snapshot.writeSQLite(to: path, network: network)
        // CI keeps a copy for the browser and schemathesis checks it runs after the tests (.ci/run).
        if let keep = ProcessInfo.processInfo.environment["THRONG_FIXTURE_SNAPSHOT"] {
            try? FileManager.default.createDirectory(atPath: (keep as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: keep)
            try? FileManager.default.copyItem(atPath: path, toPath: keep)
        }
        return Fixture(directory: dir, files: files, snapshotPath: path, index: try! CrowdingIndex(snapshotPath: path))
    }()

    /// A server over the snapshot (and `live`, when given).
    static func server(live: LiveEngine? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> CrowdingServer {
        var configuration = ServerConfiguration()
        configure(&configuration)
        return try CrowdingServer(network: network, typical: data.index, typicalTag: data.snapshotPath, live: live, configuration: configuration)
    }

    /// Runs `body` against `server`'s router in process.
    static func test(_ server: CrowdingServer, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router, body)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }
}
