import ThrongCore

/// Makes each device's service day a device of its own, for a private release: the key is
/// mixed with the service day (a bijection of the day through the SplitMix64 finaliser, so
/// one device's days get distinct keys), and everything downstream — partitioning, the
/// per-device event limit, reconstruction, classification, contribution bounds — works per
/// device-day, the unit of the privacy guarantee (docs/privacy.md). A journey running across
/// the service-day boundary is split there.
struct DeviceDayKeying {
    let calendar: ServiceCalendar
    private var dayStart: Int64 = .max
    private var nextDayStart: Int64 = .min
    private var mix: UInt64 = 0

    init(calendar: ServiceCalendar) { self.calendar = calendar }

    /// The event with its device keyed by its service day.
    mutating func rekey(_ event: Event) -> Event {
        if event.time < dayStart || event.time >= nextDayStart {
            dayStart = calendar.serviceDayStart(of: event.time)
            nextDayStart = calendar.serviceDayStart(of: dayStart + 30 * 3_600_000)
            mix = Self.finalise(UInt64(bitPattern: dayStart))
        }
        var e = event
        e.device = DeviceKey(high: event.device.high ^ mix, low: event.device.low)
        return e
    }

    /// SplitMix64's finaliser: a bijection on 64 bits.
    static func finalise(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
