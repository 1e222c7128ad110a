#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PathInferrer {
    /// ``infer(visits:candidates:stations:band:)`` over a cached route set's flat tables: the
    /// same arithmetic in the same order (so the same posterior to the last bit), reading
    /// integers and doubles instead of retaining each candidate's legs and arrays per sighting.
    /// Falls back to the general path for sets without tables or sightings without codes.
    package func infer(visits: [Visit], set: RouteSet, band: TimeBand) -> PathInference? {
        guard let t = set.inference,
              !visits.contains(where: { $0.platforms.contains { $0.directionCode == DirectionCodes.unresolved } })
        else { return infer(visits: visits, candidates: set.candidates, stations: set.stations, band: band) }
        let candidates = set.candidates
        guard !candidates.isEmpty, visits.count >= 2 else { return nil }
        let p = parameters
        let logMissing = log(p.missingStationLikelihood)
        let logWrongDirection = log(p.wrongDirectionLikelihood)
        let logWrongLine = log(p.wrongLineLikelihood)
        let logCorridorWithoutChange = log(p.corridorWithoutChangeLikelihood)
        var bestCost = Double.infinity
        for c in candidates.indices { bestCost = min(bestCost, t.cost[c]) }
        // The log posteriors are written straight into the result's array (the one allocation
        // a journey keeps); the unmatched counts live on the stack.
        var posterior = [Double](repeating: 0, count: candidates.count)
        var chosenUnmatched = 0
        var chosen = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: candidates.count) { unmatched in
        unmatched.initialize(repeating: 0)
        posterior.withUnsafeMutableBufferPointer { logPosterior in
        t.stations.withUnsafeBufferPointer { allStations in
        t.minutes.withUnsafeBufferPointer { allMinutes in
        t.platforms.withUnsafeBufferPointer { allKeys in
        t.changes.withUnsafeBufferPointer { allChanges in
            for c in candidates.indices {
                var logL = -p.costSensitivity * (t.cost[c] - bestCost) + t.logShare[c]
                let changes = UnsafeBufferPointer(rebasing: allChanges[t.changeStart[c]..<t.changeStart[c + 1]])
                let s0 = t.stationStart[c], count = t.stationStart[c + 1] - s0
                let keys = UnsafeBufferPointer(rebasing: allKeys[t.platformStart[c]..<t.platformStart[c + 1]])
                var prevPos = -1
                var prevAnchor = 0.0
                for k in visits.indices {
                    let station = visits[k].station.rawValue
                    var pos = -1
                    if k == 0 {
                        pos = allStations[s0] == station ? 0 : -1
                    } else if k == visits.count - 1 {
                        pos = allStations[s0 + count - 1] == station && count - 1 > prevPos ? count - 1 : -1
                    } else {
                        var j = prevPos + 1
                        while j < count - 1 {
                            if allStations[s0 + j] == station { pos = j; break }
                            j += 1
                        }
                    }
                    guard pos >= 0 else {
                        logL += logMissing
                        unmatched[c] += 1
                        continue
                    }
                    for s in visits[k].platforms {
                        logL += Self.platformLogLikelihood(line: s.line.rawValue, code: s.directionCode, at: station, keys: keys,
                                                           wrongDirection: logWrongDirection, wrongLine: logWrongLine)
                    }
                    if k > 0 && k < visits.count - 1 && visits[k].saw(.corridor) && !changes.contains(station) {
                        logL += logCorridorWithoutChange
                    }
                    let anchor = anchorMinutes(visits[k], first: k == 0, initialWait: t.initialWait[c])
                    if prevPos >= 0 {
                        logL += timingLogLikelihood(observed: anchor - prevAnchor, expected: allMinutes[s0 + pos] - allMinutes[s0 + prevPos])
                    }
                    prevPos = pos
                    prevAnchor = anchor
                }
                logPosterior[c] = logL
            }
        }
        }
        }
        }
        }
        chosen = Self.normalise(&posterior)
        chosenUnmatched = unmatched[chosen]
        }
        var result = PathInference(candidates: candidates, posterior: posterior, chosenIndex: chosen, unmatchedStations: chosenUnmatched, band: band)
        result.routeIDs = set.routeIDs
        return result
    }

    /// As ``platformLogLikelihood(_:at:route:)`` over a candidate's platform keys.
    @inline(__always)
    static func platformLogLikelihood(line: UInt8, code: UInt8, at station: UInt16, keys: UnsafeBufferPointer<InferenceTables.PlatformKey>,
                                      wrongDirection: Double, wrongLine: Double) -> Double {
        var lineSeen = false
        for key in keys where key.line == line && key.station == station {
            lineSeen = true
            if code == DirectionCodes.none || key.code == code { return 0 }
        }
        return lineSeen ? wrongDirection : wrongLine
    }
}
