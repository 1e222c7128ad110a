/// A fixed-size set of small integers.
struct BitSet: Sendable {
    private(set) var words: [UInt64]
    private(set) var count = 0

    init(size: Int) { words = [UInt64](repeating: 0, count: (size + 63) / 64) }

    /// Inserts `i`; returns whether it was new.
    @discardableResult
    mutating func insert(_ i: Int) -> Bool {
        let w = i >> 6, bit = UInt64(1) << UInt64(i & 63)
        if words[w] & bit != 0 { return false }
        words[w] |= bit
        count += 1
        return true
    }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (UInt64(1) << UInt64(i & 63)) != 0 }
}
