public import ThrongCore
import Dispatch
import Synchronization

/// Crowding figures of a snapshot (or of the live engine's state) in memory, ready for
/// "how busy is it?" questions in well under a microsecond.
///
/// Immutable after it is built and `Sendable`: share one index between any number of threads.
/// Open one on a snapshot with ``init(snapshotPath:bands:)``; the live engine builds new ones from
/// its published state with ``init(snapshot:network:calendar:bands:)`` and swaps them in.
///
/// Only published values are held: a cell withheld by disclosure control is stored as
/// "suppressed" and its value is not in memory, so no combination of queries can recover it.
///
/// Layout: dense arrays over station × bin (one per ``StationMeasure``) and link × bin, plus the
/// typical tables (entity × day category × 15-minute band). See `docs/crowding.md`.
public final class CrowdingIndex: Sendable {
    /// Cell sentinel: withheld by disclosure control.
    package static let suppressed: Float = -1
    /// Cell sentinel: no data (station without wifi, or a bin outside the covered time).
    package static let noData: Float = -2

    /// The network the figures refer to.
    public let network: IndexedNetwork
    /// Station lookups by NaPTAN, name and hub code.
    public let stations: StationDirectory
    /// Service days and local time.
    public let calendar: ServiceCalendar
    /// Bin width of the underlying counts, in milliseconds.
    public let binMillis: Int64
    /// The disclosure threshold `k` the figures were published with.
    public let disclosureThreshold: Int
    /// Thresholds for busyness words.
    public let bands: BusynessBands
    /// Whether each station had any wifi data in the snapshot (stations without wifi never do).
    public let isObserved: [Bool]
    /// Whether each link carried any inferred load in the index.
    public let isLinkObserved: [Bool]
    /// Whether the figures come from a differentially private release: observed counts carry
    /// Gaussian noise, and people intervals include it (`docs/privacy.md`).
    public var isDifferentiallyPrivate: Bool { noiseSigma.contains { $0 > 0 } }
    /// Noise standard deviation per ``StationMeasure`` (by raw value), then links; zeros for an exact release.
    package let noiseSigma: [Double]

    package let timeline: BinTimeline
    /// `[measure][station][bin]`: published counts, ``suppressed`` or ``noData``.
    package let stationCells: [Float]
    /// `[link][bin]`: expected devices, ``suppressed`` or ``noData``.
    package let linkCells: [Float]
    /// `[day][station]`: people per device.
    package let stationFactors: [Double]
    /// `[day]`: people per device on links (network-wide).
    package let linkFactors: [Double]
    /// Entities `measure * stations + station`.
    package let typicalStations: TypicalTable
    package let typicalLinks: TypicalTable
    package let splits: [UInt32: [RouteSplitCell]]
    /// Per station (raw id): its interchange-flow cells.
    package let interchanges: [UInt16: [InterchangeCell]]

    /// What a builder hands over; the typical tables are computed here.
    package struct Parts {
        package var network: IndexedNetwork
        package var calendar: ServiceCalendar
        package var binMillis: Int64
        package var disclosureThreshold: Int
        package var isObserved: [Bool]
        package var isLinkObserved: [Bool]
        package var timeline: BinTimeline
        package var stationCells: [Float]
        package var linkCells: [Float]
        package var stationFactors: [Double]
        package var linkFactors: [Double]
        package var splits: [UInt32: [RouteSplitCell]]
        package var interchanges: [UInt16: [InterchangeCell]]
        /// Noise standard deviation per station measure, then links (zeros: exact release).
        package var noiseSigma = [Double](repeating: 0, count: StationMeasure.allCases.count + 1)
    }

    package init(parts: Parts, bands: BusynessBands) {
        self.network = parts.network
        self.stations = StationDirectory(network: parts.network)
        self.calendar = parts.calendar
        self.binMillis = parts.binMillis
        self.disclosureThreshold = parts.disclosureThreshold
        self.bands = bands
        self.isObserved = parts.isObserved
        self.isLinkObserved = parts.isLinkObserved
        self.timeline = parts.timeline
        self.stationCells = parts.stationCells
        self.linkCells = parts.linkCells
        self.stationFactors = parts.stationFactors
        self.linkFactors = parts.linkFactors
        self.splits = parts.splits
        self.interchanges = parts.interchanges
        self.noiseSigma = parts.noiseSigma
        // The two typical tables are independent: build them on two threads.
        let tables = Mutex<[TypicalTable?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let table = i == 0
                ? TypicalTable(
                    entities: StationMeasure.allCases.count * parts.network.stations.count, timeline: parts.timeline,
                    cells: parts.stationCells, factors: parts.stationFactors, factorStride: max(1, parts.network.stations.count))
                : TypicalTable(
                    entities: parts.network.links.count, timeline: parts.timeline,
                    cells: parts.linkCells, factors: parts.linkFactors, factorStride: 1)
            tables.withLock { $0[i] = table }
        }
        let built = tables.withLock { $0 }
        self.typicalStations = built[0]!
        self.typicalLinks = built[1]!
    }

    /// The first instant with data and the end of the last covered bin; nil for an empty index.
    public var coveredInterval: Range<Int64>? {
        guard let first = timeline.covered.firstIndex(of: true), let last = timeline.covered.lastIndex(of: true) else { return nil }
        return timeline.start(ofBin: first)..<(timeline.start(ofBin: last) + binMillis)
    }

    /// The service days the index covers (their 04:30 local start instants).
    public var serviceDays: [Int64] { timeline.days.map(\.start) }

    /// The station, for display: NaPTAN, name, display name, lines.
    public func station(_ id: StationID) -> IndexedNetwork.Station { network.stations[id.index] }

    package func stationCell(_ measure: StationMeasure, _ station: StationID, bin: Int) -> Float {
        stationCells[(measure.rawValue &* network.stations.count &+ station.index) &* timeline.count &+ bin]
    }

    package func stationFactor(_ station: StationID, day: Int) -> Double {
        stationFactors[day &* network.stations.count &+ station.index]
    }
}

/// One route's expected journeys for an OD pair on one service day, as published.
package struct RouteSplitCell: Sendable {
    package var day: Int32
    package var route: String
    package var path: String
    /// Expected journeys in millionths; `-1` suppressed.
    package var micros: Int64
}

extension CrowdingIndex {
    /// Local times in the index's time zone.
    public var localTime: LocalTime { LocalTime(calendar: calendar) }

    /// The local date of the first service day the index covers, if any.
    public var firstServiceDate: CivilDate? {
        coveredInterval.map { calendar.serviceDate(of: $0.lowerBound) }
    }
}
