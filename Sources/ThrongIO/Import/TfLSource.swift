import Foundation

/// The TfL reference files of `shared/data/london`, read into plain rows (no conversion yet).
struct TfLSource {
    /// A row of the source `stations.csv`.
    struct StationRow {
        var naptan: String
        var name: String
        var nlc: Int
        var countsNLC: Int
        var lat: String
        var lon: String
        var fareZones: String
        var lines: [String]
        var platforms: Int?
        var line: Int
    }

    /// A row of the source `links.csv`.
    struct LinkRow {
        var line: String
        var direction: String
        var from: String
        var to: String
        var crowKm: Double
        var distanceKm: Double?
        var unimpeded: Double?
        var amPeak: Double?
        var interPeak: Double?
        var note: String
        var fileLine: Int
    }

    /// One pair of `out_of_station_interchanges.json`.
    struct OSIPair {
        var a: String
        var b: String
        var type: String
        var via: String?
    }

    var stations: [StationRow] = []
    var links: [LinkRow] = []
    /// Pairs by year key (`"2019"`).
    var osi: [String: [OSIPair]] = [:]
    var stationsPath = ""
    var linksPath = ""

    /// Source file names.
    static let stationsFile = "stations.csv"
    static let linksFile = "links.csv"
    static let quarterHourFile = "entries_exits_by_quarter_hour_2019.csv"
    static let stationDemandFile = "station_demand_2019_2023.csv"
    static let rodsFile = "rods_od_daily.csv"
    static let osiFile = "out_of_station_interchanges.json"

    /// Reads stations, links and interchanges from the source folder.
    static func read(directory: String) throws(ThrongIOError) -> TfLSource {
        var src = TfLSource()
        src.stationsPath = NetworkFolder.path(directory, stationsFile)
        let (st, si) = try CSVTable.read(
            path: src.stationsPath,
            requiring: ["naptan", "name", "nlc", "counts_nlc", "lat", "lon", "fare_zones", "lines", "platforms"])
        for r in st.records {
            func f(_ name: String) -> String { r.fields[si[name]!] }
            guard let nlc = Int(f("nlc")), let counts = Int(f("counts_nlc")) else {
                throw st.error(.invalidSource, r, "nlc or counts_nlc is not an integer")
            }
            let platformsText = f("platforms")
            var platforms: Int?
            if !platformsText.isEmpty {
                guard let p = Int(platformsText), p >= 1 else { throw st.error(.invalidSource, r, "bad platforms \(platformsText)") }
                platforms = p
            }
            src.stations.append(StationRow(
                naptan: f("naptan"), name: f("name"), nlc: nlc, countsNLC: counts, lat: f("lat"), lon: f("lon"),
                fareZones: f("fare_zones"), lines: f("lines").split(separator: ";").map(String.init),
                platforms: platforms, line: r.line))
        }
        src.linksPath = NetworkFolder.path(directory, linksFile)
        let (lt, li) = try CSVTable.read(
            path: src.linksPath,
            requiring: ["line", "direction", "from_naptan", "to_naptan", "crow_km", "distance_km", "unimpeded_min",
                        "am_peak_min", "inter_peak_min", "notes"])
        for r in lt.records {
            func f(_ name: String) -> String { r.fields[li[name]!] }
            func opt(_ name: String) throws(ThrongIOError) -> Double? {
                let s = f(name)
                if s.isEmpty { return nil }
                guard let v = Double(s), v.isFinite else { throw lt.error(.invalidSource, r, "\(name) \"\(s)\" is not a number") }
                return v
            }
            guard let crow = try opt("crow_km") else { throw lt.error(.invalidSource, r, "crow_km missing") }
            src.links.append(LinkRow(
                line: f("line"), direction: f("direction"), from: f("from_naptan"), to: f("to_naptan"), crowKm: crow,
                distanceKm: try opt("distance_km"), unimpeded: try opt("unimpeded_min"), amPeak: try opt("am_peak_min"),
                interPeak: try opt("inter_peak_min"), note: f("notes"), fileLine: r.line))
        }
        src.osi = try readOSI(NetworkFolder.path(directory, osiFile))
        return src
    }

    /// Reads `out_of_station_interchanges.json`: `{ "year": [[a, b, type, via?], …], … }`.
    static func readOSI(_ path: String) throws(ThrongIOError) -> [String: [OSIPair]] {
        guard FileManager.default.fileExists(atPath: path) else { throw ThrongIOError(.missingFile, "file not found", file: path) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ThrongIOError(.invalidSource, "not valid JSON", file: path, cause: DescribedError(error))
        }
        guard let years = object as? [String: Any] else { throw ThrongIOError(.invalidSource, "top level is not an object", file: path) }
        var result: [String: [OSIPair]] = [:]
        for (year, value) in years {
            guard let list = value as? [[Any]] else { throw ThrongIOError(.invalidSource, "year \(year) is not a list of lists", file: path) }
            result[year] = try list.map { (item: [Any]) throws(ThrongIOError) -> OSIPair in
                let s = item.compactMap { $0 as? String }
                guard s.count == item.count, s.count >= 3 else {
                    throw ThrongIOError(.invalidSource, "year \(year): bad pair \(item)", file: path)
                }
                return OSIPair(a: s[0], b: s[1], type: s[2], via: s.count > 3 ? s[3] : nil)
            }
        }
        return result
    }
}
