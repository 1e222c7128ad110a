public import ThrongCore

/// Expected devices changing from one line to another at a station in one bin, expanded to
/// people with the station's factor for that service day.
public struct InterchangeFlow: Hashable, Sendable {
    /// Where the change happens (for an out-of-station change: where the first line is left).
    public var station: StationID
    /// The line left.
    public var fromLine: LineID
    /// The line boarded.
    public var toLine: LineID
    /// Start of the bin, epoch ms.
    public var start: Int64
    /// End of the bin, epoch ms (exclusive).
    public var end: Int64
    /// Expected devices; nil when withheld by disclosure control.
    public var devices: Double?
    /// People with a 95% interval; nil when withheld.
    public var people: PeopleEstimate?
    /// True when the cell was withheld by disclosure control.
    public var isSuppressed: Bool { devices == nil }
}
