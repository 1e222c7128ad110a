import Foundation
import Testing
@testable import ThrongBatch
import ThrongCore
import ThrongIO

/// Hardening #6 item 4: inputs are fingerprinted in the pass that reads them, so a FIFO is read
/// once (no hang, no second writer's data in the hash) and the manifest still has its hash.
@Suite struct SinglePassFingerprintTests {
    /// Lines that compress poorly, so the `.zst` is several 1 MiB blocks.
    static func noisyLines(_ count: Int) -> [String] {
        var rng = SplitMix(seed: 9)
        let aps = ["KSX-E1", "OXC-E1", "VIC-E1"]
        return (0..<count).map { i in "\(BatchFixtures.morning + Int64(i)),\(String(rng.next(), radix: 16))\(String(rng.next(), radix: 16)),\(aps[i % 3])" }
    }

    @Test func theReadersFingerprintEqualsTheFilesOnEveryFormat() throws {
        let dir = BatchFixtures.tempDirectory("fingerprint")
        let lines = Self.noisyLines(120_000)
        let plain = dir + "/plain.csv"
        try (["timestamp,device,ap"] + lines).joined(separator: "\n").appending("\n").write(toFile: plain, atomically: true, encoding: .utf8)
        // Several frames, so the reader verifies frames ahead (reading some bytes twice).
        let zst = dir + "/framed.csv.zst"
        var writer = try ZstdWriter(path: zst)
        for (i, line) in lines.enumerated() {
            try writer.write(line + "\n")
            if i % 20_000 == 19_999 { try writer.endFrame() }
        }
        try writer.finish()
        #expect(InputFiles.size(zst) > 2 * Int64(ContentFingerprint.blockSize))
        let resolver = AccessPointResolver(network: BatchFixtures.london)
        for path in [plain, zst] {
            let summary = try EventLogReader(path: path, resolver: resolver).read { _ in }
            #expect(summary.fingerprint == InputFiles.fingerprint(path), "\(path)")
            #expect(summary.fingerprint?.count == 32)
        }
        // Chunking does not matter: the same bytes in odd pieces give the same fingerprint.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: zst))
        var pieces = ContentFingerprint()
        bytes.withUnsafeBytes { raw in
            var at = 0, step = 1
            while at < raw.count {
                let n = min(step, raw.count - at)
                pieces.update(UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]))
                at += n
                step = step * 3 % 700_001 + 1
            }
        }
        #expect(pieces.finish() == InputFiles.fingerprint(zst))
    }

    @Test func aFIFOIsReadOnceAndFingerprinted() throws {
        let dir = BatchFixtures.tempDirectory("fifo-run")
        let fifo = dir + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = (["timestamp,device,ap"] + BatchFixtures.syntheticLines(devices: 40, seed: 5)).joined(separator: "\n") + "\n"
        let copy = dir + "/copy.csv"
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        // One writer: opens, writes everything, closes. A re-open for a fingerprint would block forever.
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            _ = text.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
        }
        writer.start()
        let result = try BatchFixtures.job([fifo]).run()
        let record = try #require(result.snapshot.quality.inputs.first)
        #expect(record.lines == text.split(separator: "\n").count - 1)
        #expect(record.hash == InputFiles.fingerprint(copy))
    }
}
