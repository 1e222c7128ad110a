public import ThrongCore

/// The kind of service day a typical profile describes: a day of the week, or a bank holiday.
///
/// A service day runs from 04:30 to 04:30 local time (`ServiceCalendar`), so the early hours of
/// Saturday belong to ``friday``. A bank holiday in England and Wales (``BankHolidays``)
/// contributes to ``bankHoliday`` only, never to its day of the week.
public enum TypicalDay: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Monday.
    case monday = 0
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday
    /// A bank holiday in England and Wales, whatever its day of the week.
    case bankHoliday

    /// The seven days of the week, Monday first.
    public static let week: [TypicalDay] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    /// The category of a service date.
    public init(serviceDate date: CivilDate) {
        if BankHolidays.englandAndWales.contains(date) {
            self = .bankHoliday
        } else {
            self = TypicalDay(rawValue: (date.weekday + 6) % 7)!
        }
    }

    /// Reads `Mon`, `monday`, `MON`, `Tue`, … and `BH` / `bank-holiday`; nil otherwise.
    public init?(_ text: String) {
        let t = text.lowercased()
        switch t {
        case "bh", "bankholiday", "bank-holiday", "bank_holiday", "holiday": self = .bankHoliday; return
        default: break
        }
        guard t.count >= 3, let day = TypicalDay.week.first(where: { $0.fullName.lowercased().hasPrefix(t) }) else { return nil }
        self = day
    }

    /// TfL's three-letter name, `Mon` … `Sun`; `BH` for a bank holiday.
    public var shortName: String {
        switch self {
        case .monday: "Mon"
        case .tuesday: "Tue"
        case .wednesday: "Wed"
        case .thursday: "Thu"
        case .friday: "Fri"
        case .saturday: "Sat"
        case .sunday: "Sun"
        case .bankHoliday: "BH"
        }
    }

    /// `Monday` … `Sunday`, `Bank holiday`.
    public var fullName: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        case .bankHoliday: "Bank holiday"
        }
    }

    /// Whether running times use the weekday peaks (Monday to Friday, not bank holidays).
    public var isWeekday: Bool { rawValue < 5 }

    /// ``shortName``.
    public var description: String { shortName }
}
