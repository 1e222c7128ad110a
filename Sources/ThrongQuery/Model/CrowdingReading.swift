/// How busy one place (a station count or a link) is over one time: the figures every
/// crowding answer shares.
///
/// When ``dataAvailable`` is false every figure is nil and ``unavailable`` says why; nothing is
/// ever made up.
public struct CrowdingReading: Hashable, Sendable {
    /// Start of the time the figures describe (the bin, or the 15-minute band on that day), epoch ms.
    public var start: Int64
    /// End of that time, epoch ms (exclusive).
    public var end: Int64
    /// Observed bin or typical band.
    public var source: CrowdingSource
    /// The day category of the instant's service day.
    public var day: TypicalDay
    /// The local 15-minute band, 0 (`00:00–00:15`) … 95.
    public var band: Int
    /// Whether the figures below are known.
    public var dataAvailable: Bool
    /// Why not, when ``dataAvailable`` is false.
    public var unavailable: Unavailability?
    /// Devices counted (expected devices for links; typical: the median over the days behind it).
    public var devices: Double?
    /// People, with a 95% interval.
    public var people: PeopleEstimate?
    /// TfL's convention: the level as a fraction of the busiest typical band of the same place
    /// in the index (its baseline). Typical bands are 0…1; observed levels can exceed 1.
    public var percentageOfBaseline: Double?
    /// The level against the typical level of the same day category and band (1 = as usual,
    /// 1.3 = 30% busier than usual); nil for typical figures or when the usual level is unknown or zero.
    public var relativeToUsual: Double?
    /// The word for ``percentageOfBaseline`` (``BusynessBands``).
    public var level: BusynessLevel?
    /// Service days behind the typical level of this day category and band.
    public var typicalDays: Int

    init(start: Int64, end: Int64, source: CrowdingSource, day: TypicalDay, band: Int) {
        self.start = start
        self.end = end
        self.source = source
        self.day = day
        self.band = band
        self.dataAvailable = false
        self.unavailable = nil
        self.devices = nil
        self.people = nil
        self.percentageOfBaseline = nil
        self.relativeToUsual = nil
        self.level = nil
        self.typicalDays = 0
    }
}
