import Foundation
import Testing

/// `throng batch` exit statuses and messages, run as a user would (the built binary).
@Suite struct ExitStatusTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The `throng` binary next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("throng")
    }

    struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String], in directory: URL = ExitStatusTests.root) throws -> Outcome {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func temp(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "throng-cli-tests-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A small valid log (one journey) in `dir`.
    func log(in dir: String) -> String {
        let path = dir + "/log.csv"
        let t0: Int64 = 1_479_711_600_000
        let lines = ["timestamp,device,ap", "\(t0),a1,KSX-E1", "\(t0 + 60_000),a1,KSX-T1", "\(t0 + 900_000),a1,OXC-E1"]
        FileManager.default.createFile(atPath: path, contents: Data(lines.joined(separator: "\n").utf8 + [10]))
        return path
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ExitStatusTests.binary.path), "needs the built throng"))
    func statuses() throws {
        let dir = temp("statuses")
        let out = dir + "/out.sqlite"
        // No input: 66, and no snapshot.
        let missing = try run(["batch", dir + "/missing.csv", "--out", out])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("noInput"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Bad options: 64 with the usage, before any work.
        for args in [["--bin-minutes", "7"], ["--bin-minutes", "abc"], ["--min-count", "0"], ["--memory-budget", "lots"],
                     ["--time-zone", "Mars"], ["--closure", "nonsense"]] {
            let r = try run(["batch", log(in: dir), "--out", out] + args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("Usage: throng batch"), "\(args)")
        }
        #expect(try run(["batch", log(in: dir), "--out", dir + "/no/such/dir/x.sqlite"]).status == 64)
        #expect(try run(["batch", log(in: dir), "--out", dir]).status == 64)
        // The default network is relative to the working directory: say so.
        let elsewhere = try run(["batch", log(in: dir), "--out", out], in: URL(fileURLWithPath: dir))
        #expect(elsewhere.status == 64)
        #expect(elsewhere.stderr.contains("--network"))
        // JSON errors with --json.
        let json = try run(["batch", dir + "/missing.csv", "--out", out, "--json"])
        #expect(json.status == 66)
        let object = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
        #expect((object?["error"] as? [String: Any])?["code"] as? String == "noInput")
        let usage = try run(["batch", log(in: dir), "--out", out, "--min-count", "0", "--json"])
        #expect(((try JSONSerialization.jsonObject(with: Data(usage.stderr.utf8)) as? [String: Any])?["error"] as? [String: Any])?["exitStatus"] as? Int == 64)
        // A good run: 0; with a problem input beside it: 3, snapshot written.
        #expect(try run(["batch", log(in: dir), "--out", out]).status == 0)
        FileManager.default.createFile(atPath: dir + "/broken.csv.zst", contents: Data([0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3]))
        let partial = try run(["batch", log(in: dir), dir + "/broken.csv.zst", "--out", out])
        #expect(partial.status == 3)
        #expect(partial.stdout.contains("skipped:"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ExitStatusTests.binary.path), "needs the built throng"))
    func releaseModeIsPrivateUnlessAskedForExact() throws {
        let dir = temp("release")
        func release(_ args: [String]) throws -> (String, String) {
            let out = dir + "/r.sqlite"
            let r = try run(["batch", log(in: dir), "--out", out] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let q = try run(["export", out, "--table", "run_parameters"])
            let line = q.stdout.split(separator: "\n").first { $0.hasPrefix("release,") }.map(String.init) ?? ""
            return (line, r.stderr)
        }
        #expect(try release([]).0 == "release,differentially_private")
        let exact = try release(["--exact"])
        #expect(exact.0 == "release,exact" && !exact.1.contains("warning"))
        let minCount = try release(["--min-count", "1"])
        #expect(minCount.0 == "release,exact" && minCount.1.contains("--min-count selects an exact release"))
        #expect(try run(["batch", log(in: dir), "--out", dir + "/x.sqlite", "--privacy-rho", "0"]).status == 64)
    }
}

/// `--export-journeys`: per-journey rows under salted pseudonyms that are not the tokens and do
/// not repeat across runs.
@Suite struct JourneyExportTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ExitStatusTests.binary.path), "needs the built throng"))
    func pseudonymsAreNotTokensAndChangeBetweenRuns() throws {
        let t = ExitStatusTests()
        let dir = t.temp("export")
        let t0: Int64 = 1_479_711_600_000
        var lines = ["timestamp,device,ap"]
        let tokens = ["aaaa1111bbbb2222", "cccc3333dddd4444"]
        for (i, token) in tokens.enumerated() {
            let s = t0 + Int64(i) * 60_000
            lines += ["\(s),\(token),KSX-E1", "\(s + 40_000),\(token),KSX-T1", "\(s + 1_200_000),\(token),OXC-T1", "\(s + 1_260_000),\(token),OXC-E1"]
        }
        let log = dir + "/log.csv"
        FileManager.default.createFile(atPath: log, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        var pseudonyms: [Set<String>] = []
        for run in 0..<2 {
            let out = dir + "/journeys-\(run).csv"
            let r = try t.run(["batch", log, "--out", dir + "/s.sqlite", "--export-journeys", out, "--min-count", "1"])
            #expect(r.status == 0)
            #expect(r.stderr.contains("warning: --export-journeys"))
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(tokens.allSatisfy { !text.contains($0) })
            let rows = text.split(separator: "\n").dropFirst()
            #expect(rows.count == 2)
            pseudonyms.append(Set(rows.map { String($0.split(separator: ",")[0]) }))
        }
        #expect(pseudonyms[0].count == 2)
        #expect(pseudonyms[0].isDisjoint(with: pseudonyms[1]))   // a random salt per run
    }
}
