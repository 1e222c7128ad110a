import Foundation
import Testing
@testable import ThrongStore

/// A real crash test: a child process (this test binary, re-run with a filter) is killed with
/// SIGKILL in the middle of building a snapshot; the previous snapshot must be untouched.
@Suite struct KilledWriterTests {
    static let childTargetVariable = "THRONG_STORE_KILL_CHILD_TARGET"
    static let childReadyVariable = "THRONG_STORE_KILL_CHILD_READY"

    #if os(Linux)
    @Test func sigkillMidBuildLeavesPreviousSnapshot() throws {
        let dir = try makeStoreTempDir()
        let target = dir + "/crowding.sqlite"
        let ready = dir + "/ready"
        try writeTestSnapshot(target, rows: 300)
        let before = try fileBytes(target)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "killedWriterChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childTargetVariable] = target
        environment[Self.childReadyVariable] = ready
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() } }

        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready) && child.isRunning && Date() < deadline {
            usleep(10_000)
        }
        try #require(FileManager.default.fileExists(atPath: ready), "child never reached the middle of its build")
        let prefix = ".crowding.sqlite.tmp-\(child.processIdentifier)-"
        let temporaries = try directoryListing(dir).filter { $0.hasPrefix(prefix) }
        #expect(temporaries.count == 1)
        let tempSize = try temporaries.first.map { try FileManager.default.attributesOfItem(atPath: dir + "/" + $0)[.size] as? Int } ?? nil
        #expect((tempSize ?? 0) > 0)

        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)

        #expect(try fileBytes(target) == before)
        let reader = try SnapshotReader(path: target, format: testFormat)
        #expect(try reader.query("SELECT count(*) FROM counts").rows == [[300]])
        // The killed writer's temporary file is stale now and gets cleaned up.
        #expect(AtomicFileReplacement.removeStaleTemporaries(for: target) == temporaries.map { dir + "/" + $0 })
        #expect(try directoryListing(dir) == ["crowding.sqlite", "ready"])
    }
    #endif

    /// The child side: only runs when the parent test sets the environment variables. Builds a
    /// snapshot forever (up to 60 s), signalling the parent once it is well into the build.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[KilledWriterTests.childTargetVariable] != nil))
    func killedWriterChild() throws {
        let environment = ProcessInfo.processInfo.environment
        let target = try #require(environment[Self.childTargetVariable])
        let ready = try #require(environment[Self.childReadyVariable])
        let started = Date()
        try SnapshotFileWriter.write(to: target, format: testFormat) { db in
            // A tiny page cache makes SQLite spill pages into the temporary file mid-build,
            // so the kill hits a partially written file, not an empty one.
            try db.exec("PRAGMA cache_size = 16")
            try db.writeTable(countsTable) { w in
                var i: Int64 = 0
                while Date().timeIntervalSince(started) < 60 {
                    try w.insert { s in
                        try s.bind(i, at: 1)
                        try s.bind(Int64(0), at: 2)
                        try s.bind(i, at: 3)
                    }
                    i += 1
                    if i == 50_000 { _ = FileManager.default.createFile(atPath: ready, contents: Data()) }
                    if i > 50_000 && i % 1_000 == 0 { usleep(1_000) }
                }
            }
            throw InjectedFailure()  // never finish: only a kill ends this build normally
        }
    }
}
