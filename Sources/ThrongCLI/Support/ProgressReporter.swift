import Foundation
import Synchronization
import ThrongBatch

/// Redraws one status line on standard error twice a second while a batch runs:
/// bytes and lines done, rate, ETA from bytes. Only used when stderr is a terminal.
///
/// Shared state: the `running` flag (a `Mutex`, read by the drawing thread each round) and the
/// batch's `BatchProgress` (atomics). `stop()` waits for the drawing thread to finish its
/// round, so nothing is drawn after it returns.
final class ProgressReporter: Sendable {
    private let progress: BatchProgress
    private let running = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Date()

    init(progress: BatchProgress) { self.progress = progress }

    func start() {
        running.withLock { $0 = true }
        let t = Thread { [self] in
            while running.withLock({ $0 }) {
                draw()
                Thread.sleep(forTimeInterval: 0.5)
            }
            finished.signal()
        }
        t.start()
    }

    func stop() {
        let wasRunning = running.withLock { r -> Bool in
            defer { r = false }
            return r
        }
        guard wasRunning else { return }
        finished.wait()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
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
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }
}
