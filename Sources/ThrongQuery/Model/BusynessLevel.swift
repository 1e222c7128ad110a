/// A word for how busy a place is, from its ``BusynessBands``.
public enum BusynessLevel: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Below ``BusynessBands/busyFrom`` of the baseline.
    case quiet
    /// From ``BusynessBands/busyFrom`` up to ``BusynessBands/veryBusyFrom`` of the baseline.
    case busy
    /// At or above ``BusynessBands/veryBusyFrom`` of the baseline.
    case veryBusy = "very busy"

    /// `quiet`, `busy`, `very busy`.
    public var description: String { rawValue }

    /// 0 quiet, 1 busy, 2 very busy.
    public var rank: Int {
        switch self {
        case .quiet: 0
        case .busy: 1
        case .veryBusy: 2
        }
    }
}

/// The thresholds that turn a fraction of the baseline into a ``BusynessLevel``, and the
/// absolute level below which a station is always quiet. `docs/crowding.md` explains the defaults.
public struct BusynessBands: Hashable, Sendable {
    /// Fraction of the baseline from which a place is ``BusynessLevel/busy`` (default 0.4).
    public var busyFrom: Double
    /// Fraction of the baseline from which a place is ``BusynessLevel/veryBusy`` (default 0.7).
    public var veryBusyFrom: Double
    /// People present in a 15-minute band below which a place is quiet whatever its fraction
    /// of the baseline (default 150): a station whose busiest typical band stays below it is
    /// ``StationTypicalWeek/isAlwaysQuiet``.
    public var quietBelowPeople: Double

    /// Creates bands.
    public init(busyFrom: Double = 0.4, veryBusyFrom: Double = 0.7, quietBelowPeople: Double = 150) {
        self.busyFrom = busyFrom
        self.veryBusyFrom = veryBusyFrom
        self.quietBelowPeople = quietBelowPeople
    }

    /// The level for a fraction of the baseline and an absolute number of people.
    @inlinable
    public func level(fraction: Double, people: Double) -> BusynessLevel {
        if people < quietBelowPeople || fraction < busyFrom { return .quiet }
        return fraction < veryBusyFrom ? .busy : .veryBusy
    }
}
