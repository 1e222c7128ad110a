/// Builds RFC-4180 CSV text: `LF` line ends, fields quoted only when they contain a comma,
/// a quote, `CR` or `LF` (quotes doubled). Deterministic, for byte-identical output.
public struct CSVWriter: Sendable {
    /// The text written so far.
    private(set) var text = ""

    /// Creates an empty writer.
    init() {}

    /// Appends one record.
    mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { text.append(",") }
            text.append(Self.escape(f))
        }
        text.append("\n")
    }

    /// Quotes a field when needed (RFC 4180: only when it holds a comma, quote, CR or LF).
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as the shortest text that reads back to the same `Double` (`2.0`, `1.74`).
    static func number(_ value: Double) -> String { value.description }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
