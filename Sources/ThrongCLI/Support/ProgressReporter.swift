import Foundation
import ThrongBatch

/// Redraws one status line on standard error twice a second while a batch runs:
/// bytes and lines done, rate, ETA from bytes. Only used when stderr is a terminal.
final class ProgressReporter: @unchecked Sendable {
    // @unchecked: `thread` is touched only by start/stop on the caller's thread; the
    // worker thread reads `progress` (atomics) and the `running` flag through a lock.
    private let progress: BatchProgress
    private let running = NSLock()
    private var isRunning = false
    private var thread: Thread?
    private let started = Date()

    init(progress: BatchProgress) { self.progress = progress }

    func start() {
        running.withLock { isRunning = true }
        let t = Thread { [self] in
            while running.withLock({ isRunning }) {
                draw()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        thread = t
        t.start()
    }

    func stop() {
        running.withLock { isRunning = false }
        FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!)
    }

    private func draw() {
        let s = progress.snapshot
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let rate = Double(s.lines) / elapsed
        var line: String
        if s.partitions == 0 {
            let fraction = s.totalBytes > 0 ? Double(s.bytes) / Double(s.totalBytes) : 0
            let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : 0
            line = String(format: "reading: %.0f%% of %.1f MB, %d lines, %.1fM lines/s, ETA %.0fs",
                          fraction * 100, Double(s.totalBytes) / 1e6, s.lines, rate / 1e6, eta)
        } else {
            line = String(format: "journeys: partition %d/%d, %d devices, %.0fs", s.partitionsDone, s.partitions, s.devices, elapsed)
        }
        FileHandle.standardError.write(("\r\u{1B}[K" + line).data(using: .utf8)!)
    }
}
