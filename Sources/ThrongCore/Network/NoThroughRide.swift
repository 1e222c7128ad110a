/// A through movement no train runs: a train of ``line`` arriving at ``via`` from ``from``
/// does not continue to ``to`` (listed in `no_through_rides.csv`, see `docs/formats.md`).
///
/// The line-expanded route graph (`docs/routing.md`) already makes reversing a change of
/// train; restrictions cover junctions where the direction codes cannot tell branches apart,
/// such as the Northern line at Euston, where the Charing Cross and Bank branches have
/// separate platforms and do not connect (they meet at Camden Town and Kennington): riding
/// Mornington Crescent → Euston → King's Cross St Pancras needs a change of train.
public struct NoThroughRide: Hashable, Sendable {
    /// The line.
    public var line: LineID
    /// The station the train comes from (the arriving link's start).
    public var from: StationID
    /// The station where the train does not continue as listed.
    public var via: StationID
    /// The station the train does not continue to (the departing link's end).
    public var to: StationID

    /// Creates a restriction.
    public init(line: LineID, from: StationID, via: StationID, to: StationID) {
        self.line = line
        self.from = from
        self.via = via
        self.to = to
    }

    /// The restrictions implied by `links` listed as train runs: each link that continues a
    /// run is listed right after the link it continues (same line and direction, its start
    /// the previous link's end), as TfL's train loading data lists each line's branches.
    /// At a station where a line's arriving link continues a run and a departing link of the
    /// same line and direction continues another, no train runs from the one onto the other;
    /// where a run ends or starts (a junction's branch), every continuation is allowed.
    /// Reversals are left to the direction codes.
    public static func implied(byRunsOf links: [Link]) -> [NoThroughRide] {
        var next = [Int?](repeating: nil, count: links.count)
        var previous = [Int?](repeating: nil, count: links.count)
        for i in links.indices.dropLast() {
            let a = links[i], b = links[i + 1]
            if a.line == b.line && a.direction == b.direction && a.to == b.from {
                next[i] = i + 1
                previous[i + 1] = i
            }
        }
        var result: [NoThroughRide] = []
        var seen: Set<NoThroughRide> = []
        for (i, a) in links.enumerated() {
            guard let continuation = next[i] else { continue }
            for (j, b) in links.enumerated() where j != continuation && b.from == a.to && b.line == a.line
                && b.direction == a.direction && b.to != a.from && previous[j] != nil {
                let r = NoThroughRide(line: a.line, from: a.from, via: a.to, to: b.to)
                if seen.insert(r).inserted { result.append(r) }
            }
        }
        return result
    }
}
