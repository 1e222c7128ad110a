import CZstd
import Foundation
import Testing
@testable import ThrongIO

/// A fresh temporary directory for one test.
func makeTempDir(_ name: String = #function) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("throng-io-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Decompresses a whole buffer with the one-shot-per-frame-agnostic streaming API.
func zstdDecompressAll(_ data: [UInt8]) -> [UInt8]? {
    guard let dctx = ZSTD_createDCtx() else { return nil }
    defer { ZSTD_freeDCtx(dctx) }
    var result: [UInt8] = []
    var out = [UInt8](repeating: 0, count: 1 << 16)
    var last = 0
    let ok: Bool = data.withUnsafeBytes { src in
        var input = ZSTD_inBuffer(src: src.baseAddress, size: src.count, pos: 0)
        while input.pos < input.size {
            let r = out.withUnsafeMutableBytes { dst -> Int in
                var output = ZSTD_outBuffer(dst: dst.baseAddress, size: dst.count, pos: 0)
                let r = ZSTD_decompressStream(dctx, &output, &input)
                if ZSTD_isError(r) != 0 { return -1 }
                last = r
                return output.pos
            }
            if r < 0 { return false }
            result.append(contentsOf: out[0..<r])
        }
        return last == 0
    }
    return ok ? result : nil
}

@Suite struct ZstdWriterTests {
    @Test func compressedRoundTripAndMultiFrame() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.csv.zst").path
        var w = try ZstdWriter(path: path)
        let compressed = w.isCompressed
        #expect(compressed)
        try w.write("hello,")
        try w.endFrame()
        try w.write("world\n")
        try w.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.prefix(4) == [0x28, 0xB5, 0x2F, 0xFD])
        // Two frames: the second magic number appears after the first frame.
        let firstFrame = bytes.withUnsafeBytes { ZSTD_findFrameCompressedSize($0.baseAddress, $0.count) }
        #expect(ZSTD_isError(firstFrame) == 0)
        #expect(firstFrame < bytes.count)
        #expect(Array(bytes[firstFrame..<firstFrame + 4]) == [0x28, 0xB5, 0x2F, 0xFD])
        #expect(zstdDecompressAll(bytes).map { String(decoding: $0, as: UTF8.self) } == "hello,world\n")
    }

    @Test func plainByExtensionAndLargeWrites() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.csv").path
        var w = try ZstdWriter(path: path)
        let compressed = w.isCompressed
        #expect(!compressed)
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 19)
        try w.write("a")
        try big.withUnsafeBytes { try w.write($0) }
        try w.write("b")
        let bytesIn = w.bytesIn
        #expect(bytesIn == big.count + 2)
        try w.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == big.count + 2)
        #expect(bytes.first == UInt8(ascii: "a") && bytes.last == UInt8(ascii: "b"))
    }

    @Test func workersAndEmptyOutput() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.zst").path
        var w = try ZstdWriter(path: path, level: 1, workers: 2)
        var line = Array("1479715200000,dev,AP1\n".utf8)
        for _ in 0..<50_000 { try line.withUnsafeBytes { try w.write($0) } }
        try w.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(zstdDecompressAll(bytes)?.count == line.count * 50_000)
        line.removeAll()

        let empty = dir.appendingPathComponent("e.zst").path
        let e = try ZstdWriter(path: empty)
        try e.finish()
        let ebytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: empty)))
        #expect(!ebytes.isEmpty)
        #expect(zstdDecompressAll(ebytes) == [])
    }

    @Test func openFailureIsReported() {
        #expect(throws: ThrongIOError.self) { _ = try ZstdWriter(path: "/nonexistent-dir/x.zst") }
        do {
            _ = try ZstdWriter(path: "/nonexistent-dir/x.zst")
        } catch {
            #expect(error.code == .cannotOpen)
            #expect(error.file == "/nonexistent-dir/x.zst")
        }
    }
}

/// Private files: the writer creates them with the mode asked for.
@Suite struct ZstdWriterModeTests {
    @Test func privateFilesAreCreated0600() throws {
        let path = NSTemporaryDirectory() + "throng-mode-\(getpid()).zst"
        unlink(path)
        var w = try ZstdWriter(path: path, mode: 0o600)
        try w.write("x\n")
        try w.finish()
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }
}
