/// Everything a batch run publishes: the aggregate tables after disclosure control, the
/// run's parameters, its input manifest and its data-quality figures.
///
/// Rows are sorted by their keys, so two runs over the same events produce equal values
/// (and byte-identical stores) whatever the file order or the number of workers.
/// Counts that come from path inference (link loads, route splits, interchange flows)
/// are expected values: sums of posterior route probabilities, kept in fixed point
/// (``FixedCount``) so that sums do not depend on the order of addition.
public struct CrowdingSnapshot: Sendable {
    /// The schema version of this value and of the store written from it.
    public static let schemaVersion = 1

    /// Bin width, in milliseconds.
    public var binMillis: Int64
    /// Cells with a count below this are suppressed (see `docs/semantics.md`).
    public var disclosureThreshold: Int

    /// Per station and bin: occupancy, entries, exits, interchanges, pass-throughs.
    public var stationBins: [StationBinRow]
    /// Per day: origin–destination journey counts.
    public var originDestination: [ODRow]
    /// Per day and OD pair: expected journeys per named route.
    public var routeSplits: [RouteSplitRow]
    /// Per bin and directed link: expected devices traversing it.
    public var linkLoads: [LinkLoadRow]
    /// Per bin, station and line pair: expected devices changing lines.
    public var interchangeFlows: [InterchangeFlowRow]
    /// Dwell, interchange and journey time distributions.
    public var distributions: [DistributionRow]
    /// Events per station and hour (data quality; not a count of people).
    public var eventsPerStationHour: [StationHourEventsRow]
    /// Passenger estimates per station and day (expansion of device counts).
    public var passengerEstimates: [PassengerEstimateRow]
    /// Totals and figures about the run.
    public var quality: QualitySummary
    /// The noise of a differentially private release; `nil` for an exact one.
    public var privacy: PrivacyRelease? = nil

    /// Creates a snapshot.
    public init(
        binMillis: Int64, disclosureThreshold: Int, stationBins: [StationBinRow], originDestination: [ODRow],
        routeSplits: [RouteSplitRow], linkLoads: [LinkLoadRow], interchangeFlows: [InterchangeFlowRow],
        distributions: [DistributionRow], eventsPerStationHour: [StationHourEventsRow],
        passengerEstimates: [PassengerEstimateRow], quality: QualitySummary
    ) {
        self.binMillis = binMillis
        self.disclosureThreshold = disclosureThreshold
        self.stationBins = stationBins
        self.originDestination = originDestination
        self.routeSplits = routeSplits
        self.linkLoads = linkLoads
        self.interchangeFlows = interchangeFlows
        self.distributions = distributions
        self.eventsPerStationHour = eventsPerStationHour
        self.passengerEstimates = passengerEstimates
        self.quality = quality
    }
}

/// A count published through disclosure control: the value, or `nil` when suppressed.
public typealias PublishedCount = Int?

/// Counts of one station in one time bin. Each count is `nil` when suppressed.
public struct StationBinRow: Hashable, Sendable {
    /// Start of the bin, Unix epoch milliseconds.
    public var binStart: Int64
    /// The station.
    public var station: StationID
    /// Distinct devices present anywhere in the station during the bin.
    public var occupancy: PublishedCount
    /// Distinct devices present on a platform during the bin.
    public var platformOccupancy: PublishedCount
    /// Distinct devices present outside the platforms (entrance, ticket hall, corridors).
    public var concourseOccupancy: PublishedCount
    /// Journeys that started here, placed in the bin of their first ping.
    public var entries: PublishedCount
    /// Journeys that ended here, placed in the bin of their last ping.
    public var exits: PublishedCount
    /// Interchange visits, placed in the bin of the visit's first ping.
    public var interchanges: PublishedCount
    /// Pass-through visits (seen on a train during a stop), in the bin of the visit.
    public var passThroughs: PublishedCount

    /// Creates a row.
    public init(binStart: Int64, station: StationID, occupancy: PublishedCount, platformOccupancy: PublishedCount,
                concourseOccupancy: PublishedCount, entries: PublishedCount, exits: PublishedCount,
                interchanges: PublishedCount, passThroughs: PublishedCount) {
        self.binStart = binStart
        self.station = station
        self.occupancy = occupancy
        self.platformOccupancy = platformOccupancy
        self.concourseOccupancy = concourseOccupancy
        self.entries = entries
        self.exits = exits
        self.interchanges = interchanges
        self.passThroughs = passThroughs
    }
}

/// Journeys from one station to another on one service day.
public struct ODRow: Hashable, Sendable {
    /// The service day's start (04:30 local), Unix epoch milliseconds.
    public var dayStart: Int64
    /// Where the journeys began.
    public var origin: StationID
    /// Where they ended.
    public var destination: StationID
    /// Journeys observed at both ends (`nil` when suppressed).
    public var journeys: PublishedCount

    /// Creates a row.
    public init(dayStart: Int64, origin: StationID, destination: StationID, journeys: PublishedCount) {
        self.dayStart = dayStart
        self.origin = origin
        self.destination = destination
        self.journeys = journeys
    }
}

/// Expected journeys on one named route between an OD pair on one service day.
public struct RouteSplitRow: Hashable, Sendable {
    /// The service day's start, Unix epoch milliseconds.
    public var dayStart: Int64
    /// Origin station.
    public var origin: StationID
    /// Destination station.
    public var destination: StationID
    /// The route's name, e.g. `Victoria > Green Park > Jubilee`.
    public var route: String
    /// Every station in order with the line before each leg, `NAPTAN>Line>NAPTAN>NAPTAN>…` (`~` for a walk).
    public var path: String
    /// Expected journeys on this route (`nil` when suppressed).
    public var journeys: FixedCount?
    /// Share of the OD pair's journeys on this route, 0…1 (`nil` when suppressed).
    public var share: Double?

    /// Creates a row.
    public init(dayStart: Int64, origin: StationID, destination: StationID, route: String, path: String, journeys: FixedCount?, share: Double?) {
        self.dayStart = dayStart
        self.origin = origin
        self.destination = destination
        self.route = route
        self.path = path
        self.journeys = journeys
        self.share = share
    }
}

/// Expected devices traversing one directed link, placed in the bin when they traverse it.
public struct LinkLoadRow: Hashable, Sendable {
    /// Start of the bin, Unix epoch milliseconds.
    public var binStart: Int64
    /// The link.
    public var link: LinkID
    /// Expected devices (`nil` when suppressed).
    public var devices: FixedCount?

    /// Creates a row.
    public init(binStart: Int64, link: LinkID, devices: FixedCount?) {
        self.binStart = binStart
        self.link = link
        self.devices = devices
    }
}

/// Expected devices changing from one line to another at a station in one bin.
public struct InterchangeFlowRow: Hashable, Sendable {
    /// Start of the bin, Unix epoch milliseconds.
    public var binStart: Int64
    /// Where the change happens (for an out-of-station change: where the first line is left).
    public var station: StationID
    /// The line left.
    public var fromLine: LineID
    /// The line boarded.
    public var toLine: LineID
    /// Expected devices (`nil` when suppressed).
    public var devices: FixedCount?

    /// Creates a row.
    public init(binStart: Int64, station: StationID, fromLine: LineID, toLine: LineID, devices: FixedCount?) {
        self.binStart = binStart
        self.station = station
        self.fromLine = fromLine
        self.toLine = toLine
        self.devices = devices
    }
}

/// Events per station and clock hour, a data-quality figure.
public struct StationHourEventsRow: Hashable, Sendable {
    /// Start of the hour, Unix epoch milliseconds.
    public var hourStart: Int64
    /// The station.
    public var station: StationID
    /// Accepted events at the station's access points in that hour (`nil` when suppressed).
    public var events: Int?

    /// Creates a row.
    public init(hourStart: Int64, station: StationID, events: Int?) {
        self.hourStart = hourStart
        self.station = station
        self.events = events
    }
}
