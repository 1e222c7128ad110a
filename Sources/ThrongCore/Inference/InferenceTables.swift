#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A route set's candidates as flat tables for path inference: stations, their expected
/// minutes and the (station, line, direction) of every ride link end, each candidate a range
/// (CSR offsets). Built once per cached route set and shared; scoring a journey then reads
/// plain integers and doubles, without retaining a route's legs or arrays per sighting.
package struct InferenceTables: Sendable {
    /// A station that a ride of the candidate touches on `line` in direction `code`.
    package struct PlatformKey: Sendable {
        package var station: UInt16
        package var line: UInt8
        package var code: UInt8
    }

    package let stationStart: [Int]
    package let stations: [UInt16]
    package let minutes: [Double]
    package let platformStart: [Int]
    package let platforms: [PlatformKey]
    /// Per candidate: ``RouteCandidate/choiceCost`` and the log of ``RouteCandidate/choiceShare``.
    package let cost: [Double]
    package let logShare: [Double]
    package let initialWait: [Double]
    /// Per candidate (CSR): the stations where it changes line.
    package let changeStart: [Int]
    package let changes: [UInt16]

    package init(candidates: [RouteCandidate], codes: DirectionCodes) {
        var stationStart = [0], stations: [UInt16] = [], minutes: [Double] = []
        var platformStart = [0], platforms: [PlatformKey] = []
        var changeStart = [0], changes: [UInt16] = []
        for c in candidates {
            changes.append(contentsOf: c.route.interchangeStations.map(\.rawValue))
            changeStart.append(changes.count)
            let s = c.route.stations
            stations.append(contentsOf: s.map(\.rawValue))
            // stationMinutes has one entry per station; pad defensively so indices stay aligned.
            for i in s.indices { minutes.append(i < c.stationMinutes.count ? c.stationMinutes[i] : 0) }
            stationStart.append(stations.count)
            for leg in c.route.legs {
                guard case .ride(let line, let links, _) = leg else { continue }
                for link in links {
                    let code = codes.linkCodes[link.index]
                    platforms.append(PlatformKey(station: codes.linkFrom[link.index], line: line.rawValue, code: code))
                    platforms.append(PlatformKey(station: codes.linkTo[link.index], line: line.rawValue, code: code))
                }
            }
            platformStart.append(platforms.count)
        }
        self.stationStart = stationStart
        self.stations = stations
        self.minutes = minutes
        self.platformStart = platformStart
        self.platforms = platforms
        self.changeStart = changeStart
        self.changes = changes
        cost = candidates.map(\.choiceCost)
        logShare = candidates.map { log($0.choiceShare) }
        initialWait = candidates.map(\.choiceWaitMinutes)
    }
}
