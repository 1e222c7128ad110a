/// Every count a private release publishes, with its share of the privacy budget and its
/// sensitivity (how much one device-day can change it, in L2 norm, under
/// ``ContributionBounds``).
public enum PublishedMeasure: String, CaseIterable, Hashable, Sendable {
    /// `station_bins.occupancy`.
    case occupancy
    /// `station_bins.platform_occupancy`.
    case platformOccupancy = "platform_occupancy"
    /// `station_bins.concourse_occupancy`.
    case concourseOccupancy = "concourse_occupancy"
    /// `station_bins.entries`.
    case entries
    /// `station_bins.exits`.
    case exits
    /// `station_bins.interchanges`.
    case interchanges
    /// `station_bins.pass_throughs`.
    case passThroughs = "pass_throughs"
    /// `origin_destination.journeys`.
    case journeys = "origin_destination"
    /// `route_splits.expected_journeys`.
    case routeSplits = "route_splits"
    /// `link_loads.expected_devices`.
    case linkLoads = "link_loads"
    /// `interchange_flows.expected_devices`.
    case interchangeFlows = "interchange_flows"
    /// `distributions` of dwell times (network rows, one-minute buckets).
    case dwellTimes = "dwell"
    /// `distributions` of interchange times.
    case interchangeTimes = "interchange"
    /// `distributions` of journey times.
    case journeyTimes = "journey_time"

    /// The snapshot table the measure is published in.
    public var table: String {
        switch self {
        case .occupancy, .platformOccupancy, .concourseOccupancy, .entries, .exits, .interchanges, .passThroughs: "station_bins"
        case .journeys: "origin_destination"
        case .routeSplits: "route_splits"
        case .linkLoads: "link_loads"
        case .interchangeFlows: "interchange_flows"
        case .dwellTimes, .interchangeTimes, .journeyTimes: "distributions"
        }
    }

    /// Share of the budget ρ (the shares sum to 1): most to what crowding answers read
    /// (occupancy, link loads, OD), least to the secondary columns.
    public var weight: Double {
        switch self {
        case .occupancy: 0.14
        case .platformOccupancy: 0.07
        case .concourseOccupancy: 0.04
        case .entries, .exits: 0.08
        case .interchanges, .passThroughs: 0.03
        case .journeys: 0.12
        case .routeSplits: 0.08
        case .linkLoads: 0.17
        case .interchangeFlows: 0.06
        case .dwellTimes, .interchangeTimes: 0.03
        case .journeyTimes: 0.04
        }
    }

    /// L2 sensitivity per device-day. Cells counted once per device (presence, station
    /// events) change by at most 1 each, so the norm is the square root of the cell bound;
    /// sums over journeys use the triangle inequality (journeys × per-journey norm).
    public func sensitivity(_ b: ContributionBounds) -> Double {
        let j = Double(b.journeysPerDay)
        switch self {
        case .occupancy, .platformOccupancy, .concourseOccupancy: return Double(b.presenceCellsPerDay).squareRoot()
        case .entries, .exits: return j.squareRoot()
        case .interchanges: return Double(b.interchangesPerDay).squareRoot()
        case .passThroughs: return Double(b.passThroughsPerDay).squareRoot()
        case .journeys, .routeSplits: return j
        case .linkLoads: return j * b.linkNormPerJourney
        case .interchangeFlows: return j * b.flowNormPerJourney
        case .dwellTimes: return 2 * j
        case .interchangeTimes: return Double(b.interchangesPerDay)
        case .journeyTimes: return j
        }
    }

    /// Whether rows are selected by a noisy threshold (sparse tables) rather than published
    /// for every cell of a fixed domain.
    public var isThresholdSelected: Bool {
        switch self {
        case .journeys, .routeSplits, .interchangeFlows: true
        default: false
        }
    }

    /// The most one device-day adds to a single cell of a threshold-selected table.
    func maxCellContribution(_ b: ContributionBounds) -> Double { Double(b.journeysPerDay) }
}
