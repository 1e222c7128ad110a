public import ThrongCore
import ThrongIO
import Foundation

/// Generates synthetic wifi connection logs and their ground truth from a network and demand.
///
/// ```swift
/// var config = SimulationPreset.tiny.config
/// config.seed = 42
/// let sim = try Simulator(network: network, demand: demand, config: config)
/// let summary = try sim.run(outputDirectory: "/tmp/sim")
/// ```
///
/// Output (see `docs/simulator.md`): `events/YYYY-MM-DD/ctrl-KK-hHH.csv.zst` (one file per
/// controller and delivery hour, UTC), `truth/journeys.csv.zst`, `truth/devices.csv.zst`,
/// `summary.json`. The bytes depend only on the inputs and the config, not on thread count.
public struct Simulator: Sendable {
    /// The network as simulated (links of a closed section removed).
    public let network: Network
    /// The network as given (before a closure).
    public let baseNetwork: Network
    /// The demand.
    public let demand: DemandData
    /// The config.
    public let config: SimulationConfig
    /// Wifi stations, access points and controllers.
    public let wifi: WifiPlan
    /// Route model parameters passed to `RouteFinder` (headways are also used for waits).
    public let routeParameters: RouteParameters
    /// Local time rule (Europe/London).
    public let timeZone: TimeZoneRule = .europeLondon
    let sampler: DemandSampler

    /// Prepares a run: validates the config, applies a closure, plans wifi and controllers.
    public init(network: Network, demand: DemandData, config: SimulationConfig, routeParameters: RouteParameters = .default) throws(SimulatorError) {
        try config.validate()
        guard demand.stationCount == network.stations.count else {
            throw SimulatorError(.invalidDemand, "demand was loaded for another network (\(demand.stationCount) stations, network has \(network.stations.count))")
        }
        var net = network
        if case .closure(let closure) = config.scenario { net = try closure.apply(to: network) }
        if case .event(let event) = config.scenario, network.stationByNaptan[event.station] == nil {
            throw SimulatorError(.invalidNetwork, "event station \(event.station) is not in the network")
        }
        self.network = net
        baseNetwork = network
        self.demand = demand
        self.config = config
        self.routeParameters = routeParameters
        wifi = try WifiPlan(network: net, selection: config.wifi, stationsPerController: config.output.stationsPerController,
                            maxSkewSeconds: config.noise.maxClockSkewSeconds, seed: config.seed)
        sampler = try DemandSampler(demand: demand, config: config, timeZone: .europeLondon)
    }

    /// The simulated service days.
    var simDays: [SimDay] {
        (0..<config.days).map { i in
            let date = config.startDate.adding(days: i)
            return SimDay(index: i, date: date, dayType: DayType(date), localMidnight: date.midnightMs)
        }
    }

    /// Runs the simulation and writes everything under `outputDirectory` (created if needed).
    /// `progress` receives one line per day.
    public func run(outputDirectory: String, progress: (@Sendable (String) -> Void)? = nil) throws(SimulatorError) -> SimulationSummary {
        let closed = try RunState.closedPairs(self)
        var state = try RunState(simulator: self, outputDirectory: outputDirectory, closedInfo: closed)
        for day in simDays {
            try state.simulate(day)
            progress?("\(day.date) \(day.dayType.rawValue): \(state.lastDayLine)")
        }
        return try state.finish()
    }
}
