public import ThrongCore
import Foundation

/// The simulator's ground truth for one output folder: journeys and the wifi stations.
public struct GroundTruth: Sendable {
    /// Every journey listed in `truth/journeys.csv.zst`, in file order.
    public var journeys: [TruthJourney]
    /// Whether each station (by index) had wifi in the simulation.
    public var isWifi: [Bool]
    /// Journey indices by device token (a journey with a MAC change is listed under both).
    public var journeysByToken: [String: [Int]]
    /// Links whose truth traversals are uncertain: some truth path resolved without its
    /// `ridden_path` matches several candidate routes that differ on them (see ``TruthPath``);
    /// the first candidate's links are used. Empty when every row has a resolvable ridden path.
    public var ambiguousLinks: Set<LinkID> = []

    /// Creates ground truth from parts.
    public init(journeys: [TruthJourney], isWifi: [Bool]) {
        self.journeys = journeys
        self.isWifi = isWifi
        var byToken: [String: [Int]] = [:]
        for (i, j) in journeys.enumerated() { for t in j.tokens { byToken[t, default: []].append(i) } }
        journeysByToken = byToken
    }

    /// Loads `DIR/truth/journeys.csv.zst` and the wifi stations from `DIR/summary.json`
    /// (its `controllers` lists each controller's stations; without the file every station
    /// counts as wifi). A journey's links are those its `ridden_path` column names
    /// (``TruthPath/links(ofRidden:in:)``: exact, never ambiguous). Truth files without that
    /// column (older simulators), or a ridden path that does not resolve on `network`, fall back
    /// to resolving `path` by ``TruthPath/links(of:origin:destination:band:routes:ambiguous:)``:
    /// the route finder's candidate with the same path string (the simulator draws its routes
    /// from the same finder), else fewest links per ride; ambiguities are collected in
    /// ``ambiguousLinks``.
    /// `routes` (default: a new cache on `network`) may be shared between loads on one network.
    public static func load(
        directory: String, network: Network, calendar: ServiceCalendar = ServiceCalendar(), routes: RouteCache? = nil
    ) throws(EvaluationError) -> GroundTruth {
        let routes = routes ?? RouteCache(network: network, limit: 8)
        let isWifi = try wifiStations(summaryPath: directory + "/summary.json", network: network)
        let path = directory + "/truth/journeys.csv.zst"
        let text = try TruthCSV.text(ofZstd: path)
        var journeys: [TruthJourney] = []
        var lineNumber = 0
        var pathCache: [String: [LinkID]?] = [:]
        var riddenCache: [String: [LinkID]?] = [:]
        var ambiguous = Set<LinkID>()
        var riddenColumn: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            lineNumber += 1
            if lineNumber == 1 {
                guard line.hasPrefix("journey,tokens,origin,destination,entry_ms,exit_ms,path") else {
                    throw EvaluationError(.badTruth, "\(path): unexpected header \(line.prefix(80))")
                }
                riddenColumn = TruthCSV.fields(line).firstIndex(of: "ridden_path")
                continue
            }
            let f = TruthCSV.fields(line)
            guard f.count >= 10 else { throw EvaluationError(.badTruth, "\(path):\(lineNumber): \(f.count) fields, expected 10") }
            guard let o = network.stationByNaptan[f[2]], let d = network.stationByNaptan[f[3]] else {
                throw EvaluationError(.badTruth, "\(path):\(lineNumber): unknown station \(f[2]) or \(f[3])")
            }
            guard let entry = Int64(f[4]), let exit = Int64(f[5]) else {
                throw EvaluationError(.badTruth, "\(path):\(lineNumber): bad times \(f[4]), \(f[5])")
            }
            var ridden: [LinkID]?
            if let c = riddenColumn, c < f.count, !f[c].isEmpty {
                if let cached = riddenCache[f[c]] {
                    ridden = cached
                } else {
                    ridden = TruthPath.links(ofRidden: f[c], in: network)
                    riddenCache[f[c]] = ridden
                }
            }
            let links: [LinkID]
            let band = calendar.timeBand(at: entry)
            let cacheKey = "\(band)|" + f[6]
            if let ridden {
                links = ridden
            } else if let cached = pathCache[cacheKey] {
                links = cached ?? []
            } else {
                let resolved = TruthPath.links(of: f[6], origin: o, destination: d, band: band, routes: routes, ambiguous: &ambiguous)
                pathCache[cacheKey] = resolved
                links = resolved ?? []
            }
            let flags = f[9].split(separator: ";").map(String.init)
            let tokens = flags.contains("undetectable") ? [] : f[1].split(separator: ";").map(String.init)
            journeys.append(TruthJourney(
                id: f[0], tokens: tokens, origin: o, destination: d, entryMillis: entry, exitMillis: exit,
                path: f[6], links: links, flags: flags))
        }
        var truth = GroundTruth(journeys: journeys, isWifi: isWifi)
        truth.ambiguousLinks = ambiguous
        return truth
    }

    /// Wifi stations from `summary.json`'s `controllers` (all stations if the file is absent).
    static func wifiStations(summaryPath: String, network: Network) throws(EvaluationError) -> [Bool] {
        guard let data = FileManager.default.contents(atPath: summaryPath) else {
            return [Bool](repeating: true, count: network.stations.count)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let controllers = object["controllers"] as? [String: [String]]
        else {
            throw EvaluationError(.badTruth, "\(summaryPath): no controllers object")
        }
        var wifi = [Bool](repeating: false, count: network.stations.count)
        for (_, stations) in controllers {
            for naptan in stations { if let s = network.stationByNaptan[naptan] { wifi[s.index] = true } }
        }
        return wifi
    }

    /// True if the engine could have seen `journey` at both ends: the person carried a
    /// detectable device, origin and destination differ and both have wifi.
    public func isObservable(_ journey: TruthJourney) -> Bool {
        journey.detectable && journey.origin != journey.destination && isWifi[journey.origin.index] && isWifi[journey.destination.index]
    }
}
