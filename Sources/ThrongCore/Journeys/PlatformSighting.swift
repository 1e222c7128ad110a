/// A platform (line and direction) seen during a visit.
///
/// A plain value (no references): copying a ``Visit`` that holds sightings copies bytes.
public struct PlatformSighting: Hashable, Sendable {
    /// The line.
    public var line: LineID
    /// The platform access point of the first ping on this platform (its
    /// ``AccessPoint/direction`` is the sighting's direction: ``direction(in:)``).
    public var accessPoint: AccessPointID
    /// First ping on this platform.
    public var firstTime: Int64
    /// The direction text interned exactly (case-sensitive) per network, 0 for none: two
    /// sightings of one visit are one platform when line and key agree. Set by the
    /// reconstructor; ``unresolvedKey`` otherwise.
    package var directionKey: UInt16 = PlatformSighting.unresolvedKey
    /// The direction interned for path inference (``DirectionCodes``); set by the reconstructor.
    package var directionCode: UInt8 = DirectionCodes.unresolved

    /// ``directionKey`` of a sighting made outside a reconstructor.
    package static let unresolvedKey: UInt16 = .max

    /// Creates a sighting of the platform served by `accessPoint` (the direction is the access
    /// point's, looked up in the network when needed).
    public init(line: LineID, accessPoint: AccessPointID, firstTime: Int64) {
        self.line = line
        self.accessPoint = accessPoint
        self.firstTime = firstTime
    }

    /// The direction code of the platform's trains (`nil` if the access point has none).
    public func direction(in network: Network) -> String? {
        accessPoint.index < network.accessPoints.count ? network.accessPoints[accessPoint.index].direction : nil
    }
}
