import Testing
@testable import ThrongCore

/// The joiner sorts keys, not journeys: its order must be exactly a stable sort by
/// `MacChangeJoiner.precedes`, which fixes which pairs are joined (and so the output).
@Suite("MAC-change joiner order")
struct MacChangeJoinerOrderTests {
    /// Journeys drawn from a small space of times, stations and visit shapes, so that ties on
    /// every scalar field (and on the visits too) are common.
    static func journeys(count: Int, seed: UInt64) -> [ReconstructedJourney] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            let visits = (0..<(2 + next(2))).map { _ in
                Visit(station: StationID(UInt16(next(2))), firstTime: Int64(next(2)), lastTime: 3,
                      areas: UInt8(1 << (2 + next(2))), firstArea: .platform, lastArea: .platform, walkedOut: false,
                      platforms: [], pingCount: 1 + next(2), kind: .isolated)
            }
            return ReconstructedJourney(
                origin: StationID(UInt16(next(2))), destination: StationID(UInt16(next(2))),
                entryTime: Int64(next(2)), exitTime: Int64(next(2)), visits: visits,
                observedOrigin: next(2) == 0, observedDestination: next(2) == 0)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func contentOrderIsAStableSortByPrecedes(seed: UInt64) {
        let journeys = Self.journeys(count: 400, seed: seed)
        let expected = Array(journeys.indices).sorted { a, b in
            if MacChangeJoiner.precedes(journeys[a], journeys[b]) { return true }
            if MacChangeJoiner.precedes(journeys[b], journeys[a]) { return false }
            return a < b
        }
        #expect(MacChangeJoiner.contentOrder(journeys) == expected)
        // The draw does produce full ties (equal content), so the tie rule is exercised.
        let ties = zip(expected, expected.dropFirst()).filter {
            !MacChangeJoiner.precedes(journeys[$0.0], journeys[$0.1]) && !MacChangeJoiner.precedes(journeys[$0.1], journeys[$0.0])
        }
        #expect(!ties.isEmpty)
    }

    @Test func halfKeysOrderByStationThenTimeThenRank() {
        let a = MacChangeJoiner.HalfKey(station: 2, time: 5, rank: 9)
        let b = MacChangeJoiner.HalfKey(station: 2, time: 5, rank: 10)
        let c = MacChangeJoiner.HalfKey(station: 2, time: 6, rank: 0)
        let d = MacChangeJoiner.HalfKey(station: 3, time: 0, rank: 0)
        #expect([d, c, b, a].sorted() == [a, b, c, d])
        #expect(a.precedes(station: 2, time: 6) && !a.precedes(station: 2, time: 5) && a.precedes(station: 3, time: 0))
    }
}
