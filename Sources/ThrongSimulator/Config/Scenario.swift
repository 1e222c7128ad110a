public import ThrongCore

/// What happens on the network during the simulated days.
public enum Scenario: Sendable, Hashable {
    /// Normal service.
    case normal
    /// A line section is closed: its links (both directions) are removed before route finding
    /// (`Network.closing(_:)` in ThrongCore).
    case closure(LineClosure)
    /// A stadium event: extra journeys to the venue in one window and back in a later one.
    case event(StadiumEvent)

    /// `normal`, `closure` or `event`.
    public var name: String {
        switch self {
        case .normal: "normal"
        case .closure: "closure"
        case .event: "event"
        }
    }
}

/// A stadium event: `journeys` people travel to `station` departing in the outbound window
/// and return from it departing in the return window, to the station they came from.
public struct StadiumEvent: Sendable, Hashable {
    /// NaPTAN of the venue's station (default Wembley Park).
    public var station: String = "940GZZLUWYP"
    /// Attendees arriving by Underground (before `--scale`). Default 40,000.
    public var journeys = 40_000
    /// Outbound departures, minutes after midnight (default 17:00–19:00).
    public var outbound: Range<Int> = 1020..<1140
    /// Return departures from the venue (default 22:00–23:00).
    public var inbound: Range<Int> = 1320..<1380
    /// Which simulated day (0-based) has the event.
    public var dayIndex = 0

    /// Defaults.
    public init() {}
}
