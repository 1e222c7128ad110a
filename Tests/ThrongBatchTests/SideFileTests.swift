import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

/// Files the engine leaves behind: the rejects file (atomic, pseudonymised) and spill
/// directories of killed runs (issue: hardening, items 8, 9, 11).
@Suite struct SideFileTests {
    /// A log whose rejected lines carry device tokens in the device field and in a swapped column.
    func logWithRejects(_ dir: String) -> (String, [String]) {
        let tokens = (0..<20).map { String(format: "%016llx", 0xdead_beef_0000_0000 as UInt64 + UInt64($0) * 7919) }
        var lines = ["timestamp,device,ap"]
        for (i, t) in tokens.enumerated() {
            lines.append("\(BatchFixtures.morning + Int64(i) * 1000),\(t),NOT-AN-AP")   // unknownAccessPoint
            lines.append("\(t),\(BatchFixtures.morning),KSX-E1")                       // swapped: badTimestamp
        }
        lines.append("\(BatchFixtures.morning),keep1,KSX-E1")
        let path = dir + "/log.csv"
        FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        return (path, tokens)
    }

    func rejectsText(_ path: String) throws -> String {
        var reader = try ZstdReader(path: path)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func rejectsCarryNoDeviceTokensByDefault() throws {
        let dir = BatchFixtures.tempDirectory("redact")
        let (log, tokens) = logWithRejects(dir)
        let target = dir + "/rejects.csv.zst"
        let result = try BatchFixtures.job([log]) { $0.rejectsPath = target }.run()
        try result.commitRejects()
        let text = try rejectsText(target)
        #expect(result.report.quality.rejected == 40)
        #expect(text.split(separator: "\n").count == 41)
        #expect(tokens.allSatisfy { !text.contains($0) })
        #expect(text.contains("dev:"))
        #expect(text.contains("NOT-AN-AP"))   // the access point id, the reason, stays readable

        let raw = try BatchFixtures.job([log]) { $0.rejectsPath = target; $0.rejectsRawDevices = true }.run()
        try raw.commitRejects()
        let rawText = try rejectsText(target)
        #expect(tokens.allSatisfy { rawText.contains($0) })
    }

    @Test func theRejectsFileAppearsOnlyWhenCommitted() throws {
        let dir = BatchFixtures.tempDirectory("atomic-rejects")
        let (log, _) = logWithRejects(dir)
        let target = dir + "/rejects.csv"
        FileManager.default.createFile(atPath: target, contents: Data("previous run\n".utf8))
        let result = try BatchFixtures.job([log]) { $0.rejectsPath = target }.run()
        // Until the caller commits (after writing the snapshot), the previous file is untouched.
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "previous run\n")
        let temporary = try #require(result.rejectsTemporary)
        #expect(FileManager.default.fileExists(atPath: temporary))
        #expect(URL(fileURLWithPath: temporary).lastPathComponent.hasPrefix(".rejects.csv.tmp-\(getpid())-"))
        try result.commitRejects()
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("file,line,reason,detail,raw\n"))
        // A run whose snapshot failed discards its rejects.
        let failed = try BatchFixtures.job([log]) { $0.rejectsPath = target }.run()
        failed.discardRejects()
        #expect(!FileManager.default.fileExists(atPath: failed.rejectsTemporary!))
    }

    @Test func staleSpillDirectoriesOfDeadProcessesAreRemoved() throws {
        let parent = BatchFixtures.tempDirectory("stale-spills")
        // A pid that is not running: the highest possible plus one is never a live process.
        let dead = parent + "/throng-spill-4194305-abc123"
        let live = parent + "/throng-spill-\(getpid())-def456"
        let foreign = parent + "/not-ours"
        for d in [dead, live, foreign] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: false) }
        FileManager.default.createFile(atPath: dead + "/spill-0.zst", contents: Data([1, 2, 3]))
        let removed = BatchJob.removeStaleSpillDirectories(under: parent)
        #expect(removed == [dead])
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: foreign))
        // A run leaves no spill directory behind, even when it spills.
        let logs = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 400, seed: 3), into: parent, files: 2, seed: 3)
        _ = try BatchFixtures.job(logs, memoryBudget: 1 << 16) { $0.spillDirectory = parent }.run()
        #expect(InputFilesProbe.spillDirectories(in: parent) == [live])
    }
}

enum InputFilesProbe {
    static func spillDirectories(in parent: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix("throng-spill-") }.map { parent + "/" + $0 }
    }
}
