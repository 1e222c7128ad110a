import CZstd
import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

/// Damaged zstd frames: no line of a frame that fails may be accepted (docs/formats.md,
/// "Damaged zstd frames").
@Suite struct EventLogFrameDamageTests {
    /// A multi-frame log: distinct valid lines, a header on line 1 and again every 1000 lines
    /// (as `cat *.csv` gives), cut into frames at byte positions inside lines.
    struct Log {
        var text: [UInt8]
        /// Decompressed offset where each frame ends.
        var frameEndsOut: [Int]
        /// Compressed offset where each frame starts, and the file size last.
        var frameStarts: [Int]
        var zst: [UInt8]
        /// What reading the text uncompressed gives.
        var reference: ReadResult

        /// Decompressed offset of each line's LF, and whether the line is a header.
        var lineEnds: [Int]
        var isHeader: [Bool]

        /// The lines complete (LF included) before decompressed offset `end`, and the
        /// header lines among them.
        func completeLines(before end: Int) -> (lines: Int, headers: Int) {
            var lines = 0
            var headers = 0
            while lines < lineEnds.count && lineEnds[lines] < end {
                if isHeader[lines] { headers += 1 }
                lines += 1
            }
            return (lines, headers)
        }
    }

    func makeLog(lines: Int, frames: Int, in dir: URL) throws -> Log {
        var text: [UInt8] = []
        var lineEnds: [Int] = []
        var isHeader: [Bool] = []
        for i in 0..<lines {
            if i % 1000 == 0 {
                text += Array("timestamp,device,ap\n".utf8)
                lineEnds.append(text.count - 1)
                isHeader.append(true)
            }
            text += Array("\(1_479_715_200_000 + i),dev\(i % 97),AP\(i % 3 + 1)\n".utf8)
            lineEnds.append(text.count - 1)
            isHeader.append(false)
        }
        var cuts = (1..<frames).map { text.count * $0 / frames + 5 }
        cuts.append(text.count)
        var pieces: [String] = []
        var from = 0
        for c in cuts {
            pieces.append(String(decoding: text[from..<c], as: UTF8.self))
            from = c
        }
        let url = dir.appendingPathComponent("log.csv.zst")
        try writeZstd(url, frames: pieces)
        let zst = try readBytes(url)
        var starts = [0]
        zst.withUnsafeBytes { b in
            while starts.last! < b.count {
                let size = ZSTD_findFrameCompressedSize(b.baseAddress! + starts.last!, b.count - starts.last!)
                starts.append(starts.last! + size)
            }
        }
        #expect(starts.count == frames + 1 && starts.last == zst.count)
        let plain = dir.appendingPathComponent("log.csv")
        try writeFile(plain, text)
        return Log(
            text: text, frameEndsOut: cuts, frameStarts: starts, zst: zst, reference: try readAll(path: plain.path),
            lineEnds: lineEnds, isHeader: isHeader)
    }

    /// The upper bound named by "detected before byte N" in a reject's detail.
    func detectedBefore(_ reject: LineReject) -> Int? {
        guard let detail = reject.detail, let r = detail.range(of: "detected before byte ") else { return nil }
        return Int(detail[r.upperBound...].prefix { $0.isNumber })
    }

    /// Reads `bytes` as a `.zst` file and checks that exactly the lines before frame
    /// `frame` are delivered and everything after is rejected as `corruptFrame`.
    /// Returns how many accepted events were not lines of the earlier frames.
    @discardableResult
    func checkDamage(_ log: Log, _ bytes: [UInt8], at damage: Int, frame: Int, chunk: Int, in dir: URL) throws -> Int {
        let url = dir.appendingPathComponent("damaged.csv.zst")
        try writeFile(url, bytes)
        let r = try readAll(path: url.path, options: .init(batchSize: 700, chunkSize: chunk))
        let label = "damage at byte \(damage) in frame \(frame + 1), chunk \(chunk)"
        let s = r.summary
        #expect(s.isBalanced && s.accepted == r.events.count && s.rejected == r.rejects.count, "\(label)")
        let good = log.completeLines(before: frame == 0 ? 0 : log.frameEndsOut[frame - 1])
        let acceptedGood = good.lines - good.headers
        // Not one event from the failed frame, and every line before it.
        let extra = r.events.count - acceptedGood
        #expect(extra == 0, "\(label): \(extra) lines of the failed frame accepted")
        #expect(Array(r.events.prefix(acceptedGood)) == Array(log.reference.events.prefix(acceptedGood)), "\(label)")
        #expect(s.headerLines == good.headers, "\(label)")
        // Every line after is rejected as corruptFrame, numbered on from there.
        #expect(r.rejects.allSatisfy { $0.reason == .corruptFrame }, "\(label)")
        #expect(r.rejects.map(\.line) == Array((good.lines + 1)..<(good.lines + 1 + r.rejects.count)), "\(label)")
        #expect(s.linesRead == acceptedGood + r.rejects.count, "\(label)")
        // One file-level error, located at the failing frame's start, with a range that holds the damage.
        #expect(s.fileErrors.count == 1 && r.rejects.last == s.fileErrors.first, "\(label)")
        let e = try #require(s.fileErrors.first)
        #expect(e.offset == log.frameStarts[frame] && e.offset! <= damage, "\(label): offset \(e.offset ?? -1)")
        #expect((detectedBefore(e) ?? -1) > damage, "\(label): \(e.detail ?? "")")
        // Batches cover consecutive lines, skipping only headers.
        #expect(r.batches.reduce(0) { $0 + $1.lineCount } == s.linesRead, "\(label)")
        return max(0, extra)
    }

    @Test func noLineOfAFrameThatFailsIsAccepted() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Frames of about 1 MB of text (200 KB compressed), so that a frame takes several
        // reads and zstd slices, as in real logs.
        let frames = 4
        let log = try makeLog(lines: 120_000, frames: frames, in: dir)
        // 21 damages spread over the frames and over each frame (never its header, whose
        // damage could pass as a frame without checksum), one or eight bytes.
        var acceptedFromFailedFrames = 0
        for i in 0..<21 {
            let frame = i % frames
            let start = log.frameStarts[frame] + 20
            let end = log.frameStarts[frame + 1] - 1
            let damage = start + (end - start) * ((i * 8) % 21) / 20
            var bytes = log.zst
            for j in damage..<min(damage + (i % 2 == 0 ? 1 : 8), log.frameStarts[frame + 1]) { bytes[j] ^= 0x5A }
            acceptedFromFailedFrames += try checkDamage(
                log, bytes, at: damage, frame: frame, chunk: i % 3 == 0 ? 4096 : 1 << 20, in: dir)
        }
        #expect(acceptedFromFailedFrames == 0)
    }

    @Test func damageInTheChecksumOrTheLastFrame() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(lines: 20_000, frames: 4, in: dir)
        for frame in 0..<4 {
            // The last byte of the frame is its checksum's.
            let damage = log.frameStarts[frame + 1] - 1
            var bytes = log.zst
            bytes[damage] ^= 0x01
            try checkDamage(log, bytes, at: damage, frame: frame, chunk: 1 << 20, in: dir)
        }
    }

    @Test func frameEndsAtAnyReadBoundary() throws {
        // Tiny reads make frame ends fall on read boundaries (zstd then reports the frame's
        // end only in the next read).
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(lines: 3000, frames: 5, in: dir)
        let plain = dir.appendingPathComponent("log.csv")
        let batched = try readAll(path: plain.path, options: .init(batchSize: 100))
        #expect(batched.batches.count == 30)
        for chunk in [1, 7, 64, 1000] {
            let url = dir.appendingPathComponent("whole.csv.zst")
            try writeFile(url, log.zst)
            let r = try readAll(path: url.path, options: .init(batchSize: 100, chunkSize: chunk))
            #expect(r.events == log.reference.events, "chunk \(chunk)")
            #expect(r.summary.headerLines == 3 && r.rejects.isEmpty && r.summary.isBalanced, "chunk \(chunk)")
            // The same batches as the text read uncompressed: a batch ends when full or at a header.
            #expect(r.batches.map { [$0.firstLine, $0.lineCount, $0.events.count] }
                == batched.batches.map { [$0.firstLine, $0.lineCount, $0.events.count] }, "chunk \(chunk)")
            for frame in [1, 3] {
                let damage = (log.frameStarts[frame] + log.frameStarts[frame + 1]) / 2
                var bytes = log.zst
                bytes[damage] ^= 0x20
                try checkDamage(log, bytes, at: damage, frame: frame, chunk: chunk, in: dir)
            }
        }
    }

    /// A frame whose end zstd reports only in the read after its last bytes (the checksum
    /// straddles a refill of the input): its lines are delivered once the next read has
    /// started, before the next frame, which fails, is verified.
    @Test func aFrameEndSeenOnlyByTheNextReadStillDeliversTheFrame() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let chunk = 4096
        // Frame A: whole reads of `chunk` bytes.
        var a = Array(validLines(20_000).utf8)
        while a.count % chunk != 0 {
            let d = chunk - a.count % chunk
            let length = d >= 12 ? min(d, 3000) : 3000
            a += Array("1000,d,AP1,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: length - 12) + [0x0A]
        }
        let aURL = dir.appendingPathComponent("a.zst")
        try writeZstd(aURL, frames: [String(decoding: a, as: UTF8.self)])
        let frameA = try readBytes(aURL)
        let bURL = dir.appendingPathComponent("b.zst")
        try writeZstd(bURL, frames: [validLines(30_000)])
        var frameB = try readBytes(bURL)
        frameB[frameB.count / 2] ^= 0x33
        // A skippable frame first puts A's checksum across the reader's first refill, which
        // ends at byte 4 + 256 KiB (the four bytes sniffed, then 256 KiB reads).
        let refill = 4 + (1 << 18)
        let skipSize = refill + 2 - frameA.count
        let payload = skipSize - 8
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18] + (0..<4).map { UInt8(truncatingIfNeeded: payload >> (8 * $0)) }
            + [UInt8](repeating: 0, count: payload)
        let url = dir.appendingPathComponent("straddle.csv.zst")
        try writeFile(url, skippable + frameA + frameB)

        // The construction works: the read giving A's last bytes does not see A end (read
        // as EventLogReader does, after sniffing four bytes).
        let fd = open(url.path, O_RDONLY)
        let magic = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { magic.deallocate() }
        #expect(read(fd, magic.baseAddress!, 4) == 4)
        var zr = try ZstdReader(fileDescriptor: fd, ownsDescriptor: true, prefix: UnsafeRawBufferPointer(magic))
        var buf = [UInt8](repeating: 0, count: chunk)
        var afterLast: (out: Int, verified: Int) = (0, 0)
        var next: (out: Int, verified: Int) = (0, 0)
        while true {
            let n = try buf.withUnsafeMutableBytes { b in Result { () throws(ThrongIOError) in try zr.read(into: b) } }.get()
            if zr.bytesOut == a.count { afterLast = (zr.bytesOut, zr.bytesOutVerified) }
            if zr.bytesOut > a.count {
                next = (zr.bytesOut, zr.bytesOutVerified)
                break
            }
            if n == 0 { break }
        }
        #expect(afterLast.out == a.count && afterLast.verified < a.count)
        #expect(next.out > a.count && next.verified == a.count)

        let r = try readAll(path: url.path, options: .init(chunkSize: chunk))
        #expect(r.summary.isBalanced && r.summary.fileErrors.map(\.reason) == [.corruptFrame])
        #expect(r.summary.fileErrors.first?.offset == skipSize + frameA.count)
        let plain = dir.appendingPathComponent("a.csv")
        try writeFile(plain, a)
        #expect(r.events == (try readAll(path: plain.path)).events && r.events.count >= 20_000)
    }

    @Test func aSingleFrameFileThatFailsGivesNoEvents() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(lines: 20_000, frames: 1, in: dir)
        var bytes = log.zst
        let damage = 8424
        bytes[damage] ^= 0x10
        try checkDamage(log, bytes, at: damage, frame: 0, chunk: 1 << 20, in: dir)
    }
}
