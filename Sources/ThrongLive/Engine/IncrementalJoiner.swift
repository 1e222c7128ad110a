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
///
/// Held journeys stay where they were put (a slot, reused once freed) until they are released,
/// so no journey is copied or moved per epoch; the ends and the starts are kept sorted as flat
/// slot lists, new ones merged in, so an epoch's work is a pass over trivially copyable keys
/// plus the decisions it makes.
struct IncrementalJoiner {
    /// A held journey's keys and the state of its two roles, by slot.
    private struct Entry {
        var endStation: UInt16 = 0
        var startStation: UInt16 = 0
        /// Exit time (the end's key) and first ping at the first station (the start's).
        var endTime: Int64 = 0
        var startTime: Int64 = 0
        /// The earliest time the journey covers.
        var earliest: Int64 = .max
        var isEnd = false
        var isStart = false
        /// Joined (both halves are released at the end of the round).
        var used = false
        /// The end's turn has come (joined, not joined, or skipped as already used).
        var decided = false
        /// The slot holds a pending journey.
        var occupied = false
    }

    /// By slot; a free slot holds ``vacant``. Not optional, so that the comparisons and joins
    /// below borrow the elements in place: unwrapping an optional element copied the journey
    /// (its visits and inference retained and released) for every candidate start looked at.
    private var journeys: [ReconstructedJourney] = []
    private static let vacant = ReconstructedJourney(
        origin: StationID(0), destination: StationID(0), entryTime: 0, exitTime: 0, visits: [],
        observedOrigin: false, observedDestination: false)
    private var entries: [Entry] = []
    private var freeSlots: [Int32] = []
    /// Slots of undecided ends in (station, exit time, content) order.
    private var ends: [Int32] = []
    /// Slots of unused starts in (station, first time, content) order.
    private var starts: [Int32] = []
    /// One more than the highest station index of any journey added.
    private var stationBound = 0
    private(set) var joined = 0
    /// Ends decided and journeys released by the last ``decide(frontier:window:budget:using:)``.
    private(set) var lastProgress = 0
    /// The last call stopped at its budget or deadline (more may be due).
    private(set) var lastCallBounded = false
    /// Journeys pending.
    private(set) var count = 0

    /// The earliest time `journey` covers: its entry or its first ping, whichever is first.
    static func earliestTime(of journey: ReconstructedJourney) -> Int64 { min(journey.entryTime, journey.visits[0].firstTime) }

    /// The earliest time any pending journey covers (`.max`: none pending): the totals before it
    /// cannot change through the joiner (the retention window's seal, docs/live.md).
    var earliestTime: Int64 {
        var low = Int64.max
        for e in entries where e.occupied && e.earliest < low { low = e.earliest }
        return low
    }

    /// Adds journeys held back by a shard (ends or starts inside, ``JourneyReconstructor/heldForJoining(_:)``).
    mutating func add(_ held: [ReconstructedJourney], using reconstructor: JourneyReconstructor) {
        guard !held.isEmpty else { return }
        var newEnds: [Int32] = [], newStarts: [Int32] = []
        for j in held {
            var e = Entry()
            e.isEnd = reconstructor.endsInside(j)
            e.isStart = reconstructor.startsInside(j)
            // The batch joiner's keys (rank unused: content breaks ties here, see precedes).
            let end = MacChangeJoiner.HalfKey(endOf: j, rank: 0), start = MacChangeJoiner.HalfKey(startOf: j, rank: 0)
            (e.endStation, e.endTime) = (end.station, end.time)
            (e.startStation, e.startTime) = (start.station, start.time)
            e.earliest = Self.earliestTime(of: j)
            e.occupied = true
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = Int(free)
                journeys[slot] = j
                entries[slot] = e
            } else {
                slot = journeys.count
                journeys.append(j)
                entries.append(e)
            }
            stationBound = max(stationBound, Int(max(e.endStation, e.startStation)) + 1)
            if e.isEnd { newEnds.append(Int32(slot)) }
            if e.isStart { newStarts.append(Int32(slot)) }
            count += 1
        }
        ends = merging(newEnds, into: ends, ends: true)
        starts = merging(newStarts, into: starts, ends: false)
    }

    /// (station, time, content) order of two slots' ends (or starts).
    private func precedes(_ a: Int32, _ b: Int32, ends: Bool) -> Bool {
        let x = entries[Int(a)], y = entries[Int(b)]
        let sx = ends ? x.endStation : x.startStation, sy = ends ? y.endStation : y.startStation
        if sx != sy { return sx < sy }
        let tx = ends ? x.endTime : x.startTime, ty = ends ? y.endTime : y.startTime
        if tx != ty { return tx < ty }
        return MacChangeJoiner.precedes(journeys[Int(a)], journeys[Int(b)])
    }

    /// `list` with `new` merged in, in ``precedes(_:_:ends:)`` order (equal ones: `list`'s first).
    private func merging(_ new: [Int32], into list: [Int32], ends: Bool) -> [Int32] {
        guard !new.isEmpty else { return list }
        let new = new.sorted { precedes($0, $1, ends: ends) }
        // Journeys arrive roughly in time order: most of the list comes before the first new one.
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if precedes(new[0], list[mid], ends: ends) { high = mid } else { low = mid + 1 }
        }
        var out: [Int32] = []
        out.reserveCapacity(list.count + new.count)
        out.append(contentsOf: list[..<low])
        var i = low, j = 0
        while i < list.count && j < new.count {
            if precedes(new[j], list[i], ends: ends) {
                out.append(new[j]); j += 1
            } else {
                out.append(list[i]); i += 1
            }
        }
        out.append(contentsOf: list[i...])
        out.append(contentsOf: new[j...])
        return out
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
    ///
    /// `budget` (ends searched) and `deadline` bound one call: once either is reached, the end
    /// whose turn it is and every station after it wait for the next call, as if blocked there.
    /// An end's search is never cut short and the first end always goes, so each call decides
    /// at least one end when any is due. (At the end of a day, when the staff's sessions close,
    /// a day's pending journeys become due at once: 10 s of joining in one epoch at pilot
    /// scale, without a bound.)
    mutating func decide(frontier: [Int64], window: Int64, budget: Int = .max, deadline: ContinuousClock.Instant? = nil,
                         using reconstructor: inout JourneyReconstructor) -> [ReconstructedJourney] {
        lastProgress = 0
        lastCallBounded = false
        guard count > 0 else { return [] }
        var searched = 0
        var spent = false
        func outOfTime() -> Bool {
            guard let deadline, searched % 16 == 0 else { return false }
            return ContinuousClock.now >= deadline
        }
        func due(_ time: Int64, at station: UInt16) -> Bool {
            guard !frontier.isEmpty else { return true }
            let f = frontier[Int(station)]
            return f == .max || time <= f - window
        }
        /// Per station done this round, the exit time of its first undecided end (none: .max).
        var nextEnd = [Int64](repeating: .max, count: stationBound)
        func startResolved(_ e: Entry) -> Bool {
            due(e.startTime, at: e.startStation) && nextEnd[Int(e.startStation)] > e.startTime
        }
        var result: [ReconstructedJourney] = []
        var k0 = 0
        while k0 < ends.count {
            let station = entries[Int(ends[k0])].endStation
            var k1 = k0
            while k1 < ends.count && entries[Int(ends[k1])].endStation == station { k1 += 1 }
            var blockedAt: Int64?
            for k in k0..<k1 where !spent {
                let e = Int(ends[k])
                guard !entries[e].decided else { continue }
                if entries[e].used { entries[e].decided = true; continue }   // taken as a start: the batch skips it
                let end = entries[e]
                let time = end.endTime
                guard due(time, at: station) else { blockedAt = time; break }
                if end.isStart, end.startStation < station, !startResolved(end) { blockedAt = time; break }
                if searched > 0 && (searched >= budget || outOfTime()) {
                    spent = true
                    lastCallBounded = true
                    blockedAt = time
                    break
                }
                searched += 1
                var low = 0, high = starts.count
                while low < high {
                    let mid = (low + high) / 2
                    let s = entries[Int(starts[mid])]
                    if s.startStation != station ? s.startStation < station : s.startTime < time { low = mid + 1 } else { high = mid }
                }
                var match: Int?
                var blocked = false
                var m = low
                while m < starts.count {
                    let s = Int(starts[m])
                    let start = entries[s]
                    guard start.startStation == station && start.startTime <= time + window else { break }
                    m += 1
                    guard !start.used, s != e else { continue }
                    if start.isEnd, start.endStation < station, !start.decided { blocked = true; break }
                    guard MacChangeJoiner.changesPlatform(journeys[e], journeys[s]),
                          let journey = reconstructor.joined(journeys[e], journeys[s])
                    else { continue }
                    match = s
                    result.append(journey)
                    break
                }
                if blocked { blockedAt = time; break }
                entries[e].decided = true
                lastProgress += 1
                if let s = match {
                    entries[e].used = true
                    entries[s].used = true
                    joined += 1
                }
            }
            var first = Int64.max
            if let blockedAt {
                first = blockedAt
            } else if let k = (k0..<k1).first(where: { !entries[Int(ends[$0])].decided }) {
                first = entries[Int(ends[k])].endTime
            }
            nextEnd[Int(station)] = first
            k0 = k1
        }
        for slot in entries.indices where entries[slot].occupied {
            let e = entries[slot]
            let done = e.used || ((!e.isEnd || e.decided) && (!e.isStart || startResolved(e)))
            guard done else { continue }
            var journey = Self.vacant
            swap(&journey, &journeys[slot])
            if !e.used { result.append(journey) }   // a joined half: its journey is in the result already
            entries[slot].occupied = false
            freeSlots.append(Int32(slot))
            count -= 1
            lastProgress += 1
        }
        ends.removeAll { entries[Int($0)].decided || !entries[Int($0)].occupied }
        starts.removeAll { !entries[Int($0)].occupied }
        return result
    }
}
