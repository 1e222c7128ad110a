import Foundation
import ThrongCore
import ThrongIO
@testable import ThrongSimulator

/// Shared fixtures: the London sample network and demand, loaded once; output folders.
enum Fixtures {
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

    static func tempDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "throng-sim-tests-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    /// Runs the simulator on London with `config` into a fresh temporary folder.
    static func run(_ config: SimulationConfig, name: String) throws -> (String, SimulationSummary, Simulator) {
        let (network, demand) = london
        let dir = tempDirectory(name)
        let sim = try Simulator(network: network, demand: demand, config: config)
        return (dir, try sim.run(outputDirectory: dir), sim)
    }

    /// Decompresses a `.zst` file.
    static func decompress(_ path: String) throws -> [UInt8] {
        var reader = try ZstdReader(path: path)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Lines of a decompressed text file (without the trailing empty line).
    static func lines(_ path: String) throws -> [Substring] {
        let text = String(decoding: try decompress(path), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 }
    }

    /// Every event file under `dir/events`, sorted.
    static func eventFiles(_ dir: String) -> [String] {
        let root = dir + "/events"
        let items = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        return items.filter { $0.hasSuffix(".csv.zst") }.sorted().map { root + "/" + $0 }
    }

    /// All files under `dir` with their bytes.
    static func allFiles(_ dir: String) throws -> [String: Data] {
        let items = (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? []
        var result: [String: Data] = [:]
        for item in items {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + item, isDirectory: &isDir), !isDir.boolValue {
                result[item] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + item))
            }
        }
        return result
    }

    /// Splits a CSV line honouring double quotes.
    static func csvFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
