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
    /// Per link: its end stations, direction code and the code in upper case, precomputed so
    /// scoring a platform sighting neither copies a ``Link`` nor upper-cases its direction.
    private let linkFrom: [StationID]
    private let linkTo: [StationID]
    private let linkDirection: [String]
    private let linkDirectionUpper: [String]
    /// Per access point: its direction text (a sighting's direction).
    private let apDirection: [String?]

    /// Creates an inferrer.
    public init(network: Network, parameters: ReconstructionParameters = .default) {
        self.network = network
        self.parameters = parameters
        linkFrom = network.links.map(\.from)
        linkTo = network.links.map(\.to)
        linkDirection = network.links.map(\.direction)
        linkDirectionUpper = network.links.map { $0.direction.uppercased() }
        apDirection = network.accessPoints.map(\.direction)
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
        for c in candidates.indices { bestCost = min(bestCost, candidates[c].choiceCost) }
        var logPosterior = [Double](repeating: 0, count: candidates.count)
        var unmatched = [Int](repeating: 0, count: candidates.count)
        // Candidates and visits are read by index (borrowed), not copied per iteration.
        for c in candidates.indices {
            var logL = -p.costSensitivity * (candidates[c].choiceCost - bestCost) + log(candidates[c].choiceShare)
            let stations = stationLists[c]
            var changes: [StationID]? = nil
            var prevPos = -1
            var prevAnchor = 0.0
            for k in visits.indices {
                var pos = -1
                if k == 0 {
                    pos = stations[0] == visits[k].station ? 0 : -1
                } else if k == visits.count - 1 {
                    pos = stations[stations.count - 1] == visits[k].station && stations.count - 1 > prevPos ? stations.count - 1 : -1
                } else {
                    var j = prevPos + 1
                    while j < stations.count - 1 {
                        if stations[j] == visits[k].station { pos = j; break }
                        j += 1
                    }
                }
                guard pos >= 0 else {
                    logL += log(p.missingStationLikelihood)
                    unmatched[c] += 1
                    continue
                }
                for s in visits[k].platforms { logL += platformLogLikelihood(s, at: visits[k].station, route: candidates[c].route) }
                if k > 0 && k < visits.count - 1 && visits[k].saw(.corridor) {
                    if changes == nil { changes = candidates[c].route.interchangeStations }
                    if !changes!.contains(visits[k].station) { logL += log(p.corridorWithoutChangeLikelihood) }
                }
                let anchor = anchorMinutes(visits[k], first: k == 0, initialWait: candidates[c].choiceWaitMinutes)
                if prevPos >= 0 {
                    logL += timingLogLikelihood(observed: anchor - prevAnchor,
                                                expected: candidates[c].stationMinutes[pos] - candidates[c].stationMinutes[prevPos])
                }
                prevPos = pos
                prevAnchor = anchor
            }
            logPosterior[c] = logL
        }
        var posterior = logPosterior
        let chosen = Self.normalise(&posterior)
        return PathInference(candidates: candidates, posterior: posterior, chosenIndex: chosen, unmatchedStations: unmatched[chosen], band: band)
    }

    /// Timing anchor of a visit, in minutes: the train's departure from the origin (the first
    /// visit's last ping, plus access and the initial wait unless that ping was on a platform),
    /// the train's arrival elsewhere (the visit's first ping).
    @inline(__always)
    func anchorMinutes(_ v: Visit, first: Bool, initialWait: Double) -> Double {
        guard first else { return Double(v.firstTime) / 60_000 }
        var anchor = Double(v.lastTime) / 60_000
        if v.lastArea != .platform { anchor += parameters.accessMinutes + initialWait }
        return anchor
    }

    /// Log-likelihood of an observed time between two anchors given the route's expected time.
    @inline(__always)
    func timingLogLikelihood(observed: Double, expected: Double) -> Double {
        let sigma = parameters.timingSigmaMinutes + parameters.timingSigmaRelative * max(expected, 0)
        let z = (observed - expected) / sigma
        return -0.5 * z * z - log(sigma)
    }

    /// Turns log posteriors into posteriors in place (shifted by the maximum, exponentiated,
    /// normalised) and returns the index of the largest (the first, on ties).
    static func normalise(_ posterior: inout [Double]) -> Int {
        let maxLog = posterior.max()!
        for i in posterior.indices { posterior[i] = exp(posterior[i] - maxLog) }
        let total = posterior.reduce(0, +)
        var chosen = 0
        for i in posterior.indices {
            posterior[i] /= total
            if posterior[i] > posterior[chosen] { chosen = i }
        }
        return chosen
    }

    /// 0 if the route rides the sighting's line through `station` in its direction; log of
    /// `wrongDirectionLikelihood` if only the line matches; log of `wrongLineLikelihood` otherwise.
    func platformLogLikelihood(_ s: PlatformSighting, at station: StationID, route: Route) -> Double {
        var lineSeen = false
        for leg in route.legs {
            guard case .ride(let line, let links, _) = leg, line == s.line else { continue }
            for id in links {
                let l = id.index
                guard linkFrom[l] == station || linkTo[l] == station else { continue }
                lineSeen = true
                guard s.accessPoint.index < apDirection.count, let d = apDirection[s.accessPoint.index] else { return 0 }
                if linkDirection[l] == d || linkDirectionUpper[l] == d.uppercased() { return 0 }
            }
        }
        return log(lineSeen ? parameters.wrongDirectionLikelihood : parameters.wrongLineLikelihood)
    }
}
