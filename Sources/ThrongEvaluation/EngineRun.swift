public import ThrongCore
public import ThrongBatch
import Synchronization

/// A batch run kept for evaluation: every device's outcome (via the job's observer) and the
/// snapshot published with disclosure threshold 1 (nothing suppressed).
public struct EngineRun: Sendable {
    /// Each device's reconstruction.
    public var outcomes: [DeviceKey: DeviceOutcome]
    /// The published aggregates (threshold 1: every non-zero cell is published).
    public var snapshot: CrowdingSnapshot
    /// The run's report.
    public var report: BatchReport

    /// Creates a run from parts.
    public init(outcomes: [DeviceKey: DeviceOutcome], snapshot: CrowdingSnapshot, report: BatchReport) {
        self.outcomes = outcomes
        self.snapshot = snapshot
        self.report = report
    }

    /// Runs the batch engine on `inputs` with `configuration`, except that the disclosure
    /// threshold is set to 1 and journeys are not joined across MAC changes, collecting every
    /// device's outcome.
    public static func run(network: Network, inputs: [String], configuration: BatchConfiguration = BatchConfiguration.exactRelease) throws -> EngineRun {
        var config = configuration
        config.disclosureThreshold = 1
        // Evaluation looks outcomes up by token (DeviceKey(token:)), so it keys devices the
        // unkeyed way; its inputs are simulated tokens, never real ones.
        config.deviceKeying = .unkeyed
        // The evaluation compares each device's reconstruction (and the snapshot's station bins,
        // with a brute-force reference) under the per-device rules; joining halves across two
        // tokens happens after them, so it is off here and measured on its own
        // (scripts/independent-day, MacChangeJoiningTests).
        config.reconstruction.macChangeWindowMillis = 0
        let collector = OutcomeCollector()
        let result = try BatchJob(network: network, inputs: inputs, configuration: config).run(observer: { key, outcome in
            collector.add(key, outcome)
        })
        return EngineRun(outcomes: collector.take(), snapshot: result.snapshot, report: result.report)
    }

    /// The outcome's journeys for a device token (none if the device was not seen).
    public func journeys(token: String) -> [ReconstructedJourney] {
        outcomes[DeviceKey(token: token)]?.journeys ?? []
    }
}

/// Collects outcomes from the batch's worker threads.
final class OutcomeCollector: Sendable {
    private let outcomes = Mutex<[DeviceKey: DeviceOutcome]>([:])

    func add(_ key: DeviceKey, _ outcome: DeviceOutcome) {
        // One outcome per device: its sessions' outcomes combined.
        outcomes.withLock { all in
            if all[key] == nil { all[key] = outcome } else { all[key]!.absorb(outcome) }
        }
    }

    func take() -> [DeviceKey: DeviceOutcome] {
        outcomes.withLock { $0 }
    }
}
