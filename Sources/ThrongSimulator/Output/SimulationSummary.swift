/// The totals of a run, written as `summary.json` (keys sorted, so equal runs give equal bytes).
public struct SimulationSummary: Codable, Sendable, Hashable {
    /// Event counts by producer.
    public struct Events: Codable, Sendable, Hashable {
        /// Lines written in all event files (every kind, duplicates included, headers excluded).
        public var lines = 0
        /// Passenger pings (first copies).
        public var passenger = 0
        /// Staff device pings.
        public var staff = 0
        /// Retail device pings.
        public var retail = 0
        /// Passer-by pings.
        public var passerBy = 0
        /// Extra copies of duplicated events.
        public var duplicates = 0
        /// Events delivered 1–20 minutes late.
        public var late = 0
        /// Lines with an ISO-8601 timestamp.
        public var isoTimestamps = 0
    }

    /// Distinct device tokens that appear in the event files.
    public struct Devices: Codable, Sendable, Hashable {
        /// All kinds, all tokens (MAC-randomised aliases count separately).
        public var distinct = 0
        /// Passenger devices (base tokens).
        public var passenger = 0
        /// MAC-randomised alias tokens.
        public var aliases = 0
        /// Staff devices.
        public var staff = 0
        /// Retail devices.
        public var retail = 0
        /// Passers-by.
        public var passerBy = 0
        /// Size of the persistent population of people (detectable or not).
        public var population = 0
    }

    /// Journey counts.
    public struct Journeys: Codable, Sendable, Hashable {
        /// Drawn from demand (before routing).
        public var drawn = 0
        /// Dropped: no route (e.g. the only line is closed).
        public var unserved = 0
        /// Dropped: the chosen route touches no wifi station (invisible to the logs).
        public var invisible = 0
        /// Simulated: the route touches a wifi station.
        public var simulated = 0
        /// Simulated journeys by people with a detectable device.
        public var detectable = 0
        /// Detectable journeys that produced at least one event.
        public var withEvents = 0
        /// Rows of `truth/journeys.csv.zst`.
        public var inTruth = 0
        /// Stadium-event journeys (both directions).
        public var stadiumEvent = 0
        /// Journeys whose device token changed mid-journey.
        public var tokenChanges = 0
        /// Closure scenario: simulated journeys whose best route on the intact network rides the closed section.
        public var rerouted = 0
    }

    /// Totals of one service day.
    public struct Day: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var date: String
        /// `MTT`, `FRI`, `SAT`, `SUN`.
        public var dayType: String
        /// Event lines attributed to the day's work.
        public var events: Int
        /// Simulated journeys.
        public var journeys: Int
        /// Detectable journeys.
        public var detectableJourneys: Int
        /// Distinct tokens with events that day.
        public var devices: Int
    }

    /// Output files.
    public struct Files: Codable, Sendable, Hashable {
        /// Event files written.
        public var eventFiles = 0
        /// Uncompressed bytes of the event files.
        public var eventBytes = 0
        /// Compressed bytes of the event files.
        public var eventBytesCompressed = 0
        /// Compressed bytes of the truth files.
        public var truthBytesCompressed = 0
    }

    /// The master seed.
    public var seed: UInt64
    /// Every option that shapes the run, as text.
    public var config: [String: String]
    /// Network facts: stations, wifi stations, controllers, access points.
    public var network: [String: Int]
    /// Event totals.
    public var events = Events()
    /// Device totals.
    public var devices = Devices()
    /// Journey totals.
    public var journeys = Journeys()
    /// Per-day totals.
    public var days: [Day] = []
    /// Output files.
    public var files = Files()
    /// Controllers with their stations (NaPTAN) and clock skew in ms.
    public var controllers: [String: [String]] = [:]
    /// Notes on conventions (time zone, file layout).
    public var notes: [String] = []
}
