import ThrongCore

/// ``MacChangeJoiner`` for a stream: the same pairs, decided as soon as no journey that could
/// change the decision can still arrive.
///
/// The batch joiner goes through the journeys that end inside a station in (station, time,
/// content) order and gives each the earliest free journey starting inside the same station
/// within the window. Here, journeys arrive as their sessions close, and the engine says, per
/// station, up to which time every journey is known: the station's *frontier* (every journey
/// starting or ending inside it at or before that time has arrived: the earliest event at the
/// station of any open session, or the horizon). An end is decided once end + window ≤ its
/// station's frontier (every start it could take, and every earlier end at its station, has
/// arrived); a start nobody took is released once start + window ≤ its station's frontier (no
/// end that could still take it is undecided). Per station, so that one device whose session
/// stays open for hours (staff, a shop's tablet) holds back only the stations it is seen at.
/// The decisions are the batch joiner's, in its order, so a stream and a batch of the same
/// events join the same pairs (the live engine's batch-equivalence test checks it).
struct IncrementalJoiner {
    private struct Pending {
        var journey: ReconstructedJourney
        var isEnd: Bool
        var isStart: Bool
        var used = false
        /// The end's turn has come (joined, not joined, or skipped as already used).
        var decided = false
    }

    private var pending: [Pending] = []
    private(set) var joined = 0

    var count: Int { pending.count }

    /// The earliest time any pending journey covers (`.max`: none pending): the totals before it
    /// cannot change through the joiner (the retention window's seal, docs/live.md).
    var earliestTime: Int64 {
        pending.reduce(Int64.max) { low, p in min(low, p.journey.entryTime, p.journey.visits.first?.firstTime ?? .max) }
    }

    /// Adds journeys held back by a shard (ends or starts inside, ``JourneyReconstructor/heldForJoining(_:)``).
    mutating func add(_ journeys: [ReconstructedJourney], using reconstructor: JourneyReconstructor) {
        for j in journeys {
            pending.append(Pending(journey: j, isEnd: reconstructor.endsInside(j), isStart: reconstructor.startsInside(j)))
        }
    }

    /// Decides what the frontier allows, in the batch joiner's order (stations by index, ends
    /// in time order within a station); returns the journeys to aggregate (joined ones and the
    /// ones left as they were). `frontier[station]` is the station's frontier; an empty array
    /// decides everything (end of input).
    ///
    /// A journey can be both an end (at station X) and a start (at station W); the batch order
    /// then matters: the lower station's role goes first. So an end waits while a start it could
    /// take is an undecided end at a lower station, and while its own start role at a lower
    /// station is unresolved.
    mutating func decide(frontier: [Int64], window: Int64, using reconstructor: inout JourneyReconstructor) -> [ReconstructedJourney] {
        guard !pending.isEmpty else { return [] }
        // Content order without moving journeys while sorting; the ends and starts of the sorted
        // journeys as flat keys, so the searches below never copy a journey.
        let order = MacChangeJoiner.contentOrder(pending.map(\.journey))
        pending = order.map { pending[$0] }
        let endKeys = pending.indices.map { MacChangeJoiner.HalfKey(endOf: pending[$0].journey, rank: $0) }
        let startKeys = pending.indices.map { MacChangeJoiner.HalfKey(startOf: pending[$0].journey, rank: $0) }
        func endStation(_ i: Int) -> UInt16 { endKeys[i].station }
        func startStation(_ i: Int) -> UInt16 { startKeys[i].station }
        func endKey(_ i: Int) -> (UInt16, Int64) { (endKeys[i].station, endKeys[i].time) }
        func startKey(_ i: Int) -> (UInt16, Int64) { (startKeys[i].station, startKeys[i].time) }
        func due(_ time: Int64, at station: UInt16) -> Bool {
            guard !frontier.isEmpty else { return true }
            let f = frontier[Int(station)]
            return f == .max || time <= f - window
        }
        var ends = pending.indices.filter { pending[$0].isEnd }
        var starts = pending.indices.filter { pending[$0].isStart }
        ends.sort { endKeys[$0] < endKeys[$1] }
        starts.sort { startKeys[$0] < startKeys[$1] }
        /// Exit time of each station's first undecided end (none: .max), for stations done this round.
        var nextEnd: [UInt16: Int64] = [:]
        func startResolved(_ i: Int) -> Bool {
            let (w, t) = startKey(i)
            return due(t, at: w) && (nextEnd[w] ?? .max) > t
        }
        var release = [Bool](repeating: false, count: pending.count)
        var result: [ReconstructedJourney] = []
        var k0 = 0
        while k0 < ends.count {
            let station = endStation(ends[k0])
            var k1 = k0
            while k1 < ends.count && endStation(ends[k1]) == station { k1 += 1 }
            var blockedAt: Int64?
            for e in ends[k0..<k1] where !pending[e].decided {
                if pending[e].used { pending[e].decided = true; continue }   // taken as a start: the batch skips it
                let time = endKeys[e].time
                guard due(time, at: station) else { blockedAt = time; break }
                if pending[e].isStart, startStation(e) < station, !startResolved(e) { blockedAt = time; break }
                var low = 0, high = starts.count
                while low < high {
                    let mid = (low + high) / 2
                    if startKey(starts[mid]) < (station, time) { low = mid + 1 } else { high = mid }
                }
                var match: Int?
                var blocked = false
                var k = low
                while k < starts.count {
                    let s = starts[k]
                    let (st, t) = startKey(s)
                    guard st == station && t <= time + window else { break }
                    k += 1
                    guard !pending[s].used, s != e else { continue }
                    if pending[s].isEnd, endStation(s) < station, !pending[s].decided { blocked = true; break }
                    guard MacChangeJoiner.changesPlatform(pending[e].journey, pending[s].journey),
                          let journey = reconstructor.joined(pending[e].journey, pending[s].journey)
                    else { continue }
                    match = s
                    result.append(journey)
                    break
                }
                if blocked { blockedAt = time; break }
                pending[e].decided = true
                if let s = match {
                    pending[e].used = true
                    pending[s].used = true
                    release[e] = true
                    release[s] = true
                    joined += 1
                }
            }
            nextEnd[station] = blockedAt ?? ends[k0..<k1].first { !pending[$0].decided }.map { endKeys[$0].time } ?? .max
            k0 = k1
        }
        for i in pending.indices where !release[i] && !pending[i].used {
            let endDone = !pending[i].isEnd || pending[i].decided
            let startDone = !pending[i].isStart || startResolved(i)
            if endDone && startDone {
                release[i] = true
                result.append(pending[i].journey)
            }
        }
        pending = pending.indices.filter { !release[$0] }.map { pending[$0] }
        return result
    }
}
