/// A per-station, per-bin count of the snapshot (`station_bins`).
public enum StationMeasure: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Distinct devices anywhere in the station during the bin (the busyness measure).
    case occupancy = 0
    /// Distinct devices on a platform (the station's platform area).
    case platformOccupancy
    /// Distinct devices outside the platforms (entrances, ticket halls, corridors).
    case concourseOccupancy
    /// Journeys starting here, in the bin of their first ping.
    case entries
    /// Journeys ending here, in the bin of their last ping.
    case exits
    /// Interchange visits, in the bin of the visit's first ping.
    case interchanges
    /// Devices seen on a train stopping here.
    case passThroughs

    /// The snapshot column, e.g. `platform_occupancy`.
    public var column: String {
        switch self {
        case .occupancy: "occupancy"
        case .platformOccupancy: "platform_occupancy"
        case .concourseOccupancy: "concourse_occupancy"
        case .entries: "entries"
        case .exits: "exits"
        case .interchanges: "interchanges"
        case .passThroughs: "pass_throughs"
        }
    }

    /// Reads a column name or a camel-case name (`platformOccupancy`, `platform`).
    public init?(_ text: String) {
        let t = text.lowercased().replacingUnderscores()
        switch t {
        case "occupancy", "station": self = .occupancy
        case "platformoccupancy", "platform", "platforms": self = .platformOccupancy
        case "concourseoccupancy", "concourse": self = .concourseOccupancy
        case "entries": self = .entries
        case "exits": self = .exits
        case "interchanges": self = .interchanges
        case "passthroughs": self = .passThroughs
        default: return nil
        }
    }

    /// ``column``.
    public var description: String { column }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" && $0 != "-" }) }
}
