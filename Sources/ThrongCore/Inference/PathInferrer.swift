#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scores candidate routes against a journey's visits (see `docs/semantics.md`, "Path inference").
public struct PathInferrer: Sendable {
    /// The network.
    public let network: Network
    /// Likelihood and prior parameters.
    public let parameters: ReconstructionParameters

    /// Creates an inferrer.
    public init(network: Network, parameters: ReconstructionParameters = .default) {
        self.network = network
        self.parameters = parameters
    }

    /// The posterior over `candidates` (all from the first visit's station to the last's) given
    /// the visits; `nil` if there are no candidates or fewer than two visits.
    public func infer(visits: [Visit], candidates: [RouteCandidate], band: TimeBand) -> PathInference? {
        infer(visits: visits, candidates: candidates, stations: candidates.map(\.route.stations), band: band)
    }

    /// As ``infer(visits:candidates:band:)`` with each candidate's `route.stations` given.
    public func infer(visits: [Visit], candidates: [RouteCandidate], stations stationLists: [[StationID]], band: TimeBand) -> PathInference? {
        guard !candidates.isEmpty, visits.count >= 2, stationLists.count == candidates.count else { return nil }
        let p = parameters
        var bestCost = Double.infinity
        for c in candidates { bestCost = min(bestCost, c.cost.generalisedCost) }
        var logPosterior = [Double](repeating: 0, count: candidates.count)
        var unmatched = [Int](repeating: 0, count: candidates.count)
        for (c, candidate) in candidates.enumerated() {
            var logL = -p.costSensitivity * (candidate.cost.generalisedCost - bestCost)
            let stations = stationLists[c]
            var prevPos = -1
            var prevAnchor = 0.0
            for (k, v) in visits.enumerated() {
                var pos = -1
                if k == 0 {
                    pos = stations[0] == v.station ? 0 : -1
                } else if k == visits.count - 1 {
                    pos = stations[stations.count - 1] == v.station && stations.count - 1 > prevPos ? stations.count - 1 : -1
                } else {
                    var j = prevPos + 1
                    while j < stations.count - 1 {
                        if stations[j] == v.station { pos = j; break }
                        j += 1
                    }
                }
                guard pos >= 0 else {
                    logL += log(p.missingStationLikelihood)
                    unmatched[c] += 1
                    continue
                }
                for s in v.platforms { logL += platformLogLikelihood(s, at: v.station, route: candidate.route) }
                // Timing anchors: train departure from the origin, train arrival elsewhere.
                var anchor: Double
                if k == 0 {
                    anchor = Double(v.lastTime) / 60_000
                    if v.lastArea != .platform { anchor += p.accessMinutes + candidate.cost.initialWaitMinutes }
                } else {
                    anchor = Double(v.firstTime) / 60_000
                }
                if prevPos >= 0 {
                    let expected = candidate.stationMinutes[pos] - candidate.stationMinutes[prevPos]
                    let observed = anchor - prevAnchor
                    let sigma = p.timingSigmaMinutes + p.timingSigmaRelative * max(expected, 0)
                    let z = (observed - expected) / sigma
                    logL += -0.5 * z * z - log(sigma)
                }
                prevPos = pos
                prevAnchor = anchor
            }
            logPosterior[c] = logL
        }
        let maxLog = logPosterior.max()!
        var posterior = logPosterior.map { exp($0 - maxLog) }
        let total = posterior.reduce(0, +)
        var chosen = 0
        for i in posterior.indices {
            posterior[i] /= total
            if posterior[i] > posterior[chosen] { chosen = i }
        }
        return PathInference(candidates: candidates, posterior: posterior, chosenIndex: chosen, unmatchedStations: unmatched[chosen], band: band)
    }

    /// 0 if the route rides the sighting's line through `station` in its direction; log of
    /// `wrongDirectionLikelihood` if only the line matches; log of `wrongLineLikelihood` otherwise.
    func platformLogLikelihood(_ s: PlatformSighting, at station: StationID, route: Route) -> Double {
        var lineSeen = false
        for leg in route.legs {
            guard case .ride(let line, let links, _) = leg, line == s.line else { continue }
            for id in links {
                let link = network.links[id.index]
                guard link.from == station || link.to == station else { continue }
                lineSeen = true
                guard let d = s.direction else { return 0 }
                if link.direction == d || link.direction.uppercased() == d.uppercased() { return 0 }
            }
        }
        return log(lineSeen ? parameters.wrongDirectionLikelihood : parameters.wrongLineLikelihood)
    }
}
