/// What happens on the network during the simulated days.
public enum Scenario: Sendable, Hashable {
    /// Normal service.
    case normal
    /// A line section is closed: its links (both directions) are removed before route finding.
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

/// A closed section of one line between two stations on it (both directions).
public struct LineClosure: Sendable, Hashable {
    /// The line's name as in the network (`Victoria`).
    public var line: String
    /// NaPTAN of one end of the section.
    public var from: String
    /// NaPTAN of the other end.
    public var to: String

    /// Creates a closure.
    public init(line: String, from: String, to: String) {
        self.line = line
        self.from = from
        self.to = to
    }

    /// The default: Victoria line closed between King's Cross St. Pancras and Victoria.
    public static let `default` = LineClosure(line: "Victoria", from: "940GZZLUKSX", to: "940GZZLUVIC")

    /// Parses `LINE:FROM-TO` with NaPTAN codes, e.g. `Victoria:940GZZLUKSX-940GZZLUVIC`.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let line = String(text[..<colon])
        let ends = text[text.index(after: colon)...].split(separator: "-")
        guard !line.isEmpty, ends.count == 2 else { return nil }
        self.init(line: line, from: String(ends[0]), to: String(ends[1]))
    }

    /// `LINE:FROM-TO`.
    public var description: String { "\(line):\(from)-\(to)" }
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
