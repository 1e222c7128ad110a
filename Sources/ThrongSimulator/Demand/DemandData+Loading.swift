public import ThrongCore
import Foundation

extension DemandData {
    /// `od_daily.csv`: `year,origin_naptan,destination_naptan,journeys`.
    public static let odFile = "od_daily.csv"
    /// `station_profiles_2019.csv`: `naptan,day_type,direction,total,` then 96 quarter-hour columns.
    public static let profilesFile = "station_profiles_2019.csv"

    /// Loads `od_daily.csv` and `station_profiles_2019.csv` from a demand folder
    /// (e.g. `SampleData/london/demand`). Rows naming stations not in `network` are skipped.
    public static func load(directory: String, network: Network) throws(SimulatorError) -> DemandData {
        var demand = DemandData(stationCount: network.stations.count)
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        let od = try lines(dir + odFile)
        for (n, line) in od.enumerated() where n > 0 && !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 4, let year = Int(f[0]), let j = Double(f[3]) else {
                throw SimulatorError(.invalidDemand, "\(dir + odFile):\(n + 1): expected year,origin_naptan,destination_naptan,journeys")
            }
            guard let o = network.stationByNaptan[String(f[1])], let d = network.stationByNaptan[String(f[2])] else { continue }
            demand.addOD(year: year, origin: o, destination: d, journeys: j)
        }
        let profiles = try lines(dir + profilesFile)
        for (n, line) in profiles.enumerated() where n > 0 && !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 100, let dayType = DayType(rawValue: String(f[1])) else {
                throw SimulatorError(.invalidDemand, "\(dir + profilesFile):\(n + 1): expected naptan,day_type,direction,total and 96 quarter hours")
            }
            guard f[2] == "IN", let s = network.stationByNaptan[String(f[0])] else { continue }
            demand.setEntryProfile(s, dayType: dayType, quarterHours: f[4..<100].map { Double($0) ?? 0 })
        }
        return demand
    }

    private static func lines(_ path: String) throws(SimulatorError) -> [Substring] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulatorError(.invalidDemand, "cannot read \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}
