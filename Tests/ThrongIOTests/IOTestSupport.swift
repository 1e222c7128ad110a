import Foundation
import ThrongCore
@testable import ThrongIO

/// A one-station network with access points `AP1`, `AP2`, `AP3`.
func ioTestNetwork() -> Network {
    let station = Station(
        naptan: "940GZZLUKSX", name: "King's Cross St. Pancras", nlc: 628, countsNLC: 628,
        latitude: 51.53, longitude: -0.12, fareZones: [1], lines: [LineID(0)], platforms: 2)
    return Network(
        lines: ["Victoria"], stations: [station], links: [],
        accessPoints: (1...3).map { AccessPoint(id: "AP\($0)", station: StationID(0), area: .ticketHall) },
        interchanges: [])
}

/// Everything a read delivered.
struct ReadResult {
    var events: [Event] = []
    var rejects: [LineReject] = []
    var batches: [EventBatch] = []
    var summary = ReadSummary()
}

/// Reads a file (or descriptor) and collects all batches.
func readAll(path: String, options: EventLogReader.Options = .init()) throws -> ReadResult {
    let reader = try EventLogReader(path: path, resolver: AccessPointResolver(network: ioTestNetwork()), options: options)
    return try collect(reader)
}

func collect(_ reader: consuming EventLogReader) throws -> ReadResult {
    var result = ReadResult()
    result.summary = try reader.read { batch in
        result.events += batch.events
        result.rejects += batch.rejects
        result.batches.append(batch)
    }
    return result
}

/// `n` valid lines `t,devK,APj` with increasing times.
func validLines(_ n: Int) -> String {
    (0..<n).map { "\(1_479_715_200_000 + $0),dev\($0 % 97),AP\($0 % 3 + 1)\n" }.joined()
}

func writeFile(_ url: URL, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: url)
}

func readBytes(_ url: URL) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: url))
}

/// Writes text compressed with ZstdWriter, one frame per element.
func writeZstd(_ url: URL, frames: [String], level: Int32 = 3) throws {
    var w = try ZstdWriter(path: url.path, level: level, compressed: true)
    for f in frames {
        try w.write(f)
        try w.endFrame()
    }
    try w.finish()
}

/// Runs an executable; returns its exit status.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
