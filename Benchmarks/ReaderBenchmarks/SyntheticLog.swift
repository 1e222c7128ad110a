import Foundation
import ThrongCore
import ThrongIO

/// A synthetic network (200 stations × 10 access points = 2000 APs) and an event log of
/// `lineCount` lines over it: epoch-millisecond timestamps, 22-character device tokens
/// (100 000 devices), access point ids like `940GZZBM0123-PL-7`. Deterministic.
struct SyntheticLog: Sendable {
    static let lineCount = 1_000_000
    static let stationCount = 200
    static let apsPerStation = 10

    let network: Network
    let resolver: AccessPointResolver
    let text: [UInt8]
    let zstdPath: String
    let zstdBytes: Int

    init() {
        var aps: [AccessPoint] = []
        var stations: [Station] = []
        for s in 0..<Self.stationCount {
            let naptan = "940GZZBM" + String(format: "%04d", s)
            stations.append(Station(naptan: naptan, name: "Station \(s)", nlc: s, countsNLC: s, latitude: 51.5, longitude: -0.1,
                                    fareZones: [1], lines: [LineID(0)], platforms: 2))
            for k in 0..<Self.apsPerStation {
                let area: StationArea = [.entrance, .ticketHall, .corridor, .platform][k % 4]
                let tag = ["EN", "TH", "CO", "PL"][k % 4]
                aps.append(AccessPoint(id: "\(naptan)-\(tag)-\(k)", station: StationID(UInt16(s)), area: area,
                                       line: area == .platform ? LineID(0) : nil, direction: area == .platform ? "NB" : nil))
            }
        }
        network = Network(lines: ["Bench"], stations: stations, links: [], accessPoints: aps, interchanges: [])
        resolver = AccessPointResolver(network: network)

        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var rng: UInt64 = 0x5EED
        func next() -> UInt64 {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return rng >> 17
        }
        let devices: [[UInt8]] = (0..<100_000).map { _ in (0..<22).map { _ in alphabet[Int(next() % 64)] } }
        let apIDs = aps.map { Array($0.id.utf8) }
        var text: [UInt8] = []
        text.reserveCapacity(Self.lineCount * 56)
        text += Array("timestamp,device,ap\n".utf8)
        var time: Int64 = 1_479_715_200_000
        for _ in 0..<Self.lineCount {
            time += Int64(next() % 20)
            text += Array(String(time).utf8)
            text.append(UInt8(ascii: ","))
            text += devices[Int(next() % UInt64(devices.count))]
            text.append(UInt8(ascii: ","))
            text += apIDs[Int(next() % UInt64(apIDs.count))]
            text.append(UInt8(ascii: "\n"))
        }
        self.text = text

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("throng-bench-\(getpid()).csv.zst").path
        do {
            var w = try ZstdWriter(path: path, level: 3)
            try text.withUnsafeBytes { try w.write($0) }
            try w.finish()
        } catch {
            fatalError("cannot write \(path): \(error)")
        }
        zstdPath = path
        syntheticZstdPath = path
        atexit { if let path = syntheticZstdPath { unlink(path) } }
        zstdBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// Built on first use (not when benchmarks are only listed).
let syntheticLog = SyntheticLog()

/// The temporary `.csv.zst`, removed at exit.
nonisolated(unsafe) var syntheticZstdPath: String?
