import ArgumentParser
import Foundation
import ThrongCore
import ThrongIO
import ThrongSimulator

/// `throng simulate`: synthetic wifi connection logs with ground truth.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate wifi connection logs (per controller and hour, .csv.zst) with ground-truth journeys.",
        discussion: """
            A preset sets every option; options given explicitly override it. Output: events/DATE/ctrl-KK-hHH.csv.zst, \
            truth/journeys.csv.zst, truth/devices.csv.zst, summary.json. See docs/simulator.md.
            """
    )

    @Option(name: .shortAndLong, help: "Output folder (created; existing files are overwritten).")
    var output: String

    @Option(help: "Network folder.")
    var network = "SampleData/london"

    @Option(help: "Demand folder with od_daily.csv and station_profiles_2019.csv (default: <network>/demand).")
    var demand: String?

    @Option(help: "tiny | demo | weekday | pilot2016.")
    var preset: String = "demo"

    @Option(help: "Master seed (same seed, same bytes).")
    var seed: UInt64 = 1

    @Option(help: "First service day, YYYY-MM-DD.")
    var startDate: String?

    @Option(help: "Number of service days.")
    var days: Int?

    @Option(help: "Start of the departure window, HH:MM local (service day starts 05:00).")
    var start: String?

    @Option(help: "Length of the departure window in hours.")
    var hours: Double?

    @Option(help: "Demand scale factor on RODS daily flows.")
    var scale: Double?

    @Option(help: "RODS year: 2012, 2014, 2015 or 2016.")
    var odYear: Int?

    @Option(help: "Wifi stations: all | pilot | <file of NaPTAN codes, one a line>.")
    var wifi: String?

    @Option(help: "Fraction of people with a detectable device.")
    var deviceRate: Double?

    @Option(help: "normal | closure | event.")
    var scenario: String?

    @Option(help: "Closed section LINE:FROM-TO (NaPTAN codes), implies --scenario closure.")
    var closure: String?

    @Option(help: "Stadium event station NaPTAN (default Wembley Park).")
    var eventStation: String?

    @Option(help: "Stadium event attendees by Underground, before --scale.")
    var eventJourneys: Int?

    @Option(help: "Staff devices per wifi station per day.")
    var staffPerStation: Double?

    @Option(help: "Retail devices per wifi station.")
    var retailPerStation: Double?

    @Option(help: "Passers-by per station entry.")
    var passerByRate: Double?

    @Option(help: "Probability an event is delivered twice.")
    var duplicateRate: Double?

    @Option(help: "Probability a journey's device token changes mid-journey.")
    var macChangeRate: Double?

    @Option(help: "Controller clock skew bound, seconds.")
    var maxClockSkew: Double?

    @Option(help: "Probability an event is delivered 1–20 minutes late.")
    var lateRate: Double?

    @Option(help: "Logit scale per generalised minute for route choice.")
    var logitTheta: Double?

    @Option(help: "Route alternatives per OD pair.")
    var routeLimit: Int?

    @Option(help: "Seconds between pings while waiting on a platform, MIN-MAX.")
    var waitPing: String?

    @Option(help: "Probability of a ping during a dwell at an intermediate wifi station.")
    var dwellPing: Double?

    @Option(help: "Mean extra events per ping (probe bursts, Poisson).")
    var burstExtra: Double?

    @Option(help: "Share of journeys made by regular travellers.")
    var regularShare: Double?

    @Option(help: "Journeys per regular traveller per Mon–Thu.")
    var regularJourneysPerDay: Double?

    @Option(help: "Occasional-traveller pool size in days of occasional journeys.")
    var occasionalPoolDays: Double?

    @Option(help: "Ground-truth journeys: all | detectable | none.")
    var truth: String?

    @Option(help: "zstd level of output files.")
    var zstdLevel: Int32?

    @Option(help: "Fraction of event lines with ISO-8601 timestamps.")
    var isoFraction: Double?

    @Option(help: "Wifi stations per AP controller.")
    var stationsPerController: Int?

    @Option(help: "Worker threads (results do not depend on it).")
    var threads: Int?

    func makeConfig() throws -> SimulationConfig {
        guard let p = SimulationPreset(rawValue: preset) else {
            throw ValidationError("unknown --preset \(preset) (tiny, demo, weekday, pilot2016)")
        }
        var c = p.config
        c.seed = seed
        c.threads = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        if let startDate {
            guard let d = CivilDate(simulatorParsing: startDate) else { throw ValidationError("--start-date must be YYYY-MM-DD") }
            c.startDate = d
        }
        if let days { c.days = days }
        if let start {
            let parts = start.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<60).contains(m) else {
                throw ValidationError("--start must be HH:MM")
            }
            c.windowStartMinute = h * 60 + m
        }
        if let hours { c.windowHours = hours }
        if let scale { c.scale = scale }
        if let odYear { c.odYear = odYear }
        if let wifi {
            switch wifi {
            case "all": c.wifi = .all
            case "pilot": c.wifi = .pilot
            default:
                guard let text = try? String(contentsOfFile: wifi, encoding: .utf8) else { throw ValidationError("cannot read --wifi file \(wifi)") }
                let codes = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                c.wifi = .stations(codes)
            }
        }
        if let deviceRate { c.deviceRate = deviceRate }
        var scenarioName = scenario ?? (closure != nil ? "closure" : c.scenario.name)
        if eventStation != nil || eventJourneys != nil, scenario == nil { scenarioName = "event" }
        switch scenarioName {
        case "normal": c.scenario = .normal
        case "closure":
            var section = LineClosure.default
            if let closure {
                guard let s = LineClosure(parsing: closure) else { throw ValidationError("--closure must be LINE:FROM-TO") }
                section = s
            }
            c.scenario = .closure(section)
        case "event":
            var e = StadiumEvent()
            if let eventStation { e.station = eventStation }
            if let eventJourneys { e.journeys = eventJourneys }
            c.scenario = .event(e)
        default: throw ValidationError("--scenario must be normal, closure or event")
        }
        if let staffPerStation { c.noise.staffPerStation = staffPerStation }
        if let retailPerStation { c.noise.retailPerStation = retailPerStation }
        if let passerByRate { c.noise.passerByRate = passerByRate }
        if let duplicateRate { c.noise.duplicateRate = duplicateRate }
        if let macChangeRate { c.noise.macChangeRate = macChangeRate }
        if let maxClockSkew { c.noise.maxClockSkewSeconds = maxClockSkew }
        if let lateRate { c.noise.lateRate = lateRate }
        if let logitTheta { c.routeChoice.theta = logitTheta }
        if let routeLimit { c.routeChoice.limit = routeLimit }
        if let waitPing {
            let parts = waitPing.split(separator: "-").compactMap { Double($0) }
            guard parts.count == 2, parts[0] <= parts[1] else { throw ValidationError("--wait-ping must be MIN-MAX seconds") }
            c.pings.waitPingSeconds = parts[0]...parts[1]
        }
        if let dwellPing { c.pings.dwell = dwellPing }
        if let burstExtra { c.pings.burstExtraMean = burstExtra }
        if let regularShare { c.population.regularShare = regularShare }
        if let regularJourneysPerDay { c.population.regularJourneysPerDay = regularJourneysPerDay }
        if let occasionalPoolDays { c.population.occasionalPoolDays = occasionalPoolDays }
        if let truth {
            guard let t = OutputOptions.TruthJourneys(rawValue: truth) else { throw ValidationError("--truth must be all, detectable or none") }
            c.output.truth = t
        }
        if let zstdLevel { c.output.zstdLevel = zstdLevel }
        if let isoFraction { c.output.isoFraction = isoFraction }
        if let stationsPerController { c.output.stationsPerController = stationsPerController }
        return c
    }

    func run() throws {
        let config = try makeConfig()
        let clock = ContinuousClock()
        let started = clock.now
        let net = try NetworkLoader.load(directory: network)
        let dem = try DemandData.load(directory: demand ?? (network.hasSuffix("/") ? network + "demand" : network + "/demand"), network: net)
        let simulator = try Simulator(network: net, demand: dem, config: config)
        let summary = try simulator.run(outputDirectory: output) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("""
            journeys: \(summary.journeys.simulated) simulated, \(summary.journeys.detectable) detectable, \(summary.journeys.inTruth) in truth
            events:   \(summary.events.lines) lines in \(summary.files.eventFiles) files (\(summary.files.eventBytes) bytes, \(summary.files.eventBytesCompressed) compressed)
            devices:  \(summary.devices.distinct) distinct (\(summary.devices.passenger) passengers, \(summary.devices.aliases) aliases, \
            \(summary.devices.staff) staff, \(summary.devices.retail) retail, \(summary.devices.passerBy) passers-by)
            wall time: \(String(format: "%.1f", seconds)) s; summary: \(output)/summary.json
            """)
    }
}
