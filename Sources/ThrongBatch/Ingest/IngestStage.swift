import Synchronization
import ThrongCore
import ThrongIO

/// Stage 1: every worker claims input files one at a time, parses them and routes each
/// accepted event to its device's partition. Workers share nothing but the file cursor,
/// the memory budget counter and the progress counters (all atomics).
struct IngestStage {
    let paths: [String]
    let resolver: AccessPointResolver
    let plan: PartitionPlan
    let configuration: BatchConfiguration
    let budget: MemoryBudget
    let progress: BatchProgress
    let spillDirectory: String
    /// The station of each access point, indexed by `AccessPointID`.
    let stationOfAccessPoint: [StationID]
    /// The run's key for pseudonymising device fields in rejected lines.
    let redaction: SipHash

    /// One worker's output.
    struct WorkerOutput: Sendable {
        var partitions: ReaderPartitions
        var files: [FileOutcome]
    }

    /// One input file's outcome.
    struct FileOutcome: Sendable {
        var index: Int
        var summary: ReadSummary
        var rejectsPath: String?
        var eventsPerStationHour: [StationHourKey: Int]
        /// First and last accepted event time, if any.
        var timeRange: ClosedRange<Int64>?
    }

    func run() throws -> [WorkerOutput] {
        let queue = WorkQueue(count: paths.count)
        let stage = self
        let stop = StopFlag()
        do {
            return try ParallelWorkers.run(count: max(1, min(configuration.workers, paths.count))) { worker in
                do {
                    return try stage.work(worker: worker, queue: queue, stop: stop)
                } catch {
                    stop.raise(error)   // the other workers stop at their next batch (--strict, I/O failure)
                    throw error
                }
            }
        } catch {
            throw stop.firstError ?? error   // the cause, not a worker's "stopped"
        }
    }

    private func work(worker: Int, queue: WorkQueue, stop: StopFlag) throws -> WorkerOutput {
        var partitioner = EventPartitioner(plan: plan, budget: budget, spillDirectory: spillDirectory, reader: worker,
                                           maxEventsPerDevice: configuration.maxEventsPerDevice)
        var outcomes: [FileOutcome] = []
        let stationOf = stationOfAccessPoint
        let stationCount = (stationOf.map(\.index).max() ?? -1) + 1
        var options = EventLogReader.Options()
        if configuration.windowStart != nil || configuration.windowEnd != nil {
            options.window = (configuration.windowStart ?? .min)..<(configuration.windowEnd ?? .max)
        }
        let strict = configuration.strict
        // A private release's unit is the device-day: key devices per service day.
        var dayKeying = configuration.release.budget == nil ? nil : DeviceDayKeying(calendar: configuration.calendar)
        while !stop.isRaised, let index = queue.claim() {
            let path = paths[index]
            var perHour = StationHourCounts(stations: stationCount)
            var first = Int64.max
            var last = Int64.min
            let spool = configuration.rejectsPath == nil ? nil : RejectsSpool(path: "\(spillDirectory)/rejects-\(index).csv", redaction: configuration.rejectsRawDevices ? nil : redaction)
            let summary = try EventLogReader.readFiles(paths: [path], resolver: resolver, options: options) { batch in
                if stop.isRaised { throw BatchError(.ioFailed, "stopped: another worker failed") }
                if let first = batch.rejects.first, strict { throw BatchError.strictReject(first) }
                if let spool { for reject in batch.rejects { try spool.append(reject) } }
                for event in batch.events {
                    if event.time < first { first = event.time }
                    if event.time > last { last = event.time }
                    perHour.add(time: event.time, station: stationOf[event.accessPoint.index])
                    if dayKeying != nil { try partitioner.add(dayKeying!.rekey(event)) } else { try partitioner.add(event) }
                }
                progress.add(lines: batch.lineCount, events: batch.events.count)
            }
            progress.add(bytes: summary.bytesIn)
            try spool?.finish()
            outcomes.append(FileOutcome(
                index: index, summary: summary, rejectsPath: spool?.path, eventsPerStationHour: perHour.dictionary,
                timeRange: first <= last ? first...last : nil))
        }
        let partitions = try partitioner.finish()
        return WorkerOutput(partitions: partitions, files: outcomes)
    }

}

/// Raised by the first worker that fails, so the others stop reading instead of finishing
/// their files for nothing. Relaxed ordering: it publishes no data, only "stop".
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    private let first = Mutex<(any Error & Sendable)?>(nil)
    var isRaised: Bool { raised.load(ordering: .relaxed) }
    /// The first error raised (the cause).
    var firstError: (any Error & Sendable)? { first.withLock { $0 } }
    func raise(_ error: any Error) {
        first.withLock { if $0 == nil, !raised.load(ordering: .relaxed) { $0 = error } }
        raised.store(true, ordering: .relaxed)
    }
}

/// Events per (clock hour, station), a data-quality figure.
struct StationHourKey: Hashable, Sendable, Comparable {
    var hour: Int64
    var station: StationID
    static func < (a: Self, b: Self) -> Bool { (a.hour, a.station) < (b.hour, b.station) }
}
