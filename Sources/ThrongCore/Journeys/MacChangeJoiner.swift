/// Joins the two halves of journeys whose device changed its MAC address (its token) at a
/// change station: a journey that ends inside the station (``JourneyReconstructor/endsInside(_:)``)
/// and a journey of another token that starts inside the same station (``JourneyReconstructor/startsInside(_:)``)
/// within ``ReconstructionParameters/macChangeWindowMillis`` after it (docs/semantics.md, "MAC changes").
///
/// Runs once per batch over the journeys the workers held back, after every device has been
/// reconstructed, so pairs from two partitions meet. Pairing is greedy in time order per
/// station (each end takes the earliest free start in its window whose first platform is not
/// the end's last one), on journeys sorted by content, so the result depends on neither the
/// partitioning nor the worker count. Device keys are not used: the halves belong to two keys.
package struct MacChangeJoiner {
    /// The held journeys: every one of them is either one half of a joined journey or returned as it is.
    package var held: [ReconstructedJourney] = []

    package init() {}

    /// Adds another worker's held journeys.
    package mutating func merge(_ other: [ReconstructedJourney]) { held.append(contentsOf: other) }

    /// The journeys to aggregate (joined ones and the rest unchanged) and how many pairs were joined.
    package func join(using reconstructor: inout JourneyReconstructor, window: Int64) -> (journeys: [ReconstructedJourney], joined: Int) {
        let sorted = held.sorted(by: Self.precedes)
        var ends: [Int] = [], starts: [Int] = []
        for i in sorted.indices {
            if reconstructor.endsInside(sorted[i]) { ends.append(i) }
            if reconstructor.startsInside(sorted[i]) { starts.append(i) }
        }
        func endKey(_ i: Int) -> (UInt16, Int64) { (sorted[i].visits[sorted[i].visits.count - 1].station.rawValue, sorted[i].exitTime) }
        func startKey(_ i: Int) -> (UInt16, Int64) { (sorted[i].visits[0].station.rawValue, sorted[i].visits[0].firstTime) }
        ends.sort { (endKey($0).0, endKey($0).1, $0) < (endKey($1).0, endKey($1).1, $1) }
        starts.sort { (startKey($0).0, startKey($0).1, $0) < (startKey($1).0, startKey($1).1, $1) }
        var used = [Bool](repeating: false, count: sorted.count)
        var result: [ReconstructedJourney] = []
        var joined = 0
        var lower = 0
        for e in ends where !used[e] {
            let (station, time) = endKey(e)
            while lower < starts.count && startKey(starts[lower]) < (station, time) { lower += 1 }
            var k = lower
            while k < starts.count {
                let s = starts[k]
                let (st, t) = startKey(s)
                guard st == station && t <= time + window else { break }
                k += 1
                guard !used[s], s != e, Self.changesPlatform(sorted[e], sorted[s]),
                      let journey = reconstructor.joined(sorted[e], sorted[s])
                else { continue }
                used[e] = true
                used[s] = true
                result.append(journey)
                joined += 1
                break
            }
        }
        for i in sorted.indices where !used[i] { result.append(sorted[i]) }
        return (result, joined)
    }

    /// The second half does not start on the platform the first half's last visit was on
    /// (a change of line or direction, not the same train).
    package static func changesPlatform(_ a: ReconstructedJourney, _ b: ReconstructedJourney) -> Bool {
        guard let last = a.visits[a.visits.count - 1].platforms.last, let first = b.visits[0].platforms.first else { return true }
        return last.line != first.line || last.direction != first.direction
    }

    /// A total order on journey content (times, stations, visits), independent of devices.
    package static func precedes(_ a: ReconstructedJourney, _ b: ReconstructedJourney) -> Bool {
        if a.entryTime != b.entryTime { return a.entryTime < b.entryTime }
        if a.exitTime != b.exitTime { return a.exitTime < b.exitTime }
        if a.origin != b.origin { return a.origin.rawValue < b.origin.rawValue }
        if a.destination != b.destination { return a.destination.rawValue < b.destination.rawValue }
        if a.visits.count != b.visits.count { return a.visits.count < b.visits.count }
        for (x, y) in zip(a.visits, b.visits) {
            if x.station != y.station { return x.station.rawValue < y.station.rawValue }
            if x.firstTime != y.firstTime { return x.firstTime < y.firstTime }
            if x.lastTime != y.lastTime { return x.lastTime < y.lastTime }
            if x.areas != y.areas { return x.areas < y.areas }
            if x.pingCount != y.pingCount { return x.pingCount < y.pingCount }
        }
        return false
    }
}
