/// A wifi access point in a station, as listed in `access_points.csv`.
public struct AccessPoint: Hashable, Sendable {
    /// The id that appears in event logs (1–64 characters, no comma).
    public var id: String
    /// The station the access point is in.
    public var station: StationID
    /// Which part of the station it covers.
    public var area: StationArea
    /// For platforms: the line whose trains call there.
    public var line: LineID?
    /// For platforms: the direction code of the trains (`NB`, `SB`, `EB`, `WB`).
    public var direction: String?

    /// Creates an access point.
    public init(id: String, station: StationID, area: StationArea, line: LineID? = nil, direction: String? = nil) {
        self.id = id
        self.station = station
        self.area = area
        self.line = line
        self.direction = direction
    }
}

/// The part of a station an access point covers.
public enum StationArea: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Street entrance, outside the gates.
    case entrance
    /// Ticket hall (gateline).
    case ticketHall = "ticket_hall"
    /// Passages, escalators and stairs between ticket hall and platforms.
    case corridor
    /// A platform; ``AccessPoint/line`` and ``AccessPoint/direction`` say which.
    case platform

    /// Entrance < ticket hall < corridor < platform: the order of walking in.
    public static func < (a: Self, b: Self) -> Bool { a.depth < b.depth }

    /// 0 for entrance … 3 for platform.
    public var depth: Int {
        switch self {
        case .entrance: 0
        case .ticketHall: 1
        case .corridor: 2
        case .platform: 3
        }
    }
}
