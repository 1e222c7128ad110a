import Foundation
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO

@Suite("Batch input handling")
struct BatchInputTests {
    /// Two good journeys' worth of lines plus one line of each kind of problem.
    static let goodLines = BatchFixtures.syntheticLines(devices: 20, seed: 3)

    @Test func everyLineIsCountedOrRejectedWithFileLineAndReason() throws {
        let dir = BatchFixtures.tempDirectory("bad-lines")
        let path = dir + "/mixed.csv"
        let bad = [
            "1479715190215,abc,NOT-AN-AP",          // unknownAccessPoint
            "yesterday,abc,KSX-E1",                 // badTimestamp
            "1479715190215,bad device!,KSX-E1",     // badDevice
            "1479715190215,abc",                    // missingFields
            "",                                     // emptyLine
            "1379715190215,abc,KSX-E1",             // outsideWindow (2013)
        ]
        let text = (["timestamp,device,ap"] + Self.goodLines + bad).joined(separator: "\r\n") + "\r\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let rejects = dir + "/rejects.csv"
        let result = try BatchFixtures.job([path]) {
            $0.rejectsPath = rejects
            $0.windowStart = BatchFixtures.morning - 3_600_000
            $0.windowEnd = BatchFixtures.morning + 6 * 3_600_000
        }.run()
        let q = result.report.quality
        #expect(q.linesRead == Self.goodLines.count + bad.count)
        #expect(q.accepted == Self.goodLines.count)
        #expect(result.report.isBalanced)
        #expect(q.rejectedByReason == [
            "unknownAccessPoint": 1, "badTimestamp": 1, "badDevice": 1, "missingFields": 1, "emptyLine": 1, "outsideWindow": 1,
        ])
        try result.commitRejects()
        let rows = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "file,line,reason,detail,raw")
        #expect(rows.count == 1 + bad.count)
        // Line numbers count the header: the first bad line is line goodLines + 2.
        #expect(rows[1].hasPrefix("\(path),\(Self.goodLines.count + 2),unknownAccessPoint,"))
        #expect(rows.last!.contains(",outsideWindow,"))
        #expect(q.inputs.count == 1 && q.inputs[0].lines == q.linesRead && q.inputs[0].hash.count == 32)
    }

    @Test func aDirectoryWithOneCorruptAndOneTruncatedFileProcessesTheRestAndSaysWhatWasSkipped() throws {
        let dir = BatchFixtures.tempDirectory("corrupt-dir")
        let good = try BatchFixtures.writeSplit(Self.goodLines, into: dir, files: 2, seed: 9)
        // A truncated copy of a good file, and a file of garbage with a .zst name.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good[0]))
        try bytes.prefix(bytes.count - 7).write(to: URL(fileURLWithPath: dir + "/truncated.csv.zst"))
        try Data([0x28, 0xB5, 0x2F, 0xFD] + [UInt8](repeating: 0xAB, count: 64)).write(to: URL(fileURLWithPath: dir + "/corrupt.csv.zst"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.csv"))
        let result = try BatchFixtures.job([dir]).run()
        #expect(result.report.isBalanced)
        #expect(result.report.files == 5)
        let problems = result.report.fileProblems.joined(separator: "\n")
        #expect(problems.contains("truncated.csv.zst: truncatedFrame"))
        #expect(problems.contains("corrupt.csv.zst: corruptFrame"))
        #expect(result.report.fileProblems.count == 2)
        // Every good line was still counted.
        #expect(result.report.quality.accepted >= Self.goodLines.count)
    }

    @Test func strictStopsAtTheFirstRejectedLineNamingIt() throws {
        let dir = BatchFixtures.tempDirectory("strict")
        let path = dir + "/one.csv"
        try (Self.goodLines.prefix(5) + ["1479715190215,abc,NOPE"]).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try BatchFixtures.job([path]) { $0.strict = true }.run()
        } throws: { error in
            let e = error as? BatchError
            return e?.code == .strictReject && e!.message.contains("\(path):6: unknownAccessPoint")
        }
    }

    @Test func aMissingInputFileIsReportedNotIgnored() throws {
        let dir = BatchFixtures.tempDirectory("missing-beside")
        let good = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 5, seed: 2), into: dir, files: 1, seed: 2)
        let result = try BatchFixtures.job(good + ["/nonexistent/throng/log.csv"]).run()
        #expect(result.report.quality.rejectedByReason == ["unreadableFile": 1])
        #expect(result.report.isBalanced)
        #expect(result.report.fileProblems.count == 1)
        // Alone, it is no input at all: no snapshot.
        #expect(throws: BatchError.self) { try BatchFixtures.job(["/nonexistent/throng/log.csv"]).run() }
    }

    @Test func noInputIsAClearError() {
        #expect(throws: BatchError.self) { try BatchFixtures.job([]).run() }
    }

    @Test func badBinWidthIsRejected() {
        #expect {
            try BatchFixtures.job(["-"]) { $0.binMinutes = 7 }.run()
        } throws: { ($0 as? BatchError)?.code == .invalidConfiguration }
    }
}
