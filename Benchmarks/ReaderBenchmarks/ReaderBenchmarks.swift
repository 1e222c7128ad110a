import Benchmark
import Foundation
import ThrongCore
import ThrongIO

// Throughput is reported in lines (events) per second: one benchmark iteration reads the
// whole synthetic log of 1 000 000 lines, and the scaling factor is `.mega`, so the
// `throughput` row reads directly as millions of lines per second (M/s). Byte rates: the
// text is about 56 bytes per line (see SyntheticLog).

let benchmarks: @Sendable () -> Void = {
    let config = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    // Splitting + parsing + batching from a buffer in memory: the reader's CPU cost.
    Benchmark("ParseCSVFromMemory", configuration: config) { benchmark in
        let log = syntheticLog
        precondition(benchmark.scaledIterations.count == SyntheticLog.lineCount)
        benchmark.startMeasurement()
        let summary = try log.text.withUnsafeBytes { text in
            try EventLogReader.read(text: text, resolver: log.resolver) { batch in blackHole(batch.events.count) }
        }
        benchmark.stopMeasurement()
        precondition(summary.accepted == SyntheticLog.lineCount && summary.isBalanced)
    }

    // The same with device keys derived as the batch engine does (SipHash-2-4-128, a random
    // secret): the cost of keyed device keys.
    Benchmark("ParseCSVFromMemoryKeyed", configuration: config) { benchmark in
        let log = syntheticLog
        var resolver = log.resolver
        resolver.deviceKeying = .random()
        benchmark.startMeasurement()
        let summary = try log.text.withUnsafeBytes { text in
            try EventLogReader.read(text: text, resolver: resolver) { batch in blackHole(batch.events.count) }
        }
        benchmark.stopMeasurement()
        precondition(summary.accepted == SyntheticLog.lineCount && summary.isBalanced)
    }

    // The parser alone on pre-split lines (no splitting, no batching).
    Benchmark("ParseLinesOnly", configuration: config) { benchmark in
        let log = syntheticLog
        let lines = lineRanges(log.text)
        benchmark.startMeasurement()
        var accepted = 0
        log.text.withUnsafeBytes { text in
            for r in lines {
                if case .event = EventLineParser.parse(UnsafeRawBufferPointer(rebasing: text[r]), resolver: log.resolver) {
                    accepted += 1
                }
            }
        }
        benchmark.stopMeasurement()
        precondition(accepted == SyntheticLog.lineCount)
    }

    // Decompressing the .csv.zst only (the reader's zstd layer; compare with `zstd -dc`).
    Benchmark("DecompressZstdOnly", configuration: config) { benchmark in
        let log = syntheticLog
        benchmark.startMeasurement()
        var reader = try ZstdReader(path: log.zstdPath)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let n = try reader.read(into: buffer)
            if n == 0 { break }
            total += n
        }
        benchmark.stopMeasurement()
        precondition(total == log.text.count)
    }

    // The whole path from a compressed file on disk: read, decompress, split, parse, batch.
    Benchmark("ReadZstdFromDisk", configuration: config) { benchmark in
        let log = syntheticLog
        benchmark.startMeasurement()
        let reader = try EventLogReader(path: log.zstdPath, resolver: log.resolver)
        let summary = try reader.read { batch in blackHole(batch.events.count) }
        benchmark.stopMeasurement()
        precondition(summary.accepted == SyntheticLog.lineCount && summary.isBalanced)
    }
}

/// Byte ranges of the data lines (header skipped, LF excluded).
func lineRanges(_ text: [UInt8]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    result.reserveCapacity(SyntheticLog.lineCount)
    var start = 0
    for (i, b) in text.enumerated() where b == 0x0A {
        result.append(start..<i)
        start = i + 1
    }
    return Array(result.dropFirst())
}
