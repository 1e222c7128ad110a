import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO

/// The London sample network and a small synthetic log generator for batch tests.
enum BatchFixtures {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let london: Network = try! NetworkLoader.load(directory: sampleDirectory)

    /// A fresh temporary folder.
    static func tempDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "throng-batch-tests-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// 2016-11-21 07:00 UTC (= London local time in November).
    static let morning: Int64 = 1_479_711_600_000

    /// Lines `timestamp,device,ap` of `devices` passengers, each riding one line for 2–5
    /// stops from a random station between 07:00 and 09:00, pinged at the entrance, ticket
    /// hall and platform at the origin, on the platform of some stations passed, and on the
    /// platform, ticket hall and entrance at the destination. Deterministic for a seed.
    static func syntheticLines(devices: Int, seed: UInt64) -> [String] {
        let network = london
        var rng = SplitMix(seed: seed)
        var lines: [String] = []
        for d in 0..<devices {
            let token = "dev\(seed)x\(d)"
            var station = StationID(UInt16(rng.next() % UInt64(network.stations.count)))
            guard let firstLink = network.outgoing[station.index].first else { continue }
            let line = network.links[firstLink.index].line
            let direction = network.links[firstLink.index].direction
            var t = morning + Int64(rng.next() % 7_200_000)
            func ap(_ s: StationID, _ area: StationArea, platformLine: LineID? = nil, dir: String? = nil) -> String? {
                network.accessPointsOfStation[s.index].map { network.accessPoints[$0.index] }
                    .first { $0.area == area && (platformLine == nil || ($0.line == platformLine && $0.direction == dir)) }?.id
            }
            func ping(_ s: StationID, _ area: StationArea, platformLine: LineID? = nil, dir: String? = nil) {
                if let id = ap(s, area, platformLine: platformLine, dir: dir) { lines.append("\(t),\(token),\(id)") }
            }
            ping(station, .entrance); t += 40_000
            ping(station, .ticketHall); t += 90_000
            ping(station, .platform, platformLine: line, dir: direction); t += 120_000
            let stops = 2 + Int(rng.next() % 4)
            for stop in 0..<stops {
                guard let next = network.outgoing[station.index].first(where: {
                    network.links[$0.index].line == line && network.links[$0.index].direction == direction
                }) else { break }
                t += Int64(network.links[next.index].runningMinutes.amPeak * 60_000)
                station = network.links[next.index].to
                if stop < stops - 1, rng.next() % 2 == 0 { ping(station, .platform, platformLine: line, dir: direction) }
            }
            ping(station, .platform, platformLine: line, dir: direction); t += 60_000
            ping(station, .ticketHall); t += 45_000
            ping(station, .entrance)
        }
        return lines
    }

    /// Writes lines to `count` files in `dir` (round-robin after a seeded shuffle), as `.csv.zst`.
    static func writeSplit(_ lines: [String], into dir: String, files count: Int, seed: UInt64, header: Bool = true) throws -> [String] {
        var rng = SplitMix(seed: seed)
        var shuffled = lines
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        var paths: [String] = []
        for f in 0..<count {
            let path = "\(dir)/part-\(f).csv.zst"
            var writer = try ZstdWriter(path: path)
            if header { try writer.write("timestamp,device,ap\n") }
            for (i, line) in shuffled.enumerated() where i % count == f { try writer.write(line + "\n") }
            try writer.finish()
            paths.append(path)
        }
        return paths
    }

    /// A job over `inputs` with small, test-friendly defaults.
    static func job(_ inputs: [String], workers: Int = 2, memoryBudget: Int = 256 << 20, threshold: Int = 1,
                    configure: (inout BatchConfiguration) -> Void = { _ in }) -> BatchJob {
        var config = BatchConfiguration.exactRelease
        config.workers = workers
        config.memoryBudgetBytes = memoryBudget
        config.disclosureThreshold = threshold
        config.spillDirectory = NSTemporaryDirectory()
        configure(&config)
        return BatchJob(network: london, inputs: inputs, configuration: config)
    }
}

/// SplitMix64, for deterministic test data.
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

extension CrowdingSnapshot {
    /// Every published table, for equality checks (the run record's file list differs by design).
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
