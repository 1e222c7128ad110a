public import ThrongCore

/// Figures about one batch run, for the end-of-run summary (`--json` for machines).
public struct BatchReport: Sendable {
    /// Read, accepted, rejected, devices, journeys, inputs, parameters.
    public var quality: QualitySummary
    /// Header lines skipped (not counted as lines read).
    public var headerLines: Int
    /// Bytes read from the inputs (compressed size for zstd).
    public var bytesIn: Int
    /// Bytes of text after decompression.
    public var bytesOut: Int
    /// Input files.
    public var files: Int
    /// Device partitions.
    public var partitions: Int
    /// Whether any partition went to disk.
    public var spilled: Bool
    /// Most event bytes held in memory at once by the readers.
    public var peakBufferedBytes: Int
    /// Wall-clock time of the run, seconds.
    public var wallSeconds: Double
    /// Peak resident set size of the process, bytes.
    public var peakResidentBytes: Int
    /// File-level problems (truncated, corrupt, unreadable files), one line each.
    public var fileProblems: [String]

    /// Whether every line is accounted for: `accepted + rejected == read`.
    public var isBalanced: Bool { quality.accepted + quality.rejected == quality.linesRead }

    /// Lines per second over the whole run.
    public var linesPerSecond: Double { wallSeconds > 0 ? Double(quality.linesRead) / wallSeconds : 0 }

    /// A human summary, several lines.
    public var text: String {
        var lines: [String] = []
        let q = quality
        lines.append("read:      \(q.linesRead) lines from \(files) files (\(bytesIn) bytes, \(bytesOut) decompressed)")
        lines.append("accepted:  \(q.accepted)")
        lines.append("rejected:  \(q.rejected)" + (q.rejected > 0 ? " (" + q.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" : ""))
        lines.append("balanced:  \(isBalanced ? "yes" : "NO") (accepted + rejected = read)")
        lines.append("devices:   \(q.devices) (\(q.passengerDevices) passengers, \(q.residentDevices) resident, \(q.passerByDevices) passers-by)")
        lines.append("journeys:  \(q.journeys) (\(q.journeysBothEnds) seen at both ends"
            + (q.macChangesJoined > 0 ? ", \(q.macChangesJoined) joined across a MAC change)" : ")"))
        if q.implausibleDevices > 0 {
            lines.append("implausible devices: \(q.implausibleDevices) (over the per-device event limit; \(q.implausibleDeviceEvents) events left out as noise)")
        }
        lines.append("duplicates collapsed: \(q.duplicatesCollapsed)")
        lines.append(releaseLine)
        lines.append("time:      \(formatted(wallSeconds, 2)) s, \(Int(linesPerSecond)) lines/s, \(partitions) partitions\(spilled ? " (spilled to disk)" : ""), peak RSS \(peakResidentBytes >> 20) MiB")
        for p in fileProblems { lines.append("skipped:   \(p)") }
        return lines.joined(separator: "\n")
    }

    /// The summary as a JSON object (keys sorted, stable).
    /// How the counts were published.
    var releaseLine: String {
        let p = quality.parameters
        guard p["release"] == "differentially_private" else {
            return "release:   exact (threshold suppression only; not protected against differencing: trusted use)"
        }
        return "release:   differentially private, rho \(p["privacy_rho"] ?? "?") per device-day (epsilon \(p["privacy_epsilon"] ?? "?") at delta \(p["privacy_delta"] ?? "?")); "
            + "left out by the contribution bounds: \(quality.clippedJourneys) journeys, \(quality.clippedCells) cells"
    }

    public var json: String {
        let q = quality
        let rejected = q.rejectedByReason.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\($0.value)" }.joined(separator: ",")
        let problems = fileProblems.map(jsonString).joined(separator: ",")
        let fields: [(String, String)] = [
            ("accepted", String(q.accepted)),
            ("balanced", String(isBalanced)),
            ("bytes_in", String(bytesIn)),
            ("bytes_out", String(bytesOut)),
            ("devices", String(q.devices)),
            ("duplicates_collapsed", String(q.duplicatesCollapsed)),
            ("file_problems", "[\(problems)]"),
            ("files", String(files)),
            ("journeys", String(q.journeys)),
            ("journeys_both_ends", String(q.journeysBothEnds)),
            ("mac_changes_joined", String(q.macChangesJoined)),
            ("lines_per_second", formatted(linesPerSecond, 0)),
            ("lines_read", String(q.linesRead)),
            ("partitions", String(partitions)),
            ("passenger_devices", String(q.passengerDevices)),
            ("passer_by_devices", String(q.passerByDevices)),
            ("implausible_devices", String(q.implausibleDevices)),
            ("implausible_device_events", String(q.implausibleDeviceEvents)),
            ("release", jsonString(q.parameters["release"] ?? "exact")),
            ("privacy_rho", q.parameters["privacy_rho"] ?? "null"),
            ("privacy_epsilon", q.parameters["privacy_epsilon"] ?? "null"),
            ("clipped_journeys", String(q.clippedJourneys)),
            ("clipped_cells", String(q.clippedCells)),
            ("peak_rss_bytes", String(peakResidentBytes)),
            ("rejected", String(q.rejected)),
            ("rejected_by_reason", "{\(rejected)}"),
            ("resident_devices", String(q.residentDevices)),
            ("spilled", String(spilled)),
            ("wall_seconds", formatted(wallSeconds, 3)),
        ]
        return "{" + fields.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

/// A number with a fixed count of decimals, without Foundation.
func formatted(_ v: Double, _ decimals: Int) -> String {
    guard v.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (v * scale).rounded() / scale
    if decimals == 0 { return String(Int64(r)) }
    let whole = Int64(r.rounded(.towardZero))
    var frac = String(Int64(((abs(r) - Double(abs(whole))) * scale).rounded()))
    frac = String(repeating: "0", count: max(0, decimals - frac.count)) + frac
    return (r < 0 && whole == 0 ? "-" : "") + "\(whole).\(frac)"
}
