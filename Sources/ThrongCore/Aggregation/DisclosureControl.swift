/// Threshold suppression with group protection, so that suppressed cells cannot be
/// recovered by subtracting published cells from a total.
///
/// Rules (also in `docs/semantics.md`, "Disclosure control"):
/// 1. *Primary*: a cell whose value is greater than zero and below `threshold` is suppressed.
///    Zero cells are published (an empty cell identifies nobody).
/// 2. *Group protection*: cells are organised in groups whose total can be learnt
///    elsewhere (e.g. all bins of one station and day, whose total is the station's daily
///    figure). In every group the suppressed cells must together hold either nothing or
///    at least `threshold`; while a group's suppressed mass is above zero and below the
///    threshold, its smallest published non-zero cell (ties: lowest index) is suppressed
///    too. Groups may overlap; the rule is applied until no group changes. Subtracting
///    published cells from any total of a union of groups then reveals only a sum of at
///    least `threshold` spread over two or more cells.
public struct DisclosureControl: Sendable {
    /// The threshold k: published non-zero values are at least this.
    public var threshold: Int64

    /// Creates a control with threshold `k` (in the unit of the values given to it).
    public init(threshold: Int64) {
        precondition(threshold >= 1, "disclosure threshold must be at least 1")
        self.threshold = threshold
    }

    /// Returns, for each value, whether it is suppressed.
    ///
    /// - Parameters:
    ///   - values: the cells, non-negative.
    ///   - groups: each group lists indices into `values`.
    public func suppressed(values: [Int64], groups: [[Int]]) -> [Bool] {
        var hidden = values.map { $0 > 0 && $0 < threshold }
        var changed = true
        while changed {
            changed = false
            for group in groups {
                while true {
                    var mass: Int64 = 0
                    var smallest: Int? = nil
                    for i in group {
                        if hidden[i] {
                            mass += values[i]
                        } else if values[i] > 0, smallest.map({ values[i] < values[$0] || (values[i] == values[$0] && i < $0) }) ?? true {
                            smallest = i
                        }
                    }
                    guard mass > 0, mass < threshold, let next = smallest else { break }
                    hidden[next] = true
                    changed = true
                }
            }
        }
        return hidden
    }

    /// Groups the indices of `keys` by a grouping key, in first-seen order.
    public static func groups<Key: Hashable>(of count: Int, by key: (Int) -> Key) -> [[Int]] {
        var index: [Key: Int] = [:]
        var result: [[Int]] = []
        for i in 0..<count {
            let k = key(i)
            if let g = index[k] {
                result[g].append(i)
            } else {
                index[k] = result.count
                result.append([i])
            }
        }
        return result
    }
}
