/// A value an accumulator sums per bin and entity (a station or a link).
protocol BinnedValue: Sendable {
    static var zero: Self { get }
    /// Whether nothing has been added (such cells are not published as rows).
    var isZero: Bool { get }
}

/// Totals per time bin and dense entity index, in one flat row per bin: the hot path adds by
/// index (one hash lookup per new bin, none while consecutive additions stay in one bin), not
/// by a dictionary keyed on a composite `(bin, entity)` value.
///
/// Rows grow to the highest entity index added. Which bins exist depends only on what was
/// added, and ``cells`` lists the non-zero cells sorted by (bin, entity), so the result does
/// not depend on the order of additions or merges.
struct BinnedCells<Value: BinnedValue>: Sendable {
    private var binStarts: [Int64] = []
    private var rowOfBin: [Int64: Int] = [:]
    private var rows: [[Value]] = []
    private var lastBin: Int64 = .min
    private var lastRow = -1

    init() {}

    @inline(__always) private mutating func row(_ bin: Int64) -> Int {
        if bin == lastBin { return lastRow }
        let r: Int
        if let found = rowOfBin[bin] {
            r = found
        } else {
            r = rows.count
            rowOfBin[bin] = r
            binStarts.append(bin)
            rows.append([])
        }
        lastBin = bin
        lastRow = r
        return r
    }

    /// Changes the cell of `entity` in the bin starting at `bin`.
    @inline(__always) mutating func update(bin: Int64, entity: Int, _ body: (inout Value) -> Void) {
        let r = row(bin)
        if rows[r].count <= entity { rows[r].append(contentsOf: repeatElement(Value.zero, count: entity + 1 - rows[r].count)) }
        body(&rows[r][entity])
    }

    /// The cell's value, `nil` when nothing was added to it.
    func value(bin: Int64, entity: Int) -> Value? {
        guard let r = rowOfBin[bin], entity < rows[r].count, !rows[r][entity].isZero else { return nil }
        return rows[r][entity]
    }

    /// Every non-zero cell, sorted by bin, then entity.
    var cells: [(bin: Int64, entity: Int, value: Value)] {
        var result: [(bin: Int64, entity: Int, value: Value)] = []
        for r in binStarts.indices.sorted(by: { binStarts[$0] < binStarts[$1] }) {
            for (e, v) in rows[r].enumerated() where !v.isZero { result.append((binStarts[r], e, v)) }
        }
        return result
    }

    /// The bins with any row (some may hold only zeros).
    var bins: [Int64] { binStarts }

    /// Moves the rows of the bins for which `leaves` is true out into a new value (the rest
    /// stay, in their order): how the live engine takes sealed days out of its totals.
    mutating func removeBins(where leaves: (Int64) -> Bool) -> BinnedCells<Value> {
        var removed = BinnedCells<Value>()
        var kept = BinnedCells<Value>()
        for (r, bin) in binStarts.enumerated() {
            if leaves(bin) {
                removed.rowOfBin[bin] = removed.rows.count
                removed.binStarts.append(bin)
                removed.rows.append(rows[r])
            } else {
                kept.rowOfBin[bin] = kept.rows.count
                kept.binStarts.append(bin)
                kept.rows.append(rows[r])
            }
        }
        self = kept
        return removed
    }

    /// Adds every cell of `other` with `add`.
    mutating func merge(_ other: BinnedCells<Value>, _ add: (inout Value, Value) -> Void) {
        for (r, bin) in other.binStarts.enumerated() {
            for (e, v) in other.rows[r].enumerated() where !v.isZero {
                update(bin: bin, entity: e) { add(&$0, v) }
            }
        }
    }
}
