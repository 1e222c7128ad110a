import Foundation
import Testing
import ThrongCore
import ThrongIO
@testable import ThrongSimulator

@Suite("Simulator output", .serialized)
struct SimulatorOutputTests {
    @Test func sameSeedSameBytesAcrossThreadCounts() throws {
        var a = SimulationPreset.tiny.config
        a.seed = 7
        a.threads = 1
        var b = a
        b.threads = 2
        let (dirA, sumA, _) = try Fixtures.run(a, name: "det-a")
        let (dirB, _, _) = try Fixtures.run(b, name: "det-b")
        let filesA = try Fixtures.allFiles(dirA), filesB = try Fixtures.allFiles(dirB)
        #expect(filesA.keys.sorted() == filesB.keys.sorted())
        for (name, data) in filesA {
            #expect(filesB[name] == data, "file \(name) differs")
        }
        #expect(sumA.events.lines > 1000)
        var c = a
        c.seed = 8
        let (dirC, _, _) = try Fixtures.run(c, name: "det-c")
        let eventsA = try Fixtures.eventFiles(dirA).flatMap { try Fixtures.lines($0) }
        let eventsC = try Fixtures.eventFiles(dirC).flatMap { try Fixtures.lines($0) }
        #expect(eventsA != eventsC)
        for d in [dirA, dirB, dirC] { try? FileManager.default.removeItem(atPath: d) }
    }

    @Test func summaryMatchesLinesAndEveryLineParses() throws {
        var config = SimulationPreset.tiny.config
        config.seed = 11
        config.output.isoFraction = 0.05
        let (dir, summary, sim) = try Fixtures.run(config, name: "parse")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let resolver = AccessPointResolver(network: sim.network)
        var lines = 0, iso = 0
        var hours = Set<String>()
        for file in Fixtures.eventFiles(dir) {
            let all = try Fixtures.lines(file)
            #expect(all.first == "timestamp,device,ap")
            hours.insert(String(file.split(separator: "/").last!.dropFirst(8).prefix(3)))
            for line in all.dropFirst() {
                lines += 1
                if line.contains("T") && line.contains("Z,") { iso += 1 }
                var copy = String(line)
                let result = copy.withUTF8 { EventLineParser.parse(UnsafeRawBufferPointer($0), resolver: resolver) }
                guard case .event = result else {
                    Issue.record("line does not parse: \(line) → \(result)")
                    return
                }
            }
        }
        #expect(lines == summary.events.lines)
        #expect(lines == summary.events.passenger + summary.events.staff + summary.events.retail + summary.events.passerBy + summary.events.duplicates)
        #expect(iso == summary.events.isoTimestamps)
        #expect(summary.events.staff > 0 && summary.events.passerBy > 0 && summary.events.duplicates > 0)
        // One hour of departures, walks and late deliveries: files for hours 08, 09 (and maybe 10).
        #expect(hours.contains("h08") && hours.contains("h09"))
        let truth = try Fixtures.lines(dir + "/truth/journeys.csv.zst")
        #expect(truth.count - 1 == summary.journeys.inTruth)
        #expect((1000...3000).contains(summary.journeys.simulated), "tiny preset: \(summary.journeys.simulated) journeys")
        let devices = try Fixtures.lines(dir + "/truth/devices.csv.zst")
        #expect(devices.first == "token,kind,detectable,alias_of")
        let distinctTokens = Set(try Fixtures.eventFiles(dir).flatMap { try Fixtures.lines($0).dropFirst().map { $0.split(separator: ",")[1] } })
        #expect(distinctTokens.count == summary.devices.distinct)
        let listed = Set(devices.dropFirst().map { $0.split(separator: ",")[0] })
        #expect(distinctTokens.isSubset(of: listed))
    }

    @Test func eventsAreOutOfOrderAcrossFilesWithSkew() throws {
        var config = SimulationPreset.tiny.config
        config.seed = 3
        config.noise.lateRate = 0.05
        let (dir, _, _) = try Fixtures.run(config, name: "order")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lateAcrossFiles = 0
        for file in Fixtures.eventFiles(dir) {
            let hour = Int(file.split(separator: "/").last!.dropFirst(9).prefix(2))!
            for line in try Fixtures.lines(file).dropFirst() {
                let ts = line.split(separator: ",")[0]
                guard let ms = Int64(ts) else { continue }
                if Int(ms % 86_400_000 / 3_600_000) < hour { lateAcrossFiles += 1 }
            }
        }
        #expect(lateAcrossFiles > 0, "some events delivered into a later hour's file")
    }
}
