/// The forgiving form of a station name used for lookups.
///
/// Lower case; apostrophes and full stops dropped (`King's` = `Kings`, `St.` = `St`); `&` read
/// as `and`; `street`, `saint` and `st` read as one word (`st`); hyphens, commas, slashes and
/// brackets as spaces; a trailing `station`, `underground station` or `tube station` dropped;
/// runs of spaces collapsed.
package enum StationNameKey {
    package static func normalize(_ text: String) -> String {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for ch in text.lowercased() {
            switch ch {
            case "'", "’", "‘", ".": continue
            case "&": cleaned += " and "
            case "-", ",", "/", "(", ")", "_", "\t": cleaned += " "
            default: cleaned.append(ch)
            }
        }
        var words = cleaned.split(separator: " ").map { word -> String in
            switch word {
            case "street", "saint", "st": "st"
            default: String(word)
            }
        }
        for suffix in [["underground", "station"], ["tube", "station"], ["station"]] where words.count > suffix.count {
            if Array(words.suffix(suffix.count)) == suffix { words.removeLast(suffix.count); break }
        }
        return words.joined(separator: " ")
    }

    /// Edit distance (Levenshtein) between two keys, for suggestions.
    package static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var previous = row[0]
            row[0] = i
            for j in 1...y.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }
}
