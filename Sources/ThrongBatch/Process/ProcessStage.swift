import ThrongCore
import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// Stage 2: workers claim partitions one at a time; each gathers its partition's events
/// from every reader (memory chunks and spill files), sorts them by device and time,
/// reconstructs each device's sessions and adds them to the worker's own accumulator. Nothing is
/// shared but the partition cursor, the route cache (lock-free) and progress counters.
struct ProcessStage {
    let network: Network
    let configuration: BatchConfiguration
    let routes: RouteCache
    let inbox: PartitionInbox
    let plan: PartitionPlan
    let budget: MemoryBudget
    let progress: BatchProgress
    let observer: (@Sendable (DeviceKey, DeviceOutcome) -> Void)?
    /// Journeys with one end observed feed link loads and interchange flows (complete coverage).
    let partialJourneyLinks: Bool
    /// Devices over the per-device event limit in any reader: left out whole.
    let implausible: Set<DeviceKey>

    struct WorkerOutput: Sendable {
        var accumulator: CrowdingAccumulator
        var tally: DeviceTally
        /// Journeys held back for joining across MAC changes (``MacChangeJoiner``), not yet aggregated.
        var held: [ReconstructedJourney]
    }

    func run() throws -> [WorkerOutput] {
        let queue = WorkQueue(count: plan.count)
        progress.setPartitions(plan.count)
        let stage = self
        return try ParallelWorkers.run(count: max(1, min(configuration.workers, plan.count))) { _ in
            try stage.work(queue: queue)
        }
    }

    private func work(queue: WorkQueue) throws -> WorkerOutput {
        var accumulator = CrowdingAccumulator(
            binMillis: configuration.binMillis, privacy: configuration.release.budget?.bounds)
        var tally = DeviceTally()
        var reconstructor = JourneyReconstructor(
            network: network, parameters: configuration.reconstruction, routes: routes, calendar: configuration.calendar)
        let aggregation = DeviceAggregation(
            network: network, calendar: configuration.calendar, parameters: configuration.reconstruction,
            partialJourneyLinks: partialJourneyLinks)
        var events: [Event] = []
        var device: [Event] = []
        var session: [Event] = []
        let sessionGap = configuration.reconstruction.sessionGapMillis
        var grouping = DeviceGrouping()
        var heldJourneys: [ReconstructedJourney] = []
        let holding = configuration.joinsMacChanges
        while let p = queue.claim() {
            events.removeAll(keepingCapacity: true)
            guard var parcel = inbox.take(p) else { continue }
            let held = parcel.bytes
            for chunk in parcel.chunks { events.append(contentsOf: chunk) }
            parcel.chunks = []
            budget.release(held)
            for spill in parcel.spills {
                try SpillFile.load(path: spill, into: &events)
                removeFile(spill)
            }
            grouping.group(&events)
            var start = 0
            var devices = 0
            while start < events.count {
                let key = events[start].device
                var end = start + 1
                while end < events.count, events[end].device == key { end += 1 }
                if !implausible.isEmpty, implausible.contains(key) {
                    tally.implausibleEvents += end - start   // the events buffered before the limit was passed
                    start = end
                    continue
                }
                device.removeAll(keepingCapacity: true)
                device.append(contentsOf: events[start..<end])
                // Each session on its own (docs/semantics.md, "Sessions").
                DeviceSessions.sort(&device)
                var first = true
                DeviceSessions.forEach(in: device, gap: sessionGap) { range in
                    session.removeAll(keepingCapacity: true)
                    session.append(contentsOf: device[range])
                    let outcome = reconstructor.reconstruct(events: &session)
                    if holding && outcome.journeys.contains(where: { reconstructor.heldForJoining($0) }) {
                        var kept = outcome
                        kept.journeys.removeAll { j in
                            let hold = reconstructor.heldForJoining(j)
                            if hold { heldJourneys.append(j) }
                            return hold
                        }
                        aggregation.add(kept, events: session, to: &accumulator, tally: &tally, newDevice: first)
                    } else {
                        aggregation.add(outcome, events: session, to: &accumulator, tally: &tally, newDevice: first)
                    }
                    observer?(key, outcome)
                    first = false
                }
                devices += 1
                start = end
            }
            progress.add(devices: devices)
            progress.partitionFinished()
        }
        return WorkerOutput(accumulator: accumulator, tally: tally, held: heldJourneys)
    }
}

/// Deletes a file, ignoring errors (spill clean-up).
func removeFile(_ path: String) { _ = unlink(path) }
