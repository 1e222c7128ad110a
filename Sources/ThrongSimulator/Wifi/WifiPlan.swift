public import ThrongCore

/// Wifi-equipped stations, their access points by area, and the AP controllers.
///
/// Controllers: wifi stations sorted west → east by longitude (ties by NaPTAN) are grouped in
/// runs of `stationsPerController`; controller `k` (1-based) writes files `ctrl-kk-hHH`.
/// Each controller has a fixed clock skew, uniform in ±`maxClockSkewSeconds`.
public struct WifiPlan: Sendable {
    /// Access points of one station by area.
    public struct StationAPs: Sendable {
        /// Street entrances.
        public var entrances: [AccessPointID] = []
        /// Ticket halls.
        public var ticketHalls: [AccessPointID] = []
        /// Corridors.
        public var corridors: [AccessPointID] = []
        /// Platforms with their line and direction code.
        public var platforms: [(id: AccessPointID, line: LineID?, direction: String?)] = []

        /// The platform AP for a line and direction, falling back to the line, then any platform.
        public func platform(line: LineID, direction: String) -> AccessPointID? {
            if let p = platforms.first(where: { $0.line == line && $0.direction == direction }) { return p.id }
            if let p = platforms.first(where: { $0.line == line }) { return p.id }
            return platforms.first?.id ?? corridors.first ?? ticketHalls.first
        }

        /// Any AP of the station, for resident devices.
        var all: [AccessPointID] { entrances + ticketHalls + corridors + platforms.map(\.id) }
    }

    /// Whether each station (by index) has wifi.
    public let isWifi: [Bool]
    /// Wifi stations, in controller order.
    public let stations: [StationID]
    /// Controller (0-based) of each station by index; -1 without wifi.
    public let controllerOfStation: [Int]
    /// Number of controllers.
    public let controllerCount: Int
    /// Clock skew of each controller in milliseconds.
    public let skewMs: [Int64]
    /// Access points by station index (empty without wifi).
    public let aps: [StationAPs]
    /// Controller of each access point (-1 for stations without wifi).
    public let controllerOfAP: [Int32]

    /// Builds the plan. Throws if a listed NaPTAN is unknown or a wifi station has no access point.
    public init(network: Network, selection: WifiSelection, stationsPerController: Int, maxSkewSeconds: Double, seed: UInt64) throws(SimulatorError) {
        var wifi = [Bool](repeating: false, count: network.stations.count)
        switch selection {
        case .all:
            wifi = [Bool](repeating: true, count: network.stations.count)
        case .pilot, .stations:
            let list: [String]
            if case .stations(let l) = selection { list = l } else { list = PilotStations.naptans }
            for n in list {
                guard let id = network.stationByNaptan[n] else {
                    throw SimulatorError(.invalidNetwork, "wifi station \(n) is not in the network")
                }
                wifi[id.index] = true
            }
        }
        var aps = [StationAPs](repeating: StationAPs(), count: network.stations.count)
        var ctrlOfAP = [Int32](repeating: -1, count: network.accessPoints.count)
        for (i, ap) in network.accessPoints.enumerated() where wifi[ap.station.index] {
            let id = AccessPointID(UInt32(i))
            switch ap.area {
            case .entrance: aps[ap.station.index].entrances.append(id)
            case .ticketHall: aps[ap.station.index].ticketHalls.append(id)
            case .corridor: aps[ap.station.index].corridors.append(id)
            case .platform: aps[ap.station.index].platforms.append((id, ap.line, ap.direction))
            }
        }
        var chosen: [StationID] = []
        for (i, w) in wifi.enumerated() where w {
            if aps[i].all.isEmpty {
                if case .all = selection { wifi[i] = false; continue }
                throw SimulatorError(.invalidNetwork, "wifi station \(network.stations[i].naptan) has no access points")
            }
            chosen.append(StationID(UInt16(i)))
        }
        chosen.sort {
            let a = network.stations[$0.index], b = network.stations[$1.index]
            return a.longitude != b.longitude ? a.longitude < b.longitude : a.naptan < b.naptan
        }
        var ctrl = [Int](repeating: -1, count: network.stations.count)
        for (k, s) in chosen.enumerated() { ctrl[s.index] = k / stationsPerController }
        let count = (chosen.count + stationsPerController - 1) / stationsPerController
        for (i, ap) in network.accessPoints.enumerated() where ctrl[ap.station.index] >= 0 {
            ctrlOfAP[i] = Int32(ctrl[ap.station.index])
        }
        var skews: [Int64] = []
        for c in 0..<count {
            var rng = SimRandom(seed: seed, stream: Streams.skew, UInt64(c))
            skews.append(Int64((rng.uniform(-maxSkewSeconds, maxSkewSeconds) * 1000).rounded()))
        }
        isWifi = wifi
        stations = chosen
        controllerOfStation = ctrl
        controllerCount = count
        skewMs = skews
        self.aps = aps
        controllerOfAP = ctrlOfAP
    }

    /// `ctrl-07` for controller index 6.
    public static func controllerName(_ index: Int) -> String {
        let n = index + 1
        return "ctrl-" + (n < 10 ? "0\(n)" : "\(n)")
    }
}

/// Purposes of the random streams (the second argument of every stream derivation).
enum Streams {
    static let skew: UInt64 = 1
    static let demand: UInt64 = 2
    static let person: UInt64 = 3
    static let journeyChunk: UInt64 = 4
    static let staff: UInt64 = 5
    static let retail: UInt64 = 6
    static let passerBy: UInt64 = 7
    static let permutation: UInt64 = 8
    static let event: UInt64 = 9
    static let token: UInt64 = 10
    static let detectable: UInt64 = 11
}
