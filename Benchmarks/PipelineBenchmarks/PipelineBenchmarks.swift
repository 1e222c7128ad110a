import Benchmark
import Foundation
import ThrongBatch
import ThrongCore
import ThrongIO

// The batch engine's stages and the whole job on one simulated hour (SimulatedScenario):
// every iteration handles exactly 1 000 000 events and the scaling factor is `.mega`, so
// the `throughput` row reads directly as millions of events per second (M/s).
//
// Gating: wall clock, CPU, throughput and memory vary with the machine and its load, so
// their thresholds are empty (reported, never failing a check); only `mallocCountTotal`
// has a tolerance, and CI may run with `--metric mallocCountTotal` alone. Measured spread
// of mallocs per iteration: 0 for the single-threaded stages except ingest (168–177 in
// all, so an absolute tolerance), 0.2% for the two-worker BatchJob runs.

/// The suite's configuration with the given allocation-count tolerance.
func pipelineConfiguration(mallocs: BenchmarkThresholds) -> Benchmark.Configuration {
    let informational = BenchmarkThresholds()
    return Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(10),
        maxIterations: 10,
        thresholds: [
            .throughput: informational, .wallClock: informational, .cpuTotal: informational,
            .peakMemoryResident: informational, .mallocCountTotal: mallocs,
        ]
    )
}

let benchmarks: @Sendable () -> Void = {
    let config = pipelineConfiguration(mallocs: BenchmarkThresholds(relative: [.p50: 2.0, .p90: 2.0]))
    let ingestConfig = pipelineConfiguration(mallocs: BenchmarkThresholds(absolute: [.p50: 64, .p90: 64]))
    let calendar = ServiceCalendar()
    let parameters = ReconstructionParameters.default

    // Stage 1 on one thread: split + parse + resolve an in-memory log and route every event
    // to its device's partition (EventPartitioner; the budget is large enough not to spill).
    Benchmark("IngestParsePartition", configuration: ingestConfig) { benchmark in
        let s = scenario
        let plan = PartitionPlan(estimatedEvents: SimulatedScenario.eventCount, workers: 2, memoryBudgetBytes: 2 << 30)
        benchmark.startMeasurement()
        var partitioner = EventPartitioner(plan: plan, budget: MemoryBudget(limit: 1 << 30), spillDirectory: s.directory, reader: 0)
        let summary = try s.text.withUnsafeBytes { text in
            try EventLogReader.read(text: text, resolver: s.resolver) { batch in
                for event in batch.events { try partitioner.add(event) }
            }
        }
        let partitions = try partitioner.finish()
        benchmark.stopMeasurement()
        blackHole(partitions)
        precondition(summary.linesRead == SimulatedScenario.eventCount && summary.isBalanced)
    }

    // Stage 2, reconstruction only: each device's events (copied into a reused buffer, as the
    // process stage does) through JourneyReconstructor: dedupe, visits, classification,
    // journeys, route inference. The route cache is shared and warm after the warm-up
    // iteration, as it is a few thousand devices into a batch run.
    let routes = RouteCache(network: scenario.network, limit: parameters.routeLimit)
    Benchmark("JourneyReconstruction", configuration: config) { benchmark in
        let s = scenario
        var reconstructor = JourneyReconstructor(network: s.network, parameters: parameters, routes: routes, calendar: calendar)
        var buffer: [Event] = []
        var journeys = 0
        benchmark.startMeasurement()
        for device in s.devices {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: device)
            journeys += reconstructor.reconstruct(events: &buffer).journeys.count
        }
        benchmark.stopMeasurement()
        precondition(journeys > 0)
    }

    // Stage 2, aggregation only: the reconstructed devices (prepared outside the measurement)
    // added alternately to two accumulators (two workers), merged, then published with
    // disclosure control and gate-count expansion.
    Benchmark("AggregateMergePublish", configuration: config) { benchmark in
        let s = scenario
        let prepared = reconstructedDevices
        let aggregation = DeviceAggregation(network: s.network, calendar: calendar, parameters: parameters)
        benchmark.startMeasurement()
        var workers = [CrowdingAccumulator(binMillis: 900_000), CrowdingAccumulator(binMillis: 900_000)]
        var tally = DeviceTally()
        for (i, device) in prepared.enumerated() {
            aggregation.add(device.outcome, events: device.events, to: &workers[i & 1], tally: &tally)
        }
        var merged = CrowdingAccumulator(binMillis: 900_000)
        for worker in workers { merged.merge(worker) }
        let context = CrowdingAccumulator.PublishingContext(
            threshold: 10, calendar: calendar, network: s.network, eventsPerStationHour: stationHours,
            expansion: s.expansion, quality: QualitySummary())
        let snapshot = merged.publish(context)
        benchmark.stopMeasurement()
        precondition(tally.devices == s.devices.count && !snapshot.stationBins.isEmpty)
    }

    // The whole job from the .csv.zst files: BatchJob.run with the default configuration
    // (workers = cores, 2 GiB budget, no spill), without writing SQLite.
    Benchmark("BatchJobEndToEnd", configuration: config) { benchmark in
        let s = scenario
        var configuration = BatchConfiguration.exactRelease
        configuration.spillDirectory = s.directory
        let job = BatchJob(network: s.network, inputs: [s.inputDirectory], configuration: configuration, expansion: s.expansion)
        benchmark.startMeasurement()
        let result = try job.run()
        benchmark.stopMeasurement()
        precondition(result.report.quality.linesRead == SimulatedScenario.eventCount && !result.report.spilled)
    }

    // The same with a 16 MiB budget, so that most partitions spill to zstd files and are
    // read back: the cost of spilling compared with BatchJobEndToEnd.
    Benchmark("BatchJobEndToEndSpilling", configuration: config) { benchmark in
        let s = scenario
        var configuration = BatchConfiguration.exactRelease
        configuration.spillDirectory = s.directory
        configuration.memoryBudgetBytes = 16 << 20
        let job = BatchJob(network: s.network, inputs: [s.inputDirectory], configuration: configuration, expansion: s.expansion)
        benchmark.startMeasurement()
        let result = try job.run()
        benchmark.stopMeasurement()
        precondition(result.report.quality.linesRead == SimulatedScenario.eventCount && result.report.spilled)
    }
}

/// Each device's reconstruction and its events as the reconstructor left them (sorted).
struct ReconstructedDevice: Sendable {
    var outcome: DeviceOutcome
    var events: [Event]
}

/// The scenario's devices reconstructed once (input of AggregateMergePublish).
let reconstructedDevices: [ReconstructedDevice] = {
    let s = scenario
    let parameters = ReconstructionParameters.default
    let routes = RouteCache(network: s.network, limit: parameters.routeLimit)
    var reconstructor = JourneyReconstructor(network: s.network, parameters: parameters, routes: routes, calendar: ServiceCalendar())
    return s.devices.map { device in
        var events = device
        let outcome = reconstructor.reconstruct(events: &events)
        return ReconstructedDevice(outcome: outcome, events: events)
    }
}()

/// Events per (clock hour, station) of the scenario's devices, as the ingest stage counts them.
let stationHours: [(hourStart: Int64, station: StationID, events: Int)] = {
    let s = scenario
    var counts: [Int64: Int] = [:]
    for device in s.devices {
        for e in device {
            let key = (e.time / 3_600_000) << 16 | Int64(s.network.accessPoints[e.accessPoint.index].station.rawValue)
            counts[key, default: 0] += 1
        }
    }
    return counts.sorted { $0.key < $1.key }.map { (hourStart: ($0.key >> 16) * 3_600_000, station: StationID(UInt16($0.key & 0xFFFF)), events: $0.value) }
}()
