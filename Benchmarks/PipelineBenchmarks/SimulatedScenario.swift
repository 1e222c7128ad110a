import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongSimulator

/// A small, realistic input for the pipeline benchmarks, simulated once per benchmark
/// process with the ThrongSimulator API: the `pilot2016` preset (54 pilot stations,
/// calibrated device rate, pings, noise) restricted to one hour of the Monday morning peak
/// (2016-11-21 08:00–09:00 local), seed 1. That gives somewhat more than `eventCount`
/// event lines; every benchmark works on exactly `eventCount` of them, so that with the
/// scaling factor `.mega` the `throughput` row reads in millions of events per second.
///
/// - `text`: the first `eventCount` data lines (header once), decompressed, in file order.
/// - `inputDirectory`: the same lines as `.csv.zst` files laid out as the simulator wrote
///   them (one per controller and hour); the files' tail beyond `eventCount` is dropped,
///   which looks like a controller that stopped delivering early.
/// - `devices`: exactly `eventCount` accepted events of the whole simulated hour grouped by
///   device, each device's events sorted by time (the last device is cut short to make the
///   count exact), in the order the process stage meets them (by device key).
struct SimulatedScenario: Sendable {
    static let eventCount = 1_000_000

    let network: Network
    let resolver: AccessPointResolver
    let expansion: ExpansionFactors
    let directory: String
    let inputDirectory: String
    let text: [UInt8]
    let devices: [[Event]]
    let simulatedLines: Int

    init() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let networkDirectory = root.appendingPathComponent("SampleData/london").path
        do {
            let network = try NetworkLoader.load(directory: networkDirectory)
            let resolver = AccessPointResolver(network: network)
            self.network = network
            self.resolver = resolver
            let profiles = try StationProfiles.load(path: networkDirectory + "/demand/station_profiles_2019.csv", network: network)
            var expansion = ExpansionFactors()
            expansion.profiles = profiles.profiles
            self.expansion = expansion

            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("throng-pipeline-bench-\(getpid())").path
            self.directory = directory
            scenarioDirectory = directory
            atexit { if let d = scenarioDirectory { try? FileManager.default.removeItem(atPath: d) } }

            var config = SimulationPreset.pilot2016.config
            config.days = 1
            config.windowStartMinute = 8 * 60
            config.windowHours = 1
            config.output.truth = .none
            let demand = try DemandData.load(directory: networkDirectory + "/demand", network: network)
            let simulator = try Simulator(network: network, demand: demand, config: config)
            let summary = try simulator.run(outputDirectory: directory + "/sim")
            let simulatedLines = summary.events.lines
            self.simulatedLines = simulatedLines
            precondition(simulatedLines > Self.eventCount, "scenario too small: \(simulatedLines) lines")

            // Every data line of the simulated files, per file, in path order.
            let files = InputFiles.expand([directory + "/sim/events"])
            var perFile: [(name: String, lines: [ArraySlice<UInt8>])] = []
            for path in files {
                let bytes = try Self.decompress(path)
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
                if let first = lines.first, first.first == UInt8(ascii: "t") { lines.removeFirst() }
                perFile.append((String(path.dropFirst(directory.count + 5)), lines))
            }

            // The first `eventCount` lines: as one text, and as files.
            let inputDirectory = directory + "/input"
            self.inputDirectory = inputDirectory
            var text = Array("timestamp,device,ap\n".utf8)
            var left = Self.eventCount
            for (name, lines) in perFile where left > 0 {
                let take = lines.prefix(left)
                left -= take.count
                var fileText = Array("timestamp,device,ap\n".utf8)
                for line in take { fileText += line; fileText.append(0x0A) }
                text += fileText.dropFirst(20)
                let path = inputDirectory + "/" + name
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                var writer = try ZstdWriter(path: path, level: 1)
                try fileText.withUnsafeBytes { try writer.write($0) }
                try writer.finish()
            }
            self.text = text

            // Device histories from all accepted events of the hour, cut to `eventCount` events.
            var all: [Event] = []
            all.reserveCapacity(simulatedLines)
            for (_, lines) in perFile {
                var fileText = Array("timestamp,device,ap\n".utf8)
                for line in lines { fileText += line; fileText.append(0x0A) }
                _ = try fileText.withUnsafeBytes { t in
                    try EventLogReader.read(text: t, resolver: resolver) { all.append(contentsOf: $0.events) }
                }
            }
            precondition(all.count >= Self.eventCount, "only \(all.count) accepted events")
            all.sort { a, b in
                a.device != b.device ? a.device < b.device : (a.time != b.time ? a.time < b.time : a.accessPoint < b.accessPoint)
            }
            var devices: [[Event]] = []
            var start = 0
            while start < Self.eventCount {
                var end = start + 1
                while end < Self.eventCount, all[end].device == all[start].device { end += 1 }
                devices.append(Array(all[start..<end]))
                start = end
            }
            self.devices = devices
        } catch {
            fatalError("cannot build the simulated scenario: \(error)")
        }
    }

    static func decompress(_ path: String) throws -> [UInt8] {
        var reader = try ZstdReader(path: path)
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try reader.read(into: buffer)
            if n == 0 { break }
            out += UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        }
        return out
    }
}

/// Built on first use (not when benchmarks are only listed).
let scenario = SimulatedScenario()

/// The scenario's temporary directory, removed at exit.
nonisolated(unsafe) var scenarioDirectory: String?
