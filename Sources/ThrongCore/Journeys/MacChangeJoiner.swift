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

    /// Which held journeys join (pairs of indices into ``held``: first half, second half) and
    /// which stay as they are (indices, in content order). Pairing only tests pairs
    /// (``JourneyReconstructor/canJoin(_:_:)``); building each joined journey
    /// (``JourneyReconstructor/makeJoined(_:_:)``, which infers its path) is left to the caller,
    /// so it can run on several workers.
    ///
    /// Works on flat keys (ranks in content order, station and time of each end and start), so
    /// sorting and pairing never copy a journey.
    package func pair(using reconstructor: JourneyReconstructor, window: Int64) -> (pairs: [(first: Int, second: Int)], unpaired: [Int]) {
        let order = Self.contentOrder(held)
        // Through a buffer pointer: reading a journey (to test it or key it) borrows it instead
        // of copying it (an array subscript copies the journey and retains its arrays).
        return held.withUnsafeBufferPointer { held in
            var ends: [HalfKey] = [], starts: [HalfKey] = []
            // Per rank, what the pairing loop tests (platforms, far ends), read once here so
            // that trying a pair touches flat arrays, not the journeys' visits.
            var sides = [PairSide](repeating: PairSide(), count: order.count)
            func platform(_ sighting: PlatformSighting?) -> PairSide.Platform {
                guard let sighting else { return PairSide.Platform() }
                return PairSide.Platform(line: sighting.line, direction: sighting.directionKey == 0 ? -1 : Int32(sighting.directionKey))
            }
            for rank in order.indices {
                let i = order[rank]
                if reconstructor.endsInside(held[i]) {
                    ends.append(HalfKey(endOf: held[i], rank: rank))
                    sides[rank].origin = held[i].origin.rawValue
                    sides[rank].lastPlatform = platform(held[i].visits[held[i].visits.count - 1].platforms.last)
                }
                if reconstructor.startsInside(held[i]) {
                    starts.append(HalfKey(startOf: held[i], rank: rank))
                    sides[rank].destination = held[i].destination.rawValue
                    sides[rank].firstPlatform = platform(held[i].visits[0].platforms.first)
                }
            }
            ends.sort()
            starts.sort()
            var used = [Bool](repeating: false, count: order.count)
            var pairs: [(first: Int, second: Int)] = []
            var lower = 0
            for e in ends where !used[Int(e.rank)] {
                while lower < starts.count && starts[lower].precedes(station: e.station, time: e.time) { lower += 1 }
                var k = lower
                let end = sides[Int(e.rank)]
                while k < starts.count {
                    let s = starts[k]
                    guard s.station == e.station && s.time <= e.time + window else { break }
                    k += 1
                    let start = sides[Int(s.rank)]
                    // changesPlatform(_:_:) and canJoin(_:_:) of the two journeys, from the flat sides.
                    guard !used[Int(s.rank)], s.rank != e.rank, end.lastPlatform.differs(from: start.firstPlatform),
                          reconstructor.canJoin(origin: StationID(end.origin), change: StationID(e.station), destination: StationID(start.destination))
                    else { continue }
                    used[Int(e.rank)] = true
                    used[Int(s.rank)] = true
                    pairs.append((order[Int(e.rank)], order[Int(s.rank)]))
                    break
                }
            }
            var unpaired: [Int] = []
            unpaired.reserveCapacity(order.count - 2 * pairs.count)
            for rank in order.indices where !used[rank] { unpaired.append(order[rank]) }
            return (pairs, unpaired)
        }
    }

    /// What pairing tests of a held journey besides its ``HalfKey``: as an end, its origin and
    /// the platform of its last visit's last sighting; as a start, its destination and the
    /// platform of its first visit's first sighting (directions interned exactly as spelled,
    /// as ``changesPlatform(_:_:)`` compares them).
    private struct PairSide {
        struct Platform {
            /// 0: no sighting; else the line's raw id + 1.
            var line: UInt16 = 0
            /// Interned direction, -1 for none.
            var direction: Int32 = -1

            /// No sighting.
            init() {}
            init(line: LineID, direction: Int32) {
                self.line = UInt16(line.rawValue) + 1
                self.direction = direction
            }

            /// ``changesPlatform(_:_:)``: true when either has no sighting.
            @inline(__always) func differs(from other: Platform) -> Bool {
                line == 0 || other.line == 0 || line != other.line || direction != other.direction
            }
        }
        var origin: UInt16 = 0
        var destination: UInt16 = 0
        var lastPlatform = Platform()
        var firstPlatform = Platform()
    }

    /// Where and when a held journey ends or starts inside a station, with its rank in content
    /// order: sorted by (station, time, rank), the order in which the joiner decides.
    package struct HalfKey: Comparable, Sendable {
        package var station: UInt16
        package var time: Int64
        package var rank: Int32

        package init(station: UInt16, time: Int64, rank: Int32) {
            self.station = station
            self.time = time
            self.rank = rank
        }

        /// The end of `journey`: its last station and exit time.
        package init(endOf journey: ReconstructedJourney, rank: Int) {
            station = journey.visits[journey.visits.count - 1].station.rawValue
            time = journey.exitTime
            self.rank = Int32(rank)
        }

        /// The start of `journey`: its first station and first ping there.
        package init(startOf journey: ReconstructedJourney, rank: Int) {
            station = journey.visits[0].station.rawValue
            time = journey.visits[0].firstTime
            self.rank = Int32(rank)
        }

        /// Before (`station`, `time`) in (station, time) order.
        @inline(__always)
        package func precedes(station: UInt16, time: Int64) -> Bool {
            self.station != station ? self.station < station : self.time < time
        }

        package static func < (a: Self, b: Self) -> Bool {
            if a.station != b.station { return a.station < b.station }
            if a.time != b.time { return a.time < b.time }
            return a.rank < b.rank
        }
    }

    /// The indices of `journeys` in ``precedes(_:_:)`` order, equal journeys in their given
    /// order (what a stable sort by `precedes` gives), without moving or copying a journey:
    /// the scalar fields are compared as flat keys, the visits only on a tie.
    package static func contentOrder(_ journeys: [ReconstructedJourney]) -> [Int] {
        journeys.withUnsafeBufferPointer { js in
            var keys = js.indices.map { (key: ContentKey(js[$0]), index: $0) }
            keys.sort { a, b in
                a.key.precedes(b.key) ?? visitsPrecede(js[a.index].visits, js[b.index].visits) ?? (a.index < b.index)
            }
            return keys.map(\.index)
        }
    }

    /// What ``precedes(_:_:)`` compares before the visits, as a trivially copyable value.
    private struct ContentKey {
        var entry: Int64, exit: Int64
        var origin: UInt16, destination: UInt16
        var visits: Int

        init(_ journey: borrowing ReconstructedJourney) {
            entry = journey.entryTime
            exit = journey.exitTime
            origin = journey.origin.rawValue
            destination = journey.destination.rawValue
            visits = journey.visits.count
        }

        /// Whether `self` comes first; `nil` when every field is equal.
        @inline(__always)
        func precedes(_ other: Self) -> Bool? {
            if entry != other.entry { return entry < other.entry }
            if exit != other.exit { return exit < other.exit }
            if origin != other.origin { return origin < other.origin }
            if destination != other.destination { return destination < other.destination }
            if visits != other.visits { return visits < other.visits }
            return nil
        }
    }

    /// The visit comparison of ``precedes(_:_:)``: `nil` when it finds no difference.
    private static func visitsPrecede(_ a: [Visit], _ b: [Visit]) -> Bool? {
        for k in 0..<min(a.count, b.count) {
            if a[k].station != b[k].station { return a[k].station.rawValue < b[k].station.rawValue }
            if a[k].firstTime != b[k].firstTime { return a[k].firstTime < b[k].firstTime }
            if a[k].lastTime != b[k].lastTime { return a[k].lastTime < b[k].lastTime }
            if a[k].areas != b[k].areas { return a[k].areas < b[k].areas }
            if a[k].pingCount != b[k].pingCount { return a[k].pingCount < b[k].pingCount }
        }
        return nil
    }

    /// The second half does not start on the platform the first half's last visit was on
    /// (a change of line or direction, not the same train).
    package static func changesPlatform(_ a: ReconstructedJourney, _ b: ReconstructedJourney) -> Bool {
        guard let last = a.visits[a.visits.count - 1].platforms.last, let first = b.visits[0].platforms.first else { return true }
        return last.line != first.line || last.directionKey != first.directionKey
    }

    /// A total order on journey content (times, stations, visits), independent of devices.
    package static func precedes(_ a: ReconstructedJourney, _ b: ReconstructedJourney) -> Bool {
        ContentKey(a).precedes(ContentKey(b)) ?? visitsPrecede(a.visits, b.visits) ?? false
    }
}
