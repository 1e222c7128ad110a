public import ThrongCore

extension CrowdingIndex {
    /// A station's typical day for one day category.
    public func typicalDay(at station: StationID, _ measure: StationMeasure = .occupancy, day: TypicalDay) -> StationTypicalDay {
        let station = stations.answering(for: station)
        let bands = (0..<TypicalTable.bands).map { b in
            TypicalBand(band: b, reading: typicalCrowding(at: station, measure, slot: (day, b, 0)).reading)
        }
        return StationTypicalDay(
            station: station, measure: measure, day: day, bands: bands,
            amPeak: Self.peak(bands, firstStarts: 20...40), pmPeak: Self.peak(bands, firstStarts: 48...88),
            dataAvailable: bands.contains { $0.reading.dataAvailable }
        )
    }

    /// A station's typical week: every day category with data.
    public func typicalWeek(at station: StationID, _ measure: StationMeasure = .occupancy) -> StationTypicalWeek {
        let station = stations.answering(for: station)
        guard stations.contains(station) else {
            return StationTypicalWeek(station: station, days: [], baselinePeople: 0, isAlwaysQuiet: false, isFound: false)
        }
        let days = TypicalDay.allCases.map { typicalDay(at: station, measure, day: $0) }.filter(\.dataAvailable)
        let entity = measure.rawValue * network.stations.count + station.index
        let quiet = !days.isEmpty && days.allSatisfy { d in d.bands.allSatisfy { ($0.reading.level ?? .quiet) == .quiet } }
        return StationTypicalWeek(
            station: station, days: days, baselinePeople: Double(typicalStations.baseline[entity]),
            isAlwaysQuiet: quiet, isFound: !days.isEmpty
        )
    }

    /// The 8-band window with the highest mean fraction of the baseline among windows whose
    /// first band is in `firstStarts` and whose bands all have data.
    static func peak(_ bands: [TypicalBand], firstStarts: ClosedRange<Int>) -> PeakWindow? {
        var best: PeakWindow?
        for first in firstStarts {
            var sum = 0.0
            var complete = true
            for b in first..<(first + 8) {
                guard let f = bands[b % 96].reading.percentageOfBaseline else { complete = false; break }
                sum += f
            }
            guard complete else { continue }
            let mean = sum / 8
            if best == nil || mean > best!.meanPercentageOfBaseline {
                best = PeakWindow(firstBand: first, bandCount: 8, meanPercentageOfBaseline: mean)
            }
        }
        return best
    }
}
