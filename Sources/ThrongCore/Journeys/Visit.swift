/// A run of pings of one device at one station (see `docs/semantics.md`, "Visits").
public struct Visit: Hashable, Sendable {
    /// The station.
    public var station: StationID
    /// Time of the first ping (epoch ms, as logged).
    public var firstTime: Int64
    /// Time of the last ping.
    public var lastTime: Int64
    /// Areas seen, as a bitmask of `1 << StationArea.depth` (entrance = 1 … platform = 8).
    public var areas: UInt8
    /// Area of the first ping.
    public var firstArea: StationArea
    /// Area of the last ping.
    public var lastArea: StationArea
    /// True if an entrance ping came after a deeper ping (the device walked out).
    public var walkedOut: Bool
    /// Platforms seen, in order of first sighting, each once.
    public var platforms: PlatformSightings
    /// Pings after duplicate removal.
    public var pingCount: Int
    /// The visit's role.
    public var kind: VisitKind

    /// Creates a visit.
    public init(
        station: StationID, firstTime: Int64, lastTime: Int64, areas: UInt8, firstArea: StationArea,
        lastArea: StationArea, walkedOut: Bool, platforms: PlatformSightings, pingCount: Int, kind: VisitKind
    ) {
        self.station = station
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.areas = areas
        self.firstArea = firstArea
        self.lastArea = lastArea
        self.walkedOut = walkedOut
        self.platforms = platforms
        self.pingCount = pingCount
        self.kind = kind
    }

    /// Whether a ping in `area` was seen.
    public func saw(_ area: StationArea) -> Bool { areas & (1 << UInt8(area.depth)) != 0 }

    /// True if every ping was on a platform.
    public var platformOnly: Bool { areas == 1 << 3 }

    /// Duration in milliseconds (last − first ping).
    public var durationMillis: Int64 { lastTime - firstTime }
}

/// The role of a visit.
public enum VisitKind: String, Hashable, Sendable, CaseIterable {
    /// First visit of a journey.
    case entry
    /// Last visit of a journey.
    case exit
    /// A middle visit where the passenger changed line (or dwelt long).
    case interchange
    /// A middle visit on a train during a stop: short and platform-only.
    case passThrough
    /// The only visit of a journey that looks neither like an entry nor an exit.
    case isolated
    /// A lone short entrance-only visit: someone passing the station.
    case passerBy
    /// A visit of a resident device (present for hours).
    case resident
}
