import ThrongCore

/// The generated interchange walking times of an import (documented in `SampleData/README.md`).
///
/// In-station, for every ordered pair of different lines at a station with `p` platforms:
/// `1.5 + 0.4·p` minutes, +0.5 when one line is sub-surface (Circle, District, Hammersmith &
/// City, Metropolitan) and the other deep tube, −0.5 when both are sub-surface, clamped to
/// 2–6 and rounded to the nearest half minute.
///
/// Out-of-station (between two stations of one complex), for every pair of lines, both ways:
/// `base + 1.3·d / 80` minutes, `d` the straight-line distance in metres between the stations'
/// coordinates (1.3 detour factor, 80 m/min walking), rounded to the nearest half minute;
/// `base` is 3 for `inoroutstation` and `inbarrier`, 4 for `samenamediffstation`, `markedosi`
/// and `outbarrierinstation`, plus 3 when the change runs through a third station (`via`).
enum InterchangeRule {
    /// Sub-surface lines (shared, shallow platforms; quicker changes between them).
    static let subSurface: Set<String> = ["Circle", "District", "Hammersmith & City", "Metropolitan"]

    /// The out-of-station interchange types imported, with their base minutes.
    static let outOfStationBase: [String: Double] = [
        "inbarrier": 3, "inoroutstation": 3, "samenamediffstation": 4, "markedosi": 4, "outbarrierinstation": 4,
    ]

    /// Extra minutes when the change passes through a third station.
    static let viaExtra = 3.0

    /// The year of `out_of_station_interchanges.json` used (the demand base year).
    static let osiYear = "2019"

    /// In-station walk between two lines.
    static func inStation(platforms: Int, lineA: String, lineB: String) -> Double {
        var w = 1.5 + 0.4 * Double(platforms)
        let a = subSurface.contains(lineA), b = subSurface.contains(lineB)
        if a != b { w += 0.5 } else if a { w -= 0.5 }
        return ((min(6, max(2, w))) * 2).rounded() / 2
    }

    /// Out-of-station walk between two stations.
    static func outOfStation(type: String, via: Bool, from a: Station, to b: Station) -> Double? {
        guard let base = outOfStationBase[type] else { return nil }
        let d = distanceMetres(a.latitude, a.longitude, b.latitude, b.longitude)
        let w = base + (via ? viaExtra : 0) + 1.3 * d / 80
        return (w * 2).rounded() / 2
    }

    /// Equirectangular distance, accurate to well under 1 % at these ranges.
    static func distanceMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_000.0, rad = Double.pi / 180
        let x = (lon2 - lon1) * rad * cosApprox((lat1 + lat2) / 2 * rad)
        let y = (lat2 - lat1) * rad
        return r * (x * x + y * y).squareRoot()
    }

    /// cos by Taylor series (no Foundation; |x| < 1.6 here). Deterministic on every platform.
    static func cosApprox(_ x: Double) -> Double {
        var term = 1.0, sum = 1.0
        for k in 1...12 {
            term *= -x * x / Double((2 * k - 1) * (2 * k))
            sum += term
        }
        return sum
    }
}
