import CZstd
import Foundation
import Testing
@testable import ThrongIO

/// Reads a whole zstd file through ZstdReader with a given output chunk size.
func zstdReadAll(_ path: String, chunk: Int = 1 << 16) throws(ThrongIOError) -> [UInt8] {
    var reader = try ZstdReader(path: path)
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: chunk)
    while true {
        let n = try buf.withUnsafeMutableBytes { b in Result { () throws(ThrongIOError) in try reader.read(into: b) } }.get()
        if n == 0 { break }
        out += buf[0..<n]
    }
    return out
}

@Suite struct ZstdTests {
    static let zstdCLI = "/usr/bin/zstd"
    static let pzstdCLI = "/usr/bin/pzstd"

    @Test func roundTripSmallChunks() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.zst")
        let text = validLines(5000)
        try writeZstd(url, frames: [text])
        for chunk in [1, 7, 4096, 1 << 20] {
            #expect(try zstdReadAll(url.path, chunk: chunk) == Array(text.utf8))
        }
    }

    @Test func multipleFramesAndSkippableFrames() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("multi.zst")
        try writeZstd(url, frames: ["first,", "second,", "third\n"])
        var reader = try ZstdReader(path: url.path)
        var buf = [UInt8](repeating: 0, count: 100)
        var out: [UInt8] = []
        while true {
            let n = try buf.withUnsafeMutableBytes { b in Result { () throws(ThrongIOError) in try reader.read(into: b) } }.get()
            if n == 0 { break }
            out += buf[0..<n]
        }
        #expect(String(decoding: out, as: UTF8.self) == "first,second,third\n")
        let frames = reader.frames
        #expect(frames == 3)

        // A skippable frame (magic 0x184D2A5?, 4-byte length, payload) before and between frames.
        let plain = try readBytes(url)
        let skippable: [UInt8] = [0x53, 0x2A, 0x4D, 0x18, 5, 0, 0, 0] + Array("hello".utf8)
        let withSkip = dir.appendingPathComponent("skip.zst")
        try writeFile(withSkip, skippable + plain + skippable + plain)
        #expect(String(decoding: try zstdReadAll(withSkip.path), as: UTF8.self) == "first,second,third\nfirst,second,third\n")
    }

    @Test func truncatedDataIsAnErrorWithOffset() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.zst")
        try writeZstd(url, frames: [validLines(20_000)])
        let bytes = try readBytes(url)
        let cut = dir.appendingPathComponent("cut.zst")
        try writeFile(cut, Array(bytes.dropLast(100)))
        do {
            _ = try zstdReadAll(cut.path)
            Issue.record("expected truncatedData")
        } catch {
            #expect(error.code == .truncatedData)
            #expect(error.message.contains("at byte \(bytes.count - 100)"))
        }
        // Cut inside the frame header too.
        try writeFile(cut, Array(bytes.prefix(3)))
        #expect(throws: ThrongIOError.self) { _ = try zstdReadAll(cut.path) }
        // Empty input is not a zstd stream.
        try writeFile(cut, [])
        do {
            _ = try zstdReadAll(cut.path)
            Issue.record("expected an error for empty input")
        } catch {
            #expect(error.code == .truncatedData)
        }
    }

    @Test func corruptDataIsAnErrorNotACrash() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("c.zst")
        try writeZstd(url, frames: [validLines(20_000)])
        var bytes = try readBytes(url)
        for i in (bytes.count / 2)..<(bytes.count / 2 + 16) { bytes[i] ^= 0xA5 }
        let bad = dir.appendingPathComponent("bad.zst")
        try writeFile(bad, bytes)
        do {
            _ = try zstdReadAll(bad.path)
            Issue.record("expected corruptData")
        } catch {
            #expect(error.code == .corruptData)
        }
        // Garbage after a valid frame.
        let good = try readBytes(url)
        try writeFile(bad, good + Array("garbage!".utf8))
        do {
            _ = try zstdReadAll(bad.path)
            Issue.record("expected corruptData for trailing garbage")
        } catch {
            #expect(error.code == .corruptData)
            #expect(error.message.contains("at byte"))
        }
    }

    @Test func filesFromTheZstdCLI() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.zstdCLI) else {
            print("SKIP filesFromTheZstdCLI: \(Self.zstdCLI) not installed")
            return
        }
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("in.csv")
        let text = validLines(30_000)
        try writeFile(csv, Array(text.utf8))
        for (name, args) in [("plain", ["-q", "-3"]), ("long", ["-q", "--long=27"]), ("ultra", ["-q", "--ultra", "-20", "--long=31"])] {
            let out = dir.appendingPathComponent("\(name).zst")
            #expect(try run(Self.zstdCLI, args + ["-f", "-o", out.path, csv.path]) == 0)
            #expect(try zstdReadAll(out.path) == Array(text.utf8), "\(name)")
        }
        // From a pipe the size is unknown, so `--long=28` keeps its 256 MiB window, beyond
        // zstd's default decoder limit (2^27): this needs ZSTD_d_windowLogMax.
        let piped = dir.appendingPathComponent("piped.zst")
        _ = FileManager.default.createFile(atPath: piped.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.zstdCLI)
        p.arguments = ["-q", "-c", "--long=28", "-"]
        p.standardInput = try FileHandle(forReadingFrom: csv)
        p.standardOutput = try FileHandle(forWritingTo: piped)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let header = try readBytes(piped)
        #expect(header.count > 6)
        #expect(try zstdReadAll(piped.path) == Array(text.utf8))

        // Two CLI files concatenated are one valid multi-frame stream.
        let a = try readBytes(dir.appendingPathComponent("plain.zst"))
        let b = try readBytes(dir.appendingPathComponent("long.zst"))
        let cat = dir.appendingPathComponent("cat.zst")
        try writeFile(cat, a + b)
        #expect(try zstdReadAll(cat.path) == Array((text + text).utf8))
    }

    @Test func filesFromPzstd() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.pzstdCLI) else {
            print("SKIP filesFromPzstd: \(Self.pzstdCLI) not installed")
            return
        }
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("in.csv")
        let text = validLines(200_000)
        try writeFile(csv, Array(text.utf8))
        let out = dir.appendingPathComponent("p.zst")
        // Small frames (-B / --blocksize? pzstd splits by its own rule); -p 2 threads.
        #expect(try run(Self.pzstdCLI, ["-q", "-p", "2", "-f", "-o", out.path, csv.path]) == 0)
        var reader = try ZstdReader(path: out.path)
        var total: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try buf.withUnsafeMutableBytes { b in Result { () throws(ThrongIOError) in try reader.read(into: b) } }.get()
            if n == 0 { break }
            total += buf[0..<n]
        }
        #expect(total == Array(text.utf8))
        // pzstd writes a skippable frame before each data frame.
        let frames = reader.frames
        #expect(frames >= 2)
    }
}
