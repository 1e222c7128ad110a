public import ThrongCore

/// Typical-day gate counts per quarter hour, per station, day type and direction: the
/// TfL annual-counts profile as converted into `demand/station_profiles_2019.csv`
/// (`naptan,day_type,direction,total,0500-0515,…,0445-0500`; docs/formats.md).
public struct StationProfiles: Sendable {
    /// Per station and day type: 96 quarter-hour entries and exits, quarter 0 at 05:00 local.
    public var profiles: [StationID: [DayType: (entries: [Double], exits: [Double])]]

    /// Loads a profiles file for a network. Stations not in the network are an error
    /// naming file and line, as are a bad day type, direction or number.
    public static func load(path: String, network: Network) throws(ThrongIOError) -> StationProfiles {
        let (table, column) = try CSVTable.read(path: path, requiring: ["naptan", "day_type", "direction"])
        guard let firstQuarter = table.header.firstIndex(of: "0500-0515"), firstQuarter + 96 <= table.header.count else {
            throw ThrongIOError(.badCSVHeader, "expected 96 quarter-hour columns starting at 0500-0515", file: path, line: 1)
        }
        var result: [StationID: [DayType: (entries: [Double], exits: [Double])]] = [:]
        for record in table.records {
            let naptan = try table.text(record, column["naptan"]!)
            guard let station = network.stationByNaptan[naptan] else {
                throw table.error(.unknownStation, record, "station \(naptan) is not in the network")
            }
            guard let type = DayType(rawValue: try table.text(record, column["day_type"]!)) else {
                throw table.error(.invalidField, record, "day_type must be MTT, FRI, SAT or SUN")
            }
            let direction = try table.text(record, column["direction"]!)
            guard direction == "IN" || direction == "OUT" else {
                throw table.error(.invalidField, record, "direction must be IN or OUT")
            }
            var quarters: [Double] = []
            quarters.reserveCapacity(96)
            for c in firstQuarter..<(firstQuarter + 96) {
                let v = try table.double(record, c)
                guard v >= 0 else { throw table.error(.invalidField, record, "\(table.header[c]) is negative") }
                quarters.append(v)
            }
            var entry = result[station, default: [:]][type] ?? (entries: [], exits: [])
            if direction == "IN" { entry.entries = quarters } else { entry.exits = quarters }
            result[station, default: [:]][type] = entry
        }
        return StationProfiles(profiles: result)
    }
}
