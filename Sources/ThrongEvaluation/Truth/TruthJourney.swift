public import ThrongCore

/// One row of the simulator's `truth/journeys.csv.zst`, resolved against the network.
public struct TruthJourney: Hashable, Sendable {
    /// Journey id (`J20161121-17`).
    public var id: String
    /// The device tokens the journey was logged under: the person's token, then an alias when
    /// the device changed its MAC address during the journey. Empty for undetectable people.
    public var tokens: [String]
    /// Origin station.
    public var origin: StationID
    /// Destination station.
    public var destination: StationID
    /// Street entrance at the origin (epoch ms, true time).
    public var entryMillis: Int64
    /// Street exit at the destination.
    public var exitMillis: Int64
    /// The truth path (`940GZZLUKSX>Victoria>940GZZLUGPK>Jubilee>940GZZLUWLO`).
    public var path: String
    /// The directed links ridden, resolved from ``path`` (empty if it could not be resolved).
    public var links: [LinkID]
    /// The flags (`undetectable`, `token-change`, `event-outbound`, scenario flags).
    public var flags: [String]

    /// Creates a journey.
    public init(
        id: String, tokens: [String], origin: StationID, destination: StationID, entryMillis: Int64, exitMillis: Int64,
        path: String, links: [LinkID], flags: [String]
    ) {
        self.id = id
        self.tokens = tokens
        self.origin = origin
        self.destination = destination
        self.entryMillis = entryMillis
        self.exitMillis = exitMillis
        self.path = path
        self.links = links
        self.flags = flags
    }

    /// True unless the person carried no detectable device.
    public var detectable: Bool { !flags.contains("undetectable") && !tokens.isEmpty }

    /// True if the device changed its MAC address during the journey (two tokens).
    public var tokenChanged: Bool { tokens.count > 1 }
}
