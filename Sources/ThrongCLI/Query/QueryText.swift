import Throng

/// Human-readable renderings of query results.
struct QueryText {
    let index: CrowdingIndex

    func name(_ id: StationID) -> String { index.station(id).displayName }

    func number(_ v: Double?, digits: Int = 0) -> String {
        guard let v else { return "-" }
        if digits == 0 { return String(Int(v.rounded())) }
        let scale = Double([1, 10, 100, 1000][min(3, digits)])
        let r = (v * scale).rounded() / scale
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        } else {
            s += "." + String(repeating: "0", count: digits)
        }
        return s
    }

    func percent(_ v: Double?) -> String { v.map { String(Int(($0 * 100).rounded())) + "%" } ?? "-" }

    func people(_ p: PeopleEstimate?) -> String {
        guard let p else { return "-" }
        return "\(number(p.people)) (95%: \(number(p.lower95))–\(number(p.upper95)))"
    }

    func window(_ r: CrowdingReading) -> String {
        r.source == .observed || r.start != 0
            ? "\(index.localTime.describe(r.start))–\(index.localTime.clock(r.end))"
            : "\(r.day.fullName) \(TypicalBand.label(from: r.band, to: r.band + 1))"
    }

    func reading(_ r: CrowdingReading) -> [(String, String)] {
        guard r.dataAvailable else { return [("data", "not available (\(r.unavailable?.rawValue ?? "unknown"))")] }
        var rows: [(String, String)] = [
            ("devices", number(r.devices, digits: r.source == .typical ? 1 : 0)),
            ("people", people(r.people)),
            ("% of baseline", percent(r.percentageOfBaseline) + (r.level.map { " (\($0))" } ?? "")),
        ]
        if r.source == .observed {
            rows.append(("vs usual", r.relativeToUsual.map { "\(number($0, digits: 2))× the typical \(r.day.fullName) level" } ?? "-"))
        }
        rows.append(("typical from", "\(r.typicalDays) day(s)"))
        return rows
    }

    func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// A bar of `fraction` (0…1+) in eighths of a block, `width` cells for 1.0.
    func bar(_ fraction: Double, width: Int = 30) -> String {
        let eighths = Int((max(0, min(fraction, 1.5)) * Double(width) * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// Renders a string padded on the right to `width`.
    func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
}
