import Foundation
import Testing
import ThrongCore
import ThrongQuery
import ThrongStore

/// Opening snapshots: an empty one, another schema version, a file that is not a snapshot.
@Suite struct SnapshotLoadingTests {
    func temp(_ name: String) -> String { NSTemporaryDirectory() + "throng-query-\(getpid())-\(name)" }

    @Test func emptySnapshotOpensAndHasNoData() throws {
        let path = temp("empty.sqlite")
        let empty = CrowdingSnapshot(binMillis: 900_000, disclosureThreshold: 10, stationBins: [], originDestination: [], routeSplits: [],
                                     linkLoads: [], interchangeFlows: [], distributions: [], eventsPerStationHour: [], passengerEstimates: [],
                                     quality: QualitySummary())
        try empty.writeSQLite(to: path, network: SyntheticSnapshot.network)
        let index = try CrowdingIndex(snapshotPath: path)
        #expect(index.coveredInterval == nil)
        #expect(index.serviceDays.isEmpty)
        let s = SyntheticSnapshot.oxfordCircus
        let c = try index.crowding(at: s, time: 1_479_716_100_000)
        #expect(!c.dataAvailable && c.source == .typical && c.unavailable == .notObserved)
        #expect(throws: ThrongQueryError.self) { try index.crowding(at: s, time: 1_479_716_100_000, basis: .observed) }
        #expect(!index.typicalWeek(at: s).isFound)
        #expect(index.routeSplit(from: s, to: SyntheticSnapshot.bank).routes.isEmpty)
    }

    @Test func anotherSchemaVersionIsAClearError() throws {
        let path = temp("v99.sqlite")
        let table = TableDefinition(name: "t", columns: [.init("x", .integer)], primaryKey: ["x"])
        try SnapshotFileWriter.write(to: path, format: SnapshotFormat(name: "throng.crowding", version: 99)) { db in
            try db.writeTable(table, rows: [[.integer(1)]])
        }
        do {
            _ = try CrowdingIndex(snapshotPath: path)
            Issue.record("opened a version 99 snapshot")
        } catch {
            #expect(error.code == .cannotLoad)
            #expect(error.message.contains("schema version is 99"))
        }
    }

    @Test func missingAndForeignFilesAreClearErrors() throws {
        #expect(throws: ThrongQueryError.self) { try CrowdingIndex(snapshotPath: temp("does-not-exist.sqlite")) }
        let junk = temp("junk.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        do {
            _ = try CrowdingIndex(snapshotPath: junk)
            Issue.record("opened a text file")
        } catch {
            #expect(error.code == .cannotLoad)
        }
    }

    @Test func indexIsSafeFromManyThreads() async throws {
        let index = SyntheticSnapshot.index
        let t = SyntheticSnapshot.instant(CivilDate(year: 2016, month: 8, day: 17), minute: 9 * 60)
        let expected = try index.crowding(at: SyntheticSnapshot.oxfordCircus, time: t)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<2_000 where try index.crowding(at: SyntheticSnapshot.oxfordCircus, time: t) != expected { return false }
                    return true
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
