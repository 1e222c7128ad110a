public import ThrongCore
import ThrongIO
import ThrongBatch

/// The engine's `station_bins` compared cell by cell with ``ReferenceStationBins``.
public struct ReferenceComparison: Hashable, Sendable {
    /// The occupancy rule of the reference.
    public var rule: ReferenceStationBins.OccupancyRule = .consecutiveEvents
    /// Cells non-zero on either side.
    public var cells = 0
    /// Cells where any column differs, per column.
    public var occupancyMismatches = 0
    /// See ``occupancyMismatches``.
    public var platformOccupancyMismatches = 0
    /// See ``occupancyMismatches``.
    public var concourseOccupancyMismatches = 0
    /// See ``occupancyMismatches``.
    public var entryMismatches = 0
    /// See ``occupancyMismatches``.
    public var exitMismatches = 0
    /// See ``occupancyMismatches``.
    public var interchangeMismatches = 0
    /// See ``occupancyMismatches``.
    public var passThroughMismatches = 0
    /// Up to 10 differing cells, as text (`station bin: reference vs engine`).
    public var examples: [String] = []

    /// Creates an empty comparison.
    public init() {}

    /// True if every cell agrees.
    public var isExact: Bool {
        occupancyMismatches + platformOccupancyMismatches + concourseOccupancyMismatches + entryMismatches + exitMismatches
            + interchangeMismatches + passThroughMismatches == 0
    }

    /// Compares two cell maps (missing cells are zero).
    public static func compare(
        reference: [ReferenceStationBins.Key: ReferenceStationBins.Cell], engine: [ReferenceStationBins.Key: ReferenceStationBins.Cell],
        network: Network
    ) -> ReferenceComparison {
        var c = ReferenceComparison()
        for key in Set(reference.keys).union(engine.keys).sorted() {
            let r = reference[key] ?? .init(), e = engine[key] ?? .init()
            c.cells += 1
            if r.occupancy != e.occupancy { c.occupancyMismatches += 1 }
            if r.platformOccupancy != e.platformOccupancy { c.platformOccupancyMismatches += 1 }
            if r.concourseOccupancy != e.concourseOccupancy { c.concourseOccupancyMismatches += 1 }
            if r.entries != e.entries { c.entryMismatches += 1 }
            if r.exits != e.exits { c.exitMismatches += 1 }
            if r.interchanges != e.interchanges { c.interchangeMismatches += 1 }
            if r.passThroughs != e.passThroughs { c.passThroughMismatches += 1 }
            if r != e && c.examples.count < 10 {
                c.examples.append("\(network.stations[key.station.index].naptan) \(key.binStart): reference \(r) vs engine \(e)")
            }
        }
        return c
    }

    /// Reads the accepted events of `inputs` (files or directories, as the batch), groups them
    /// by device, recomputes the reference with each of `rules` and compares it with `run`'s
    /// snapshot (one comparison per rule, same order).
    public static func measure(
        network: Network, inputs: [String], run: EngineRun, rules: [ReferenceStationBins.OccupancyRule] = [.consecutiveEvents],
        parameters: ReconstructionParameters = .default
    ) throws -> [ReferenceComparison] {
        var events: [DeviceKey: [Event]] = [:]
        _ = try EventLogReader.readFiles(paths: InputFiles.expand(inputs), resolver: AccessPointResolver(network: network)) { batch in
            for e in batch.events { events[e.device, default: []].append(e) }
        }
        let engine = ReferenceStationBins.published(run.snapshot)
        return rules.map { rule in
            let reference = ReferenceStationBins.compute(
                network: network, events: events, outcomes: run.outcomes, binMillis: run.snapshot.binMillis, rule: rule,
                parameters: parameters)
            var c = compare(reference: reference, engine: engine, network: network)
            c.rule = rule
            return c
        }
    }
}
