public import ThrongCore
public import ThrongBatch

/// Runs the batch engine on a simulator output and measures it against the ground truth.
///
/// ```swift
/// let report = try Evaluator(network: network, simulationDirectory: "/tmp/sim").evaluate()
/// print(report)
/// ```
public struct Evaluator: Sendable {
    /// The network as built (the full network, also for a closure scenario). The engine runs,
    /// and the truth is resolved, on it as operated with the configuration's closures
    /// (``operatedNetwork()``).
    public var network: Network
    /// The simulator's output folder (`truth/`, `summary.json`).
    public var simulationDirectory: String
    /// Event log inputs; default the folder's `events/`.
    public var inputs: [String]
    /// Batch parameters (the disclosure threshold is forced to 1), including the closures the
    /// engine is told about (``BatchConfiguration/closures``).
    public var configuration: BatchConfiguration
    /// OD pairs whose route splits are compared, as NaPTAN codes.
    public var routeSplitPairs: [(String, String)] = [("940GZZLUKSX", "940GZZLUWLO")]
    /// Busiest links compared.
    public var topLinks = 50
    /// Whether to compute the brute-force station-bin reference (memory: all events).
    public var computeReference = true

    /// Creates an evaluator.
    public init(network: Network, simulationDirectory: String, inputs: [String]? = nil, configuration: BatchConfiguration = BatchConfiguration.exactRelease) {
        self.network = network
        self.simulationDirectory = simulationDirectory
        self.inputs = inputs ?? [simulationDirectory + "/events"]
        self.configuration = configuration
    }

    /// ``network`` with the configuration's closures: the network the batch run uses, whose
    /// link ids its snapshot and the truth's links refer to.
    public func operatedNetwork() throws -> Network {
        try network.closing(configuration.closures)
    }

    /// Loads the truth, runs the engine and measures.
    public func evaluate() throws -> EvaluationReport {
        let truth = try GroundTruth.load(directory: simulationDirectory, network: operatedNetwork())
        let run = try EngineRun.run(network: network, inputs: inputs, configuration: configuration)
        return try evaluate(truth: truth, run: run)
    }

    /// Measures an existing run (its truth loaded on ``operatedNetwork()``).
    public func evaluate(truth: GroundTruth, run: EngineRun) throws -> EvaluationReport {
        let network = try operatedNetwork()
        let od = ODAccuracy.measure(truth: truth, run: run, toleranceMillis: 2 * configuration.reconstruction.clockSkewMillis)
        let links = LinkLoadAccuracy.measure(truth: truth, run: run, network: network, top: topLinks)
        let unambiguous = LinkLoadAccuracy.measure(truth: truth, run: run, network: network, top: topLinks, excludingAmbiguous: true)
        let splits = routeSplitPairs.compactMap { pair -> RouteSplitComparison? in
            guard let o = network.stationByNaptan[pair.0], let d = network.stationByNaptan[pair.1] else { return nil }
            return RouteSplitComparison.measure(truth: truth, run: run, network: network, origin: o, destination: d)
        }
        let references = computeReference
            ? try ReferenceComparison.measure(
                network: network, inputs: inputs, run: run, rules: [.consecutiveEvents, .visits],
                parameters: configuration.reconstruction)
            : []
        return EvaluationReport(
            truthJourneys: truth.journeys.count, wifiStations: truth.isWifi.filter { $0 }.count,
            engineDevices: run.report.quality.devices, engineJourneysBothEnds: run.report.quality.journeysBothEnds,
            od: od, links: links, unambiguousLinks: unambiguous, ambiguousLinkCount: truth.ambiguousLinks.count, routeSplits: splits, references: references, network: network)
    }
}
