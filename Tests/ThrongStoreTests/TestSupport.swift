import Foundation
@testable import ThrongStore

/// A fresh temporary directory for one test.
func makeStoreTempDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("throng-store-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// The names in a directory, sorted.
func directoryListing(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
}

/// The bytes of a file.
func fileBytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// An error a test's build closure throws on purpose.
struct InjectedFailure: Error, Equatable {}

/// The format used by the tests.
let testFormat = SnapshotFormat(name: "throng.test", version: 3)

/// A narrow table: (station INTEGER, minute INTEGER, count INTEGER), keyed by (station, minute).
let countsTable = TableDefinition(
    name: "counts",
    columns: [.init("station", .integer), .init("minute", .integer), .init("count", .integer)],
    primaryKey: ["station", "minute"],
    indexes: [.init("counts_by_minute", on: ["minute"])],
    withoutRowID: true
)

/// Writes a small test snapshot with `rows` rows in `counts` plus a `stations` table.
func writeTestSnapshot(_ path: String, rows: Int, metadata: [String: String] = [:]) throws {
    try SnapshotFileWriter.write(to: path, format: testFormat, metadata: metadata) { db in
        try db.writeTable(countsTable) { w in
            for i in 0..<rows {
                try w.insert { s in
                    try s.bind(Int64(i / 100), at: 1)
                    try s.bind(Int64(i % 100), at: 2)
                    try s.bind(Int64(i * 7), at: 3)
                }
            }
        }
        try db.writeTable(
            TableDefinition(name: "stations", columns: [.init("id", .integer), .init("naptan", .text), .init("name", .text)], primaryKey: ["id"]),
            rows: [[0, "940GZZLUKSX", "King's Cross St. Pancras"], [1, "940GZZLUBNK", "Bank"]]
        )
    }
}
