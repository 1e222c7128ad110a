/// What a run read, accepted, rejected and found, and how it was configured.
public struct QualitySummary: Hashable, Sendable {
    /// Lines read from all inputs.
    public var linesRead: Int
    /// Lines that became events.
    public var accepted: Int
    /// Rejected lines by reason code; `accepted + sum(rejected) == linesRead`.
    public var rejectedByReason: [String: Int]
    /// Accepted events outside the run's time window (counted in `accepted`, then dropped).
    public var outsideWindow: Int
    /// Duplicate pings collapsed.
    public var duplicatesCollapsed: Int
    /// Distinct device keys seen.
    public var devices: Int
    /// Devices classified as passengers.
    public var passengerDevices: Int
    /// Devices classified as resident (staff, retail).
    public var residentDevices: Int
    /// Devices classified as passers-by.
    public var passerByDevices: Int
    /// Journeys reconstructed.
    public var journeys: Int
    /// Journeys whose device was seen at both origin and destination.
    public var journeysBothEnds: Int
    /// Devices over the run's per-device event limit: noise, left out of every aggregate
    /// (their events are counted in `accepted`). Not included in `devices`.
    public var implausibleDevices: Int = 0
    /// Accepted events of those devices, left out.
    public var implausibleDeviceEvents: Int = 0
    /// Journeys joined from two tokens' halves across a MAC change (docs/semantics.md, "MAC
    /// changes"); each counts once in ``journeys``.
    public var macChangesJoined: Int = 0
    /// Journeys left out of a private release by its per-device-day bound.
    public var clippedJourneys: Int = 0
    /// Presence, interchange and pass-through cells left out of a private release.
    public var clippedCells: Int = 0
    /// Input files with their sizes, hashes and line counts.
    public var inputs: [InputFileRecord]
    /// Run parameters as name → value, for the record.
    public var parameters: [String: String]

    /// Creates a summary.
    public init(linesRead: Int = 0, accepted: Int = 0, rejectedByReason: [String: Int] = [:], outsideWindow: Int = 0,
                duplicatesCollapsed: Int = 0, devices: Int = 0, passengerDevices: Int = 0, residentDevices: Int = 0,
                passerByDevices: Int = 0, journeys: Int = 0, journeysBothEnds: Int = 0,
                inputs: [InputFileRecord] = [], parameters: [String: String] = [:]) {
        self.linesRead = linesRead
        self.accepted = accepted
        self.rejectedByReason = rejectedByReason
        self.outsideWindow = outsideWindow
        self.duplicatesCollapsed = duplicatesCollapsed
        self.devices = devices
        self.passengerDevices = passengerDevices
        self.residentDevices = residentDevices
        self.passerByDevices = passerByDevices
        self.journeys = journeys
        self.journeysBothEnds = journeysBothEnds
        self.inputs = inputs
        self.parameters = parameters
    }

    /// Total rejected lines.
    public var rejected: Int { rejectedByReason.values.reduce(0, +) }
}

/// One input file of a run.
public struct InputFileRecord: Hashable, Sendable {
    /// The path as given.
    public var path: String
    /// Size in bytes.
    public var bytes: Int64
    /// Content hash (hex), see `docs/schema.md` for the algorithm.
    public var hash: String
    /// Lines read.
    public var lines: Int
    /// Lines accepted.
    public var accepted: Int
    /// Lines rejected.
    public var rejected: Int
    /// File-level problem (truncated or corrupt frame, unreadable), if any.
    public var problem: String?

    /// Creates a record.
    public init(path: String, bytes: Int64, hash: String, lines: Int, accepted: Int, rejected: Int, problem: String?) {
        self.path = path
        self.bytes = bytes
        self.hash = hash
        self.lines = lines
        self.accepted = accepted
        self.rejected = rejected
        self.problem = problem
    }
}
