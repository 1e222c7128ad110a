import Foundation
import Testing
@testable import ThrongStore

@Suite struct SnapshotFileTests {
    @Test func writeThenRead() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        try writeTestSnapshot(path, rows: 1_000, metadata: ["run.seed": "42"])
        #expect(try directoryListing(dir) == ["crowding.sqlite"])

        let reader = try SnapshotReader(path: path, format: testFormat)
        #expect(reader.schemaVersion == 3)
        #expect(reader.metadata == ["format": "throng.test", "schema_version": "3", "run.seed": "42"])
        #expect(try reader.tableNames() == ["counts", "stations", "throng_meta"])
        let rows = try reader.query("SELECT count(*), sum(count) FROM counts WHERE station = ?", [3])
        #expect(rows.columns == ["count(*)", "sum(count)"])
        #expect(rows.rows == [[100, .integer((300..<400).reduce(0) { $0 + Int64($1) * 7 })]])
        var names: [String] = []
        let n = try reader.forEachRow("SELECT name FROM stations ORDER BY id") { s in names.append(s.string(at: 0) ?? "?") }
        #expect(n == 2)
        #expect(names == ["King's Cross St. Pancras", "Bank"])
        // Read-only: writes are refused.
        #expect(throws: ThrongStoreError.self) { _ = try reader.query("DELETE FROM counts") }
    }

    @Test func failedBuildLeavesOldSnapshotByteIdentical() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        try writeTestSnapshot(path, rows: 500)
        let before = try fileBytes(path)
        #expect(throws: InjectedFailure.self) {
            try SnapshotFileWriter.write(to: path, format: testFormat) { db in
                try db.writeTable(countsTable) { w in
                    for i in 0..<50_000 as Range<Int64> { try w.insert([.integer(i), 0, 0]) }
                }
                throw InjectedFailure()
            }
        }
        #expect(try fileBytes(path) == before)
        #expect(try directoryListing(dir) == ["crowding.sqlite"])
        #expect(try SnapshotReader(path: path, format: testFormat).query("SELECT count(*) FROM counts").rows == [[500]])
    }

    @Test func sqliteErrorMidBuildAlsoCleansUp() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        let error = #expect(throws: ThrongStoreError.self) {
            try SnapshotFileWriter.write(to: path, format: testFormat) { db in
                try db.writeTable(countsTable, rows: [[1, 1, 1], [1, 1, 2]])
            }
        }
        #expect(error?.sqliteResultCode == 19)
        #expect(try directoryListing(dir) == [])
    }

    @Test func sameContentGivesSameBytes() throws {
        let dir = try makeStoreTempDir()
        try writeTestSnapshot(dir + "/a.sqlite", rows: 2_000, metadata: ["k": "v"])
        try writeTestSnapshot(dir + "/b.sqlite", rows: 2_000, metadata: ["k": "v"])
        #expect(try fileBytes(dir + "/a.sqlite") == fileBytes(dir + "/b.sqlite"))
    }

    @Test func readerRejectsOtherVersionsAndFormats() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        try writeTestSnapshot(path, rows: 10)
        for format in [
            SnapshotFormat(name: "throng.test", version: 4),
            SnapshotFormat(name: "throng.other", version: 3),
            SnapshotFormat(name: "throng.test", version: 3, applicationID: 1),
        ] {
            let error = #expect(throws: ThrongStoreError.self) { _ = try SnapshotReader(path: path, format: format) }
            #expect(error?.code == .schemaMismatch)
        }
        try Data("not a database, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: dir + "/text.sqlite"))
        let notDB = #expect(throws: ThrongStoreError.self) { _ = try SnapshotReader(path: dir + "/text.sqlite", format: testFormat) }
        #expect(notDB?.code == .schemaMismatch)
        let missing = #expect(throws: ThrongStoreError.self) { _ = try SnapshotReader(path: dir + "/missing.sqlite", format: testFormat) }
        #expect(missing?.code == .cannotOpen)
    }

    @Test func reservedMetadataKeysAreRejected() throws {
        let dir = try makeStoreTempDir()
        let error = #expect(throws: ThrongStoreError.self) {
            try SnapshotFileWriter.write(to: dir + "/x.sqlite", format: testFormat, metadata: ["format": "mine"]) { _ in }
        }
        #expect(error?.code == .invalidArgument)
        #expect(try directoryListing(dir) == [])
    }
}
