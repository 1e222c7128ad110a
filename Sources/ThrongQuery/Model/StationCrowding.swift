public import ThrongCore

/// How busy a station (or its platform area, or one of its other counts) is at one time.
/// Every figure of ``reading`` reads directly: `crowding.percentageOfBaseline`.
@dynamicMemberLookup
public struct StationCrowding: Hashable, Sendable {
    /// The station whose figures answer (Bank when Monument was asked for).
    public var station: StationID
    /// The measure (``StationMeasure/occupancy`` for busyness).
    public var measure: StationMeasure
    /// The figures.
    public var reading: CrowdingReading

    /// A figure of ``reading``.
    public subscript<T>(dynamicMember path: KeyPath<CrowdingReading, T>) -> T { reading[keyPath: path] }
}

/// How busy one directed link (one line, one direction, between adjacent stations) is at one
/// time: expected devices traversing it, expanded to people.
@dynamicMemberLookup
public struct LinkCrowding: Hashable, Sendable {
    /// The link.
    public var link: LinkID
    /// The figures.
    public var reading: CrowdingReading

    /// A figure of ``reading``.
    public subscript<T>(dynamicMember path: KeyPath<CrowdingReading, T>) -> T { reading[keyPath: path] }
}
