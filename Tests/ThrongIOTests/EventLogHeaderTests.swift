import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

/// Headers, the byte order mark and the longest lines (docs/formats.md, "Lines", "Header").
@Suite struct EventLogHeaderTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Reads bytes from a file and from memory (which must agree).
    func read(_ bytes: [UInt8], chunk: Int = 1 << 20, batchSize: Int = 65_536) throws -> ReadResult {
        let r = try readFromFile(bytes, chunk: chunk, batchSize: batchSize)
        var memory = ReadResult()
        let options = EventLogReader.Options(batchSize: batchSize, chunkSize: chunk)
        memory.summary = try bytes.withUnsafeBytes { b in
            try EventLogReader.read(text: b, name: r.batches.first?.file ?? "", resolver: AccessPointResolver(network: ioTestNetwork()), options: options) {
                memory.events += $0.events
                memory.rejects += $0.rejects
            }
        }
        #expect(memory.events == r.events && memory.rejects.map(\.reason) == r.rejects.map(\.reason))
        #expect(memory.summary.linesRead == r.summary.linesRead && memory.summary.headerLines == r.summary.headerLines)
        return r
    }

    func readFromFile(_ bytes: [UInt8], chunk: Int, batchSize: Int) throws -> ReadResult {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("h.csv")
        try writeFile(url, bytes)
        let r = try readAll(path: url.path, options: .init(batchSize: batchSize, chunkSize: chunk))
        #expect(r.summary.isBalanced && r.summary.accepted == r.events.count && r.summary.rejected == r.rejects.count)
        #expect(r.batches.reduce(0) { $0 + $1.lineCount } == r.summary.linesRead)
        return r
    }

    /// A valid event line of exactly `length` bytes (an ignored fourth field pads it).
    func eventLine(length: Int) -> [UInt8] {
        let start = Array("1000,d,AP1,".utf8)
        return start + [UInt8](repeating: UInt8(ascii: "x"), count: length - start.count)
    }

    @Test func aByteOrderMarkDoesNotCountTowardsTheFirstLinesLength() throws {
        for length in [4095, 4096] {
            for end in ["", "\n", "\r\n", "\r"] {
                for chunk in [1, 100, 1 << 20] {
                    let r = try read(Self.bom + eventLine(length: length) + Array(end.utf8), chunk: chunk)
                    #expect(r.events.count == 1 && r.rejects.isEmpty, "length \(length), end \(end.debugDescription), chunk \(chunk)")
                }
            }
        }
        for end in ["", "\n"] {
            let r = try read(Self.bom + eventLine(length: 4097) + Array(end.utf8))
            #expect(r.events.isEmpty && r.rejects.map(\.reason) == [.lineTooLong], "4097 bytes, end \(end.debugDescription)")
        }
        // Without a byte order mark the limit is the same.
        #expect(try read(eventLine(length: 4096)).events.count == 1)
        #expect(try read(eventLine(length: 4097) + [0x0A]).rejects.map(\.reason) == [.lineTooLong])
        #expect(try read(Array("1000,d,AP1\n".utf8) + eventLine(length: 4097)).rejects.map(\.reason) == [.lineTooLong])
    }

    @Test func aTooLongFirstLineIsNotAHeader() throws {
        let long = Array("timestamp,device,ap,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000 - 20)
        for end in ["", "\n"] {
            for chunk in [1, 1000, 1 << 20] {
                let r = try read(long + Array(end.utf8) + Array("1000,d,AP1\n".utf8), chunk: chunk)
                #expect(r.summary.headerLines == 0, "end \(end.debugDescription), chunk \(chunk)")
                #expect(r.rejects.map(\.reason) == [.lineTooLong] && r.rejects.map(\.line) == [1])
                #expect(r.events.count == (end.isEmpty ? 0 : 1) && r.summary.linesRead == (end.isEmpty ? 1 : 2))
            }
        }
        // At the limit, with or without a byte order mark, it is one.
        let limit = Array("timestamp,device,ap,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 4096 - 20)
        for prefix in [[], Self.bom] {
            let r = try read(prefix + limit + Array("\r\n1000,d,AP1\n".utf8))
            #expect(r.summary.headerLines == 1 && r.events.count == 1 && r.rejects.isEmpty)
        }
    }

    @Test func aLineThatIsExactlyTheHeaderIsAHeaderAnywhere() throws {
        // `cat a.csv b.csv c.csv`, with CRLF and a byte order mark in the files after the first.
        let cat = "timestamp,device,ap\n1000,d,AP1\ntimestamp,device,ap\r\n2000,d,AP2\n\u{FEFF}timestamp,device,ap\n3000,d,AP3\n"
        for chunk in [1, 5, 1 << 20] {
            let r = try read(Array(cat.utf8), chunk: chunk)
            #expect(r.summary.headerLines == 3 && r.summary.linesRead == 3 && r.rejects.isEmpty, "chunk \(chunk)")
            #expect(r.events.map(\.time) == [1000, 2000, 3000])
            // Batches end at headers, so each covers consecutive lines.
            #expect(r.batches.map { [$0.firstLine, $0.lineCount] } == [[2, 1], [4, 1], [6, 1]])
        }
        // A first-line header with more columns is repeated as it is.
        let rssi = try read(Array("timestamp,device,ap,rssi\n1000,d,AP1,-70\ntimestamp,device,ap,rssi\n2000,d,AP2,-71\n".utf8))
        #expect(rssi.summary.headerLines == 2 && rssi.events.count == 2 && rssi.rejects.isEmpty)
        // A file without a header followed by one with.
        let late = try read(Array("1000,d,AP1\ntimestamp,device,ap\n2000,d,AP1\n".utf8))
        #expect(late.summary.headerLines == 1 && late.events.count == 2 && late.rejects.isEmpty)
        // Only exact copies: anything else starting with `timestamp` later is an ordinary line.
        let near = try read(Array("1000,d,AP1\ntimestamp,device,ap \ntimestamp\ntimestamp,device,ap,rssi\nTimestamp,device,ap\n".utf8))
        #expect(near.summary.headerLines == 0)
        #expect(near.rejects.map(\.reason) == [.badTimestamp, .missingFields, .badTimestamp, .badTimestamp])
        #expect(near.rejects.map(\.line) == [2, 3, 4, 5])
        // Many headers and batch limits together: every line is accounted for.
        var text = ""
        for i in 0..<50 { text += "timestamp,device,ap\n" + validLines(i * 7 % 23) }
        let many = try read(Array(text.utf8), chunk: 33, batchSize: 5)
        #expect(many.summary.headerLines == 50 && many.rejects.isEmpty)
        #expect(many.summary.linesRead == (0..<50).reduce(0) { $0 + $1 * 7 % 23 })
        var next = 1
        for b in many.batches {
            #expect(b.firstLine > next - 1 && b.lineCount <= 5)
            next = b.firstLine + b.lineCount
        }
    }

    @Test func separatorsInAnAccessPointIdAreBad() throws {
        for scalar in ["\u{85}", "\u{80}", "\u{9F}", "\u{2028}", "\u{2029}"] {
            let r = try read(Array("1000,d,AP\(scalar)1\n".utf8))
            #expect(r.rejects.map(\.reason) == [.badAccessPoint], "U+\(String(scalar.unicodeScalars.first!.value, radix: 16))")
        }
        // A no-break space is an ordinary (unknown) character.
        #expect(try read(Array("1000,d,AP\u{A0}1\n".utf8)).rejects.map(\.reason) == [.unknownAccessPoint])
    }
}
