import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

@Suite struct EventLogReaderTests {
    func check(_ r: ReadResult, file: String = #fileID, line: Int = #line) {
        let s = r.summary
        #expect(s.isBalanced, "accepted \(s.accepted) + rejected \(s.rejected) != read \(s.linesRead)")
        #expect(s.accepted == r.events.count)
        #expect(s.rejected == r.rejects.count)
        #expect(r.batches.reduce(0) { $0 + $1.lineCount } == s.linesRead)
    }

    func readText(_ text: String, name: String = "e.csv", options: EventLogReader.Options = .init()) throws -> ReadResult {
        try readBytesAsFile(Array(text.utf8), name: name, options: options)
    }

    func readBytesAsFile(_ bytes: [UInt8], name: String, options: EventLogReader.Options = .init()) throws -> ReadResult {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try writeFile(url, bytes)
        let r = try readAll(path: url.path, options: options)
        check(r)
        return r
    }

    @Test func everyLineReasonAndLineNumbers() throws {
        let text = """
            timestamp,device,ap
            1479715200000,abc,AP1
            2016-11-21T08:00:01.5+00:00,abc,AP2,extra

            x
            nope,abc,AP1
            -5,abc,AP1
            1,a b,AP1
            1,\(String(repeating: "d", count: 129)),AP1
            1,abc,
            1,abc,AP9
            1,abc,\(String(repeating: "y", count: 5000))

            """
        var bytes = Array(text.utf8)
        bytes += Array("1,abc,AP1".utf8) + [0xFF, 0x0A]
        let r = try readBytesAsFile(bytes, name: "e.csv")
        #expect(r.summary.headerLines == 1)
        #expect(r.summary.linesRead == 12)  // the header is not a line read
        #expect(r.summary.accepted == 2)
        #expect(r.events.map(\.time) == [1_479_715_200_000, 1_479_715_201_500])
        #expect(r.events.map(\.accessPoint) == [AccessPointID(0), AccessPointID(1)])
        let expected: [(Int, RejectReason)] = [
            (4, .emptyLine), (5, .missingFields), (6, .badTimestamp), (7, .timestampOutOfRange), (8, .badDevice),
            (9, .deviceTooLong), (10, .badAccessPoint), (11, .unknownAccessPoint), (12, .lineTooLong), (13, .invalidUTF8),
        ]
        #expect(r.rejects.map(\.line) == expected.map(\.0))
        #expect(r.rejects.map(\.reason) == expected.map(\.1))
        for (_, reason) in expected { #expect(r.summary.rejected(reason) == 1) }
        #expect(r.rejects.first { $0.reason == .lineTooLong }?.raw.count == 200)
        #expect(r.rejects.first { $0.reason == .missingFields }?.rawText == "x")
        #expect(r.summary.bytesIn == bytes.count && r.summary.bytesOut == bytes.count)
    }

    @Test func crlfBomTrailingNewlineAndEmptyFile() throws {
        let crlf = try readText("timestamp,device,ap\r\n1000,d,AP1\r\n\r\n2000,d,AP2\r\n")
        #expect(crlf.events.map(\.time) == [1000, 2000])
        #expect(crlf.rejects.map(\.reason) == [.emptyLine])
        #expect(crlf.rejects.first?.raw == [])

        let bom = try readBytesAsFile([0xEF, 0xBB, 0xBF] + Array("timestamp,device,ap\n1000,d,AP1\n".utf8), name: "b.csv")
        #expect(bom.summary.headerLines == 1 && bom.events.count == 1)

        let noFinalNewline = try readText("1000,d,AP1\n2000,d,AP2")
        #expect(noFinalNewline.events.map(\.time) == [1000, 2000])
        #expect(noFinalNewline.summary.linesRead == 2)

        let trailingBlank = try readText("1000,d,AP1\n\n")
        #expect(trailingBlank.summary.linesRead == 2)
        #expect(trailingBlank.rejects.map(\.reason) == [.emptyLine])

        let empty = try readText("")
        #expect(empty.summary.linesRead == 0 && empty.batches.isEmpty && empty.summary.fileErrors.isEmpty)

        let headerOnly = try readText("timestamp,device,ap\n")
        #expect(headerOnly.summary.linesRead == 0 && headerOnly.summary.headerLines == 1)

        // Later, only a line that is exactly the header is a header (EventLogHeaderTests).
        let late = try readText("1000,d,AP1\ntimestamp,device,ap\ntimestamp,x,y\n")
        #expect(late.summary.headerLines == 1 && late.rejects.map(\.reason) == [.badTimestamp])
    }

    @Test func linesAcrossChunkBoundariesGiveTheSameResult() throws {
        var text = "timestamp,device,ap\r\n" + validLines(3000)
        text += "1,d,\(String(repeating: "z", count: 9000))\n" + "2016-02-29T23:59:59.999-01:00,leap,AP3\r\n" + "\n1,d,AP1"
        let reference = try readText(text)
        #expect(reference.summary.accepted == 3002)
        #expect(reference.rejects.map(\.reason) == [.lineTooLong, .emptyLine])
        for chunk in [1, 2, 3, 7, 64, 4095, 4097, 10_000] {
            let r = try readText(text, options: .init(batchSize: 500, chunkSize: chunk))
            #expect(r.events == reference.events, "chunk \(chunk)")
            #expect(r.rejects.map { [$0.line, Int($0.reason.rawValue)] + $0.raw.map(Int.init) }
                == reference.rejects.map { [$0.line, Int($0.reason.rawValue)] + $0.raw.map(Int.init) }, "chunk \(chunk)")
            #expect(r.summary == reference.summary, "chunk \(chunk)")
            #expect(r.batches.allSatisfy { $0.events.count <= 500 })
        }
        let leapTime: Int64? = reference.events.last(where: { $0.device == DeviceKey(token: "leap") })?.time
        #expect(leapTime == Int64(1_456_790_400_000 + 3_599_999))  // 2016-03-01T00:59:59.999Z
    }

    @Test func timeWindowRejectsOutsideEvents() throws {
        let r = try readText("999,d,AP1\n1000,d,AP1\n1999,d,AP2\n2000,d,AP3\nbad,d,AP1\n", options: .init(window: 1000..<2000))
        #expect(r.events.map(\.time) == [1000, 1999])
        #expect(r.rejects.map(\.reason) == [.outsideWindow, .outsideWindow, .badTimestamp])
        #expect(r.rejects.map(\.line) == [1, 4, 5])
    }

    @Test func batchesCoverConsecutiveLines() throws {
        let r = try readText("timestamp,device,ap\n" + validLines(1000) + "bad\n" + validLines(10), options: .init(batchSize: 100))
        #expect(r.batches.count == 11)
        var next = 2
        for b in r.batches {
            #expect(b.firstLine == next)
            next += b.lineCount
        }
        #expect(r.rejects.map(\.line) == [1002])
    }

    @Test func compressedByMagicNotByName() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "timestamp,device,ap\n" + validLines(10_000)
        // Two frames, the split falling inside a line.
        let cut = text.index(text.startIndex, offsetBy: 12_345)
        let zst = dir.appendingPathComponent("a.csv.zst")
        try writeZstd(zst, frames: [String(text[..<cut]), String(text[cut...])])
        let r1 = try readAll(path: zst.path)
        check(r1)
        #expect(r1.summary.accepted == 10_000 && r1.summary.compressedFiles == 1)
        #expect(r1.summary.bytesOut == text.utf8.count)
        #expect(r1.summary.bytesIn == (try readBytes(zst)).count)

        // zstd content under a .csv name is still decompressed.
        let misnamed = dir.appendingPathComponent("a.csv")
        try FileManager.default.copyItem(at: zst, to: misnamed)
        let r2 = try readAll(path: misnamed.path)
        check(r2)
        #expect(r2.events == r1.events)

        // Text under a .zst name is an error, not silently read.
        let fake = dir.appendingPathComponent("fake.csv.zst")
        try writeFile(fake, Array(text.utf8))
        let r3 = try readAll(path: fake.path)
        check(r3)
        #expect(r3.summary.accepted == 0 && r3.rejects.map(\.reason) == [.corruptFrame] && r3.summary.fileErrors.count == 1)

        let emptyZst = dir.appendingPathComponent("empty.zst")
        try writeFile(emptyZst, [])
        let r4 = try readAll(path: emptyZst.path)
        check(r4)
        #expect(r4.rejects.map(\.reason) == [.truncatedFrame])
    }

    @Test func truncatedAndCorruptFilesDeliverWhatPrecedesTheDamage() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 50_000
        let zst = dir.appendingPathComponent("a.csv.zst")
        try writeZstd(zst, frames: [validLines(n / 2), validLines(n / 2)])
        let good = try readBytes(zst)

        let truncated = dir.appendingPathComponent("t.csv.zst")
        try writeFile(truncated, Array(good.dropLast(50)))
        for chunk in [1 << 20, 1000] {
            let r = try readAll(path: truncated.path, options: .init(chunkSize: chunk))
            check(r)
            // The cut-off frame never verified: exactly the first frame's lines are accepted,
            // each line decoded from the second is rejected, and so is the rest.
            #expect(r.summary.accepted == n / 2)
            #expect(r.summary.fileErrors.map(\.reason) == [.truncatedFrame])
            let reject = try #require(r.summary.fileErrors.first)
            #expect(reject.offset == good.count - 50)
            #expect(reject.line == r.summary.linesRead)
            #expect(r.summary.rejected(.truncatedFrame) == r.summary.linesRead - n / 2 && r.summary.linesRead > n * 3 / 4)
            #expect(r.rejects.last == reject)
            #expect(r.rejects.map(\.line) == Array((n / 2 + 1)...r.summary.linesRead))
            // Events before the damage are exactly the file's first lines.
            #expect(r.events.enumerated().allSatisfy { $0.element.time == 1_479_715_200_000 + Int64($0.offset % (n / 2)) })
        }

        var bytes = good
        let middle = bytes.count * 3 / 4
        for i in middle..<(middle + 8) { bytes[i] ^= 0x5A }
        let corrupt = dir.appendingPathComponent("c.csv.zst")
        try writeFile(corrupt, bytes)
        let r = try readAll(path: corrupt.path)
        check(r)
        #expect(r.summary.fileErrors.map(\.reason) == [.corruptFrame])
        #expect(r.summary.accepted == n / 2)
        // The damage is located at the start of the second frame, where it can begin.
        try writeZstd(dir.appendingPathComponent("one.zst"), frames: [validLines(n / 2)])
        let first = try readBytes(dir.appendingPathComponent("one.zst")).count
        #expect(r.summary.fileErrors.first?.offset == first && first <= middle)
    }

    @Test func readsFromAPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeFD = fds[1]
        let text = "timestamp,device,ap\n" + validLines(20_000)
        let bytes = Array(text.utf8)
        let writer = Thread {
            bytes.withUnsafeBytes { b in
                var off = 0
                while off < b.count {
                    let w = write(writeFD, b.baseAddress! + off, b.count - off)
                    if w <= 0 { break }
                    off += w
                }
            }
            close(writeFD)
        }
        writer.start()
        let reader = EventLogReader(fileDescriptor: fds[0], path: "-", ownsDescriptor: true,
                                    resolver: AccessPointResolver(network: ioTestNetwork()))
        let r = try collect(reader)
        check(r)
        #expect(r.summary.accepted == 20_000 && r.summary.headerLines == 1)
        #expect(r.rejects.isEmpty)
    }

    @Test func readsCompressedFromAPipe() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zst = dir.appendingPathComponent("p.zst")
        try writeZstd(zst, frames: [validLines(3000)])
        let bytes = try readBytes(zst)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeFD = fds[1]
        let writer = Thread {
            bytes.withUnsafeBytes { b in
                var off = 0
                // Dribble the bytes in pieces so the 4-byte sniff sees short reads.
                while off < b.count {
                    let w = write(writeFD, b.baseAddress! + off, min(3, b.count - off))
                    if w <= 0 { break }
                    off += w
                }
            }
            close(writeFD)
        }
        writer.start()
        let r = try collect(EventLogReader(fileDescriptor: fds[0], ownsDescriptor: true, resolver: AccessPointResolver(network: ioTestNetwork())))
        check(r)
        #expect(r.summary.accepted == 3000 && r.summary.compressedFiles == 1)
    }

    @Test func unreadableInputs() throws {
        #expect(throws: ThrongIOError.self) {
            _ = try EventLogReader(path: "/nonexistent/e.csv", resolver: AccessPointResolver(network: ioTestNetwork()))
        }
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A directory opens but cannot be read.
        let r = try readAll(path: dir.path)
        check(r)
        #expect(r.rejects.map(\.reason) == [.unreadableFile])

        let good = dir.appendingPathComponent("g.csv")
        try writeFile(good, Array(validLines(10).utf8))
        var seen = 0
        let s = try EventLogReader.readFiles(
            paths: [good.path, "/nonexistent/e.csv", good.path], resolver: AccessPointResolver(network: ioTestNetwork())
        ) { seen += $0.events.count }
        #expect(s.files == 3 && s.accepted == 20 && seen == 20)
        #expect(s.rejected(.unreadableFile) == 1 && s.isBalanced)
    }

    @Test func bodyErrorsPropagate() throws {
        struct Stop: Error {}
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("s.csv")
        try writeFile(url, Array(validLines(1000).utf8))
        let reader = try EventLogReader(path: url.path, resolver: AccessPointResolver(network: ioTestNetwork()), options: .init(batchSize: 10))
        var calls = 0
        do {
            _ = try reader.read { _ in
                calls += 1
                if calls == 3 { throw Stop() }
            }
            Issue.record("expected Stop")
        } catch {
            #expect(error is Stop)
        }
        #expect(calls == 3)
    }
}
