import ThrongCore
import ThrongIO
import Foundation

/// The mutable state of one run: route cache, device sets, carried event buckets, writers.
struct RunState: ~Copyable {
    let sim: Simulator
    let out: String
    let population: Population
    let tracer: JourneyTracer
    var routes: RouteTable
    /// Closure scenario: routes on the intact network and the closed (from, to) line pairs.
    var baseline: RouteTable?
    let closed: (line: LineID, pairs: Set<[UInt16]>)?
    let noiseWorker: NoiseWorker
    let formatter: EventFormatter
    let baseMs: Int64
    let emitWindow: Range<Int64>
    let venue: StationID?
    var truth: ZstdWriter?
    var summary: SimulationSummary
    var carry: [Int: [SimEvent]] = [:]
    var createdDirs = Set<String>()
    // Device sets.
    var seenPeople: BitSet
    var listedPeople: BitSet
    var seenStaff: BitSet
    var seenRetail: BitSet
    var seenPassers: BitSet
    var aliases: [(UInt64, UInt32)] = []
    var counters = Counters()
    var lastDayLine = ""

    init(simulator sim: Simulator, outputDirectory: String, closedInfo: (line: LineID, pairs: Set<[UInt16]>)?) throws(SimulatorError) {
        self.sim = sim
        out = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        let config = sim.config
        let days = sim.simDays
        baseMs = days[0].localMidnight - 86_400_000
        emitWindow = baseMs..<(days[days.count - 1].localMidnight + 3 * 86_400_000)
        var reference = 0.0
        for s in 0..<sim.network.stations.count {
            reference += sim.sampler.expectedJourneys(origin: StationID(UInt16(s)), dayType: .mondayToThursday, wholeDay: true)
        }
        var eventPairs = 0.0
        var venue: StationID?
        if case .event(let e) = config.scenario {
            eventPairs = Double(e.journeys) * config.scale
            venue = sim.network.stationByNaptan[e.station]
        }
        self.venue = venue
        population = Population(model: config.population, referenceJourneys: reference, eventPairs: eventPairs,
                                deviceRate: config.deviceRate, seed: config.seed)
        tracer = JourneyTracer(network: sim.network, plan: sim.wifi, model: config.pings, parameters: sim.routeParameters)
        routes = RouteTable(network: sim.network, isWifi: sim.wifi.isWifi, model: config.routeChoice, parameters: sim.routeParameters)
        baseline = closedInfo == nil ? nil
            : RouteTable(network: sim.baseNetwork, isWifi: sim.wifi.isWifi, model: config.routeChoice, parameters: sim.routeParameters)
        closed = closedInfo
        var offsets: [Int] = [], sizes: [Int] = []
        var total = 0
        for s in sim.wifi.stations {
            let n = Int((config.noise.passerByPoolFactor * config.noise.passerByRate
                * sim.sampler.expectedJourneys(origin: s, dayType: .mondayToThursday)).rounded(.up))
            offsets.append(total); sizes.append(n); total += n
        }
        noiseWorker = NoiseWorker(plan: sim.wifi, config: config, sampler: sim.sampler, window: emitWindow,
                                  passerPoolOffset: offsets, passerPoolSize: sizes, timeZone: sim.timeZone)
        formatter = EventFormatter(network: sim.network)
        seenPeople = BitSet(size: population.count)
        listedPeople = BitSet(size: population.count)
        let staffPool = 2 * Int(config.noise.staffPerStation.rounded())
        seenStaff = BitSet(size: sim.wifi.stations.count * staffPool)
        seenRetail = BitSet(size: sim.wifi.stations.count * Int(config.noise.retailPerStation.rounded()))
        seenPassers = BitSet(size: total)
        summary = SimulationSummary(seed: config.seed, config: config.describe(), network: [
            "stations": sim.network.stations.count, "links": sim.network.links.count,
            "accessPoints": sim.network.accessPoints.count, "wifiStations": sim.wifi.stations.count,
            "controllers": sim.wifi.controllerCount,
        ])
        for c in 0..<sim.wifi.controllerCount {
            let stations = sim.wifi.stations.filter { sim.wifi.controllerOfStation[$0.index] == c }.map { sim.network.stations[$0.index].naptan }
            summary.controllers[WifiPlan.controllerName(c)] = stations + ["skew_ms=\(sim.wifi.skewMs[c])"]
        }
        summary.notes = [
            "Timestamps are UTC epoch ms (some ISO-8601 with Z); departures follow Europe/London local time (= UTC in Nov-Dec).",
            "Event files are split by controller and by the UTC hour of delivery; lines are in delivery order.",
            "A controller's timestamps include its clock skew; late deliveries land in a later hour's file.",
        ]
        summary.devices.population = population.count
        try makeDirectory(out + "/events")
        try makeDirectory(out + "/truth")
        if config.output.truth != .none {
            do {
                var w = try ZstdWriter(path: out + "/truth/journeys.csv.zst", level: config.output.zstdLevel)
                try w.write("journey,tokens,origin,destination,entry_ms,exit_ms,path,route,day,flags,ridden_path\n")
                truth = consume w
            } catch {
                throw SimulatorError(.outputFailed, "cannot write truth/journeys.csv.zst", cause: error)
            }
        }
    }

    /// The closed section's line and its (from, to) station pairs, both directions.
    static func closedPairs(_ sim: Simulator) throws(SimulatorError) -> (line: LineID, pairs: Set<[UInt16]>)? {
        guard case .closure(let closure) = sim.config.scenario else { return nil }
        let section = try closure.simulatorSection(in: sim.baseNetwork)
        var pairs = Set<[UInt16]>()
        for i in 1..<section.count {
            pairs.insert([section[i - 1].rawValue, section[i].rawValue])
            pairs.insert([section[i].rawValue, section[i - 1].rawValue])
        }
        return (sim.baseNetwork.lineByName[closure.line]!, pairs)
    }

    mutating func makeDirectory(_ path: String) throws(SimulatorError) {
        guard !createdDirs.contains(path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SimulatorError(.outputFailed, "cannot create \(path)", cause: SimpleError(message: "\(error)"))
        }
        createdDirs.insert(path)
    }
}

/// A message-only error (wraps Foundation errors, which are not `Sendable` everywhere).
struct SimpleError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
