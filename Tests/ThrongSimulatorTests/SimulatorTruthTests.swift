import Foundation
import Testing
import ThrongCore
import ThrongIO
@testable import ThrongSimulator

/// One row of `truth/journeys.csv`.
struct TruthRow {
    var id: String
    var tokens: [String]
    var origin: String
    var destination: String
    var entry: Int64
    var exit: Int64
    var path: [String]
    var route: String
    var flags: [String]
    /// `ridden_path`: every station passed, one link per `>line>` hop.
    var ridden: [String]

    init(_ line: Substring) {
        let f = Fixtures.csvFields(line)
        id = f[0]
        tokens = f[1].split(separator: ";").map(String.init)
        origin = f[2]
        destination = f[3]
        entry = Int64(f[4])!
        exit = Int64(f[5])!
        path = f[6].split(separator: ">").map(String.init)
        route = f[7]
        flags = f[9].split(separator: ";").map(String.init)
        ridden = f.count > 10 ? f[10].split(separator: ">").map(String.init) : []
    }

    /// (from, line or "walk", to) for each leg.
    var legs: [(String, String, String)] {
        stride(from: 0, to: path.count - 2, by: 2).map { (path[$0], path[$0 + 1], path[$0 + 2]) }
    }
}

/// Whether `to` can be reached from `from` along links of `line` in `network`.
func reachable(_ network: Network, line: String, from: String, to: String) -> Bool {
    guard let l = network.lineByName[line], let a = network.stationByNaptan[from], let b = network.stationByNaptan[to] else { return false }
    var seen: Set<StationID> = [a]
    var queue = [a]
    while let s = queue.popLast() {
        if s == b { return true }
        for id in network.outgoing[s.index] {
            let link = network.links[id.index]
            if link.line == l, seen.insert(link.to).inserted { queue.append(link.to) }
        }
    }
    return false
}

@Suite("Simulator ground truth", .serialized)
struct SimulatorTruthTests {
    @Test func truthIsConsistentWithNetworkAndEvents() throws {
        var config = SimulationPreset.tiny.config
        config.seed = 21
        let (dir, summary, sim) = try Fixtures.run(config, name: "truth")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let network = sim.network
        let rows = try Fixtures.lines(dir + "/truth/journeys.csv.zst").dropFirst().map(TruthRow.init)
        #expect(rows.count == summary.journeys.inTruth)
        var windows: [String: [(Int64, Int64, Set<String>)]] = [:]
        for r in rows {
            #expect(r.path.first == r.origin && r.path.last == r.destination, "\(r.id)")
            #expect(r.origin != r.destination)
            #expect(r.entry < r.exit && r.exit - r.entry < 4 * 3_600_000, "\(r.id) times")
            #expect(r.path.count % 2 == 1 && r.path.count >= 3)
            for (a, line, b) in r.legs {
                if line == "walk" {
                    let s = network.stationByNaptan[a]!, t = network.stationByNaptan[b]!
                    #expect(network.walkNeighbours(of: s).contains(t), "\(r.id): walk \(a)→\(b) not listed")
                } else {
                    #expect(reachable(network, line: line, from: a, to: b), "\(r.id): \(a) \(line) \(b)")
                }
            }
            // The ridden path names one directed link (or listed walk) per hop and passes the
            // path's boarding, change and alighting stations in order.
            #expect(r.ridden.first == r.origin && r.ridden.last == r.destination && r.ridden.count % 2 == 1, "\(r.id) ridden")
            for k in stride(from: 0, to: r.ridden.count - 2, by: 2) {
                let (a, line, b) = (r.ridden[k], r.ridden[k + 1], r.ridden[k + 2])
                let s = network.stationByNaptan[a]!, t = network.stationByNaptan[b]!
                if line == "walk" {
                    #expect(network.walkNeighbours(of: s).contains(t), "\(r.id): ridden walk \(a)→\(b) not listed")
                } else {
                    let l = network.lineByName[line]!
                    #expect(network.outgoing[s.index].contains { network.links[$0.index].line == l && network.links[$0.index].to == t },
                            "\(r.id): ridden hop \(a) \(line) \(b) is not a link")
                }
            }
            var at = 0  // index of the current station in ridden
            for (a, line, b) in r.legs {
                #expect(at + 2 < r.ridden.count && r.ridden[at] == a && r.ridden[at + 1] == line, "\(r.id): ridden path leaves leg \(a) \(line) \(b)")
                repeat { at += 2 } while at + 2 < r.ridden.count && r.ridden[at] != b && r.ridden[at + 1] == line
                #expect(at < r.ridden.count && r.ridden[at] == b, "\(r.id): ridden path misses \(b)")
            }
            #expect(at == r.ridden.count - 1, "\(r.id): ridden path goes beyond the destination")
            for t in r.tokens { windows[t, default: []].append((r.entry, r.exit, Set(stride(from: 0, to: r.path.count, by: 2).map { r.path[$0] }))) }
        }
        // Passenger events lie inside one of their device's journey windows (± clock skew and
        // probe-burst spread); walking-area APs are at a station listed on that journey's path.
        let margin = Int64(config.noise.maxClockSkewSeconds * 1000) + 60_000
        var checked = 0
        for file in Fixtures.eventFiles(dir) {
            for line in try Fixtures.lines(file).dropFirst() {
                let f = line.split(separator: ",")
                guard let list = windows[String(f[1])], let ms = Int64(f[0]) else { continue }
                let ap = network.accessPoints[network.accessPointByID[String(f[2])]!.index]
                let naptan = network.stations[ap.station.index].naptan
                let ok = list.contains { w in
                    ms >= w.0 - margin && ms <= w.1 + margin && (ap.area == .platform || w.2.contains(naptan))
                }
                #expect(ok, "event \(line) outside its device's journeys")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func routeChoiceSplitsKingsCrossToWaterloo() throws {
        let (network, demand) = Fixtures.london
        let sim = try Simulator(network: network, demand: demand, config: SimulationPreset.tiny.config)
        var table = RouteTable(network: sim.network, isWifi: sim.wifi.isWifi, model: sim.config.routeChoice)
        let key = RouteTable.Key(origin: network.stationByNaptan["940GZZLUKSX"]!.rawValue,
                                 destination: network.stationByNaptan["940GZZLUWLO"]!.rawValue, band: 0)
        table.ensure([key], threads: 1)
        let set = try #require(table.set(key))
        let p = set.probabilities
        #expect(p.count >= 2)
        #expect(p.filter { $0 > 0.1 }.count >= 2, "at least two routes with >10%: \(zip(set.options.map(\.name), p).map { "\($0) \($1)" })")
        #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        // Logit over route-choice costs, line variants split by frequency share:
        // p_i / p_j = share_i / share_j × exp(−θ (choiceCost_i − choiceCost_j)).
        let theta = sim.config.routeChoice.theta
        for i in 1..<p.count {
            let a = set.options[i], b = set.options[0]
            let ratio = a.choiceShare / b.choiceShare * exp(-theta * (a.choiceCost - b.choiceCost))
            #expect(abs(p[i] / p[0] - ratio) < 1e-9)
        }
    }

    @Test func pilotWifiSetIs54StationsInZones1To4() throws {
        let (network, _) = Fixtures.london
        #expect(PilotStations.naptans.count == 54)
        #expect(Set(PilotStations.naptans).count == 54)
        for n in PilotStations.naptans {
            let s = try #require(network.station(naptan: n), "\(n) not in network")
            #expect(s.innermostZone >= 1 && s.innermostZone <= 4, "\(s.name) zones \(s.fareZones)")
        }
        let plan = try WifiPlan(network: network, selection: .pilot, stationsPerController: 7, maxSkewSeconds: 60, seed: 1)
        #expect(plan.stations.count == 54)
        #expect(plan.controllerCount == 8)
        #expect(plan.skewMs.allSatisfy { abs($0) <= 60_000 })
    }
}
