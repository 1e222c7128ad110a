import ThrongCore

/// ``MacChangeJoiner`` for a stream: the same pairs, decided as soon as no journey that could
/// change the decision can still arrive.
///
/// The batch joiner goes through the journeys that end inside a station in (station, time,
/// content) order and gives each the earliest free journey starting inside the same station
/// within the window. Here, journeys arrive as their sessions close, and the engine says up
/// to which time every journey is known: the *frontier* (every journey starting at or before
/// it has arrived). An end is decided once end + window ≤ frontier (every start it could take,
/// and every earlier end at its station, has arrived); a start nobody took is released once
/// start + window ≤ frontier (no end that could still take it is undecided). The decisions are
/// the batch joiner's, in its order, so a stream and a batch of the same events join the same
/// pairs (the live engine's batch-equivalence test checks it).
struct IncrementalJoiner {
    private struct Pending {
        var journey: ReconstructedJourney
        var isEnd: Bool
        var isStart: Bool
        var used = false
    }

    private var pending: [Pending] = []
    private(set) var joined = 0

    var count: Int { pending.count }

    /// Adds journeys held back by a shard (ends or starts inside, ``JourneyReconstructor/heldForJoining(_:)``).
    mutating func add(_ journeys: [ReconstructedJourney], using reconstructor: JourneyReconstructor) {
        for j in journeys {
            pending.append(Pending(journey: j, isEnd: reconstructor.endsInside(j), isStart: reconstructor.startsInside(j)))
        }
    }

    /// Decides what the frontier allows; returns the journeys to aggregate (joined ones and the
    /// ones left as they were). `frontier == .max` decides everything (end of input).
    mutating func decide(frontier: Int64, window: Int64, using reconstructor: inout JourneyReconstructor) -> [ReconstructedJourney] {
        guard !pending.isEmpty else { return [] }
        // The batch joiner's order: content order first, then (station, time, position).
        pending.sort { MacChangeJoiner.precedes($0.journey, $1.journey) }
        func endKey(_ i: Int) -> (UInt16, Int64) { (pending[i].journey.visits[pending[i].journey.visits.count - 1].station.rawValue, pending[i].journey.exitTime) }
        func startKey(_ i: Int) -> (UInt16, Int64) { (pending[i].journey.visits[0].station.rawValue, pending[i].journey.visits[0].firstTime) }
        func due(_ time: Int64) -> Bool { frontier == .max || time <= frontier - window }
        var ends = pending.indices.filter { pending[$0].isEnd }
        var starts = pending.indices.filter { pending[$0].isStart }
        ends.sort { (endKey($0).0, endKey($0).1, $0) < (endKey($1).0, endKey($1).1, $1) }
        starts.sort { (startKey($0).0, startKey($0).1, $0) < (startKey($1).0, startKey($1).1, $1) }
        var release = [Bool](repeating: false, count: pending.count)
        var result: [ReconstructedJourney] = []
        for e in ends where !pending[e].used {
            let (station, time) = endKey(e)
            guard due(time) else { continue }   // later ends of this station are not due either
            var k = starts.firstIndex { startKey($0) >= (station, time) } ?? starts.count
            while k < starts.count {
                let s = starts[k]
                let (st, t) = startKey(s)
                guard st == station && t <= time + window else { break }
                k += 1
                guard !pending[s].used, s != e, MacChangeJoiner.changesPlatform(pending[e].journey, pending[s].journey),
                      let journey = reconstructor.joined(pending[e].journey, pending[s].journey)
                else { continue }
                pending[e].used = true
                pending[s].used = true
                release[e] = true
                release[s] = true
                result.append(journey)
                joined += 1
                break
            }
            if !pending[e].used {
                // Decided, not joined: as it is, unless it is also a start someone may still take.
                if !pending[e].isStart || due(startKey(e).1) {
                    release[e] = true
                    result.append(pending[e].journey)
                    pending[e].used = true
                }
            }
        }
        for s in starts where !pending[s].used && !release[s] && due(startKey(s).1) && (!pending[s].isEnd) {
            release[s] = true
            result.append(pending[s].journey)
        }
        pending = pending.indices.filter { !release[$0] }.map { pending[$0] }
        return result
    }
}
