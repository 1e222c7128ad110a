import Foundation
import Testing
import ThrongBatch
import ThrongCore

@Suite("Batch determinism")
struct BatchDeterminismTests {
    @Test func sameEventsGiveIdenticalTablesWhateverTheFilesWorkersAndSpilling() throws {
        let lines = BatchFixtures.syntheticLines(devices: 1_500, seed: 7)
        let one = BatchFixtures.tempDirectory("det-one")
        let many = BatchFixtures.tempDirectory("det-many")
        let oneFile = try BatchFixtures.writeSplit(lines, into: one, files: 1, seed: 1)
        let sevenFiles = try BatchFixtures.writeSplit(lines, into: many, files: 7, seed: 2)

        let reference = try BatchFixtures.job(oneFile, workers: 1).run()
        #expect(reference.report.quality.linesRead == lines.count)
        #expect(reference.report.isBalanced)
        #expect(reference.report.quality.journeys > 1_000)
        #expect(!reference.snapshot.linkLoads.isEmpty && !reference.snapshot.routeSplits.isEmpty)

        let shuffled = try BatchFixtures.job(sevenFiles.reversed(), workers: 3).run()
        #expect(shuffled.snapshot.tables == reference.snapshot.tables)

        // A memory budget of 64 KiB forces nearly every chunk to a spill file.
        let spilled = try BatchFixtures.job([many], workers: 2, memoryBudget: 64 << 10).run()
        #expect(spilled.report.spilled)
        #expect(spilled.snapshot.tables == reference.snapshot.tables)
    }

    @Test func differentEventsGiveDifferentTables() throws {
        let dir = BatchFixtures.tempDirectory("det-diff")
        let a = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 300, seed: 1), into: dir + "", files: 1, seed: 1)
        let first = try BatchFixtures.job(a).run()
        let dir2 = BatchFixtures.tempDirectory("det-diff2")
        let b = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 300, seed: 2), into: dir2, files: 1, seed: 1)
        let second = try BatchFixtures.job(b).run()
        #expect(first.snapshot.tables != second.snapshot.tables)
    }
}
