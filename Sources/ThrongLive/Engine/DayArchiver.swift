import Synchronization
import ThrongCore
#if canImport(Glibc)
import Glibc
#endif

/// Publishes and archives the service days the retention window lets go, on a thread of its
/// own, so that no epoch waits for a day's disclosure control and SQLite write (seconds at
/// pilot scale: an epoch that waited for it held event-to-visible latency at 6–9 s once a day).
///
/// The publisher takes a sealed day out of its totals and queues it here; the thread publishes
/// it and hands it to ``LiveRetention/archive``. A day the archive refuses comes back
/// (``takeRefused()``): the publisher merges it into its totals again and offers it at a later
/// epoch, so nothing is lost.
final class DayArchiver: Sendable {
    /// A day on its way to the archive, with what puts it back if the archive refuses it.
    struct Job: Sendable {
        var day: Int64
        var serviceDate: CivilDate
        /// The day's totals, and its one-end link loads and interchange flows.
        var part: CrowdingAccumulator
        var partial: CrowdingAccumulator
        /// The day's events per station and hour, as the coverage figures hold them.
        var hours: [(Int64, [Int])]
        /// What is published (the totals, with the one-end figures once coverage is complete).
        var published: CrowdingAccumulator
        var context: CrowdingAccumulator.PublishingContext
    }

    private let retention: LiveRetention
    private let network: Network
    private let queue = Mutex<[Job]>([])
    private let refused = Mutex<[Job]>([])
    /// Jobs queued or being archived.
    private let pending = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    /// The last failure (`nil` again once a day is archived).
    let failure = Mutex<LiveError?>(nil)

    init(retention: LiveRetention, network: Network) {
        self.retention = retention
        self.network = network
    }

    /// Queues a day (the publisher thread).
    func submit(_ job: Job) {
        pending.add(1, ordering: .sequentiallyConsistent)
        queue.withLock { $0.append(job) }
    }

    /// Days the archive refused since the last call, to merge back into the totals.
    func takeRefused() -> [Job] {
        refused.withLock { r in defer { r = [] }; return r }
    }

    /// No day is queued or being archived.
    var isIdle: Bool { pending.load(ordering: .sequentiallyConsistent) == 0 }

    /// Waits until every queued day is archived or refused.
    func drain() {
        while !isIdle && !stopped.load(ordering: .acquiring) { usleep(1_000) }
    }

    /// Ends the thread after the day it is on (queued days stay queued: a halt).
    func stop() {
        stopping.store(true, ordering: .releasing)
        while !stopped.load(ordering: .acquiring) { usleep(1_000) }
    }

    /// The thread's loop, oldest day first.
    func run() {
        defer { stopped.store(true, ordering: .releasing) }
        while !stopping.load(ordering: .acquiring) {
            guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                usleep(5_000)
                continue
            }
            let day = LiveArchivedDay(dayStart: job.day, serviceDate: job.serviceDate,
                                      snapshot: job.published.publish(job.context), network: network)
            do {
                try retention.archive(day)
                failure.withLock { $0 = nil }
            } catch {
                failure.withLock {
                    $0 = LiveError(.archiveFailed, "service day \(job.serviceDate) could not be archived; it stays in memory", cause: error)
                }
                refused.withLock { $0.append(job) }
            }
            pending.subtract(1, ordering: .sequentiallyConsistent)
        }
    }
}
