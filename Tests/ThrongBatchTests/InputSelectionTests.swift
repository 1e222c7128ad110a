import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// Each directory and file is read once: symlink loops, repeated paths and copies are skipped
/// and reported; unreadable directories are reported (issue: hardening, items 1–3).
@Suite struct InputSelectionTests {
    /// A folder with two log files: returns (folder, the two paths, lines in each).
    func folder(_ name: String) throws -> (String, [String], Int) {
        let dir = BatchFixtures.tempDirectory(name)
        let lines = BatchFixtures.syntheticLines(devices: 30, seed: 5)
        let paths = try BatchFixtures.writeSplit(lines, into: dir, files: 2, seed: 5)
        return (dir, paths, lines.count)
    }

    @Test func symlinkLoopsAreReadOnceAndReported() throws {
        let (dir, paths, lines) = try folder("loops")
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: ".")
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir + "/sub/up", withDestinationPath: "..")
        let selection = InputFiles.select([dir])
        #expect(selection.files == paths.sorted())
        #expect(selection.skipped.map(\.code).sorted() == ["symlinkLoop", "symlinkLoop"])
        let result = try BatchFixtures.job([dir]).run()
        #expect(result.report.quality.accepted == lines)   // not 41 times
        #expect(result.report.fileProblems.count == 2)
        #expect(result.report.fileProblems.allSatisfy { $0.contains("loop") })
    }

    @Test func theSameFileTwiceOrByTwoPathsIsReadOnce() throws {
        let (dir, paths, lines) = try folder("same")
        try FileManager.default.createSymbolicLink(atPath: dir + "/alias.csv.zst", withDestinationPath: paths[0])
        let selection = InputFiles.select([paths[0], paths[1], paths[0], dir + "/alias.csv.zst"])
        #expect(selection.files == paths)
        #expect(selection.skipped.map(\.code) == ["sameFile", "sameFile"])
        let result = try BatchFixtures.job([paths[0], paths[1], paths[0]]).run()
        #expect(result.report.quality.accepted == lines)
        #expect(result.snapshot.quality.inputs.count == 3)   // the skipped one is in the manifest, with its reason
        #expect(result.snapshot.quality.inputs[2].problem?.hasPrefix("skipped (sameFile)") == true)
        #expect(result.snapshot.quality.inputs[2].lines == 0)
    }

    @Test func aCopyIsDetectedByContentAndReadOnce() throws {
        let (dir, paths, lines) = try folder("copy")
        try FileManager.default.copyItem(atPath: paths[1], toPath: dir + "/zz-copy.csv.zst")
        let selection = InputFiles.select([dir])
        #expect(selection.files == paths.sorted())
        #expect(selection.skipped.map(\.code) == ["sameContent"])
        #expect(selection.skipped[0].message.contains(paths[1]))
        let result = try BatchFixtures.job([dir]).run()
        #expect(result.report.quality.accepted == lines)
        // Per-hour event counts are not doubled either.
        let single = try BatchFixtures.job(paths).run()
        #expect(result.snapshot.eventsPerStationHour == single.snapshot.eventsPerStationHour)
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any directory"))
    func anUnreadableDirectoryIsReported() throws {
        let (dir, _, _) = try folder("unreadable")
        try FileManager.default.createDirectory(atPath: dir + "/locked", withIntermediateDirectories: false)
        chmod(dir + "/locked", 0)
        defer { chmod(dir + "/locked", 0o755) }
        let selection = InputFiles.select([dir])
        #expect(selection.skipped.map(\.code) == ["unreadableDirectory"])
    }

    @Test func aRunWithNothingToReadWritesNoSnapshot() throws {
        let dir = BatchFixtures.tempDirectory("nothing")
        FileManager.default.createFile(atPath: dir + "/empty.csv", contents: Data())
        for inputs in [[dir + "/missing.csv"], [dir + "/empty.csv"], [dir + "/empty.csv", dir + "/missing.csv"]] {
            #expect(throws: BatchError.self) { try BatchFixtures.job(inputs).run() }
            do { _ = try BatchFixtures.job(inputs).run() } catch let e as BatchError { #expect(e.code == .noInput) }
        }
        // A FIFO is read once and not re-opened for its fingerprint (which would hang).
        let fifo = dir + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(InputFiles.fingerprint(fifo) == "")
    }
}
