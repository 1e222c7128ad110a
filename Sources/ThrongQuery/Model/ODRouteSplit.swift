public import ThrongCore

/// The observed split of an origin–destination pair's journeys over routes.
public struct ODRouteSplit: Hashable, Sendable {
    /// One route.
    public struct Route: Hashable, Sendable {
        /// The route's name, e.g. `Victoria > Green Park > Jubilee`.
        public var name: String
        /// Stations and lines, `NAPTAN>Line>NAPTAN>…` (``PlannedRoute/init(path:in:)`` reads it).
        public var path: String
        /// Expected journeys summed over the published days (nil when every day was suppressed).
        public var expectedJourneys: Double?
        /// Share of the published journeys of the pair, 0…1.
        public var share: Double?
        /// Days on which this route's cell was withheld by disclosure control.
        public var suppressedDays: Int
    }

    /// Where the journeys began.
    public var origin: StationID
    /// Where they ended.
    public var destination: StationID
    /// Routes, most used first.
    public var routes: [Route]
    /// Service days with any route row for the pair.
    public var days: Int
    /// Cells withheld by disclosure control. When non-zero the shares are shares of the
    /// published journeys only, and the suppressed journeys (fewer than k on each such day, or
    /// protecting one that was) are not in them.
    public var suppressedCells: Int
}
