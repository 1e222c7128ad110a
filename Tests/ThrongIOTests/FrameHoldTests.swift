import CZstd
import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

/// Holding back a frame's lines in bounded memory: `ZstdReader.verifyFrame()` and
/// `EventLogReader.Options.maxHeldBytes`.
@Suite struct FrameHoldTests {
    /// Reads with `ZstdReader` in `chunk`-byte calls, returning what each call gave.
    func reads(_ reader: inout ZstdReader, chunk: Int, limit: Int = .max) throws(ThrongIOError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var buf = [UInt8](repeating: 0, count: chunk)
        var total = 0
        while total < limit {
            let n = try buf.withUnsafeMutableBytes { b in Result { () throws(ThrongIOError) in try reader.read(into: b) } }.get()
            if n == 0 { break }
            out.append(Array(buf[0..<n]))
            total += n
        }
        return out
    }

    /// A pipe fed from a thread with `bytes`; returns the read end.
    func pipeFeeding(_ bytes: [UInt8]) -> Int32 {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeFD = fds[1]
        Thread {
            bytes.withUnsafeBytes { b in
                var off = 0
                while off < b.count {
                    let w = write(writeFD, b.baseAddress! + off, b.count - off)
                    if w <= 0 { break }
                    off += w
                }
            }
            close(writeFD)
        }.start()
        return fds[0]
    }

    @Test func readsStopAtFrameEndsAndTellWhatIsVerified() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let frames = [validLines(3000), validLines(10), "", validLines(2000)]
        let url = dir.appendingPathComponent("m.zst")
        try writeZstd(url, frames: frames)
        var reader = try ZstdReader(path: url.path)
        let seekable = reader.isSeekable
        #expect(seekable)
        var sizes: [Int] = []
        var verified: [Int] = []
        while let piece = try reads(&reader, chunk: 1 << 20, limit: 1).first {
            sizes.append(piece.count)
            verified.append(reader.bytesOutVerified)
        }
        // One call per frame (the empty string makes no frame), each ending verified.
        let lengths = frames.map(\.utf8.count)
        #expect(sizes == [lengths[0], lengths[1], lengths[3]])
        #expect(verified == [lengths[0], lengths[0] + lengths[1], lengths.reduce(0, +)])
        let count = reader.frames
        #expect(count == 3)
    }

    @Test func verifyFrameChecksAheadAndReadingGoesOn() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = validLines(20_000)
        let b = validLines(15_000)
        let url = dir.appendingPathComponent("v.zst")
        try writeZstd(url, frames: [a, b])
        let size = try readBytes(url).count
        let expected = Array((a + b).utf8)
        for chunk in [1000, 4096, 65_536] {
            var reader = try ZstdReader(path: url.path)
            var out = try reads(&reader, chunk: chunk, limit: a.utf8.count / 2).flatMap { $0 }
            #expect(reader.bytesOutVerified == 0 && reader.bytesOut == out.count)
            #expect(try reader.verifyFrame())
            #expect(reader.bytesOutVerified == a.utf8.count, "chunk \(chunk)")
            #expect(reader.bytesOut == out.count)
            out += try reads(&reader, chunk: chunk).flatMap { $0 }
            #expect(out == expected, "chunk \(chunk)")
            #expect(reader.frames == 2 && reader.bytesOutVerified == expected.count)
            // Bytes read again are not counted again.
            #expect(reader.bytesIn == size)
        }
    }

    @Test func verifyFrameReportsTheDamageAtTheFramesStart() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = validLines(5000)
        let url = dir.appendingPathComponent("d.zst")
        try writeZstd(url, frames: [a, validLines(30_000)])
        var bytes = try readBytes(url)
        let second = bytes.withUnsafeBytes { ZSTD_findFrameCompressedSize($0.baseAddress!, $0.count) }
        let damage = second + (bytes.count - second) / 3
        bytes[damage] ^= 0x40
        try writeFile(url, bytes)
        var reader = try ZstdReader(path: url.path)
        _ = try reads(&reader, chunk: 4096, limit: a.utf8.count + 10_000)
        #expect(reader.bytesOutVerified == a.utf8.count && reader.bytesOut > a.utf8.count)
        do {
            _ = try reader.verifyFrame()
            Issue.record("expected corruptData")
        } catch {
            #expect(error.code == .corruptData)
            #expect(reader.damageOffset == second)
            #expect(error.message.contains("between the frame's start at byte \(second)"))
        }
        // Reading on gives the same error.
        #expect(throws: ThrongIOError.self) { _ = try reads(&reader, chunk: 4096) }
    }

    @Test func aPipeCannotBeVerifiedAhead() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("p.zst")
        try writeZstd(url, frames: [validLines(20_000)])
        var reader = try ZstdReader(fileDescriptor: pipeFeeding(try readBytes(url)), ownsDescriptor: true)
        let seekable = reader.isSeekable
        #expect(!seekable)
        let start = try reads(&reader, chunk: 1000, limit: 5000).flatMap { $0 }
        #expect(try reader.verifyFrame() == false)
        let rest = try reads(&reader, chunk: 1 << 16).flatMap { $0 }
        #expect(start + rest == Array(validLines(20_000).utf8))
    }

    /// A one-frame log of `n` lines (as `zstd` writes small files), read with a small hold limit.
    @Test func aLargeFrameIsHeldInBoundedMemory() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 100_000
        let text = "timestamp,device,ap\n" + validLines(n)
        let url = dir.appendingPathComponent("big.csv.zst")
        try writeZstd(url, frames: [text])
        let good = try readBytes(url)
        let small = EventLogReader.Options(batchSize: 4096, chunkSize: 1 << 16, maxHeldBytes: 256 << 10)
        let heldLimit = (256 << 10) / MemoryLayout<Event>.stride

        // Intact: read ahead and delivered as usual.
        let whole = try readAll(path: url.path, options: small)
        #expect(whole.summary.accepted == n && whole.rejects.isEmpty && whole.summary.isBalanced)
        #expect(whole.events.map(\.time) == (0..<n).map { 1_479_715_200_000 + Int64($0) })
        #expect(whole.summary.bytesIn == good.count && whole.summary.bytesOut == text.utf8.count)
        var next = 2
        for b in whole.batches {
            #expect(b.firstLine == next)
            next += b.lineCount
        }

        // Damage at the end (the checksum): nothing is accepted; with the limit the reader
        // stopped parsing after about `heldLimit` lines and found the damage ahead.
        var bytes = good
        bytes[bytes.count - 1] ^= 0x01
        let damaged = dir.appendingPathComponent("bad.csv.zst")
        try writeFile(damaged, bytes)
        let r = try readAll(path: damaged.path, options: small)
        #expect(r.summary.accepted == 0 && r.events.isEmpty && r.summary.isBalanced && r.summary.headerLines == 0)
        #expect(r.summary.linesRead > heldLimit / 2 && r.summary.linesRead < heldLimit + 5000)
        #expect(r.summary.rejected(.corruptFrame) == r.summary.linesRead && r.summary.fileErrors.first?.offset == 0)
        // Without the limit every line decoded is held (zstd may drop the last block's output
        // when the checksum fails), then rejected.
        let unlimited = try readAll(path: damaged.path)
        #expect(unlimited.summary.accepted == 0 && unlimited.summary.rejected(.corruptFrame) == unlimited.summary.linesRead)
        #expect(unlimited.summary.linesRead > n / 2)
        #expect(unlimited.summary.headerLines == 0 && unlimited.summary.isBalanced)

        // From a pipe the frame cannot be read twice: the lines stay held past the limit.
        let resolver = AccessPointResolver(network: ioTestNetwork())
        let piped = try collect(EventLogReader(fileDescriptor: pipeFeeding(bytes), ownsDescriptor: true, resolver: resolver, options: small))
        #expect(piped.summary.accepted == 0 && piped.summary.isBalanced)
        #expect(piped.summary.rejected(.corruptFrame) == piped.summary.linesRead && piped.summary.linesRead > n / 2)
        let pipedGood = try collect(EventLogReader(fileDescriptor: pipeFeeding(good), ownsDescriptor: true, resolver: resolver, options: small))
        #expect(pipedGood.events == whole.events && pipedGood.summary.isBalanced)
    }
}
