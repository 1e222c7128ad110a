import ThrongCore

/// Device key → slot index, for a shard's open devices: open addressing with linear probing
/// over flat arrays, a power-of-two capacity kept at most half full, and backward-shift
/// deletion (no tombstones, so lookups stay short after a day of opens and closes).
///
/// Device keys are 128-bit hashes already (``DeviceKey``), so the probe starts at the key's
/// low bits: no second hash per event, which is what `Dictionary` spent its time on (SipHash of
/// 16 bytes, 5% of the live engine's CPU on a pilot day).
struct DeviceSlotTable {
    private var keys: [DeviceKey]
    /// Slot index + 1; 0 marks an empty entry.
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [DeviceKey](repeating: DeviceKey(high: 0, low: 0), count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private func home(_ key: DeviceKey) -> Int { Int(truncatingIfNeeded: key.low) & mask }

    /// The slot of `key`, if present.
    @inline(__always) func index(of key: DeviceKey) -> Int? {
        values.withUnsafeBufferPointer { v in
            keys.withUnsafeBufferPointer { k in
                var p = home(key)
                while true {
                    let s = v[p]
                    if s == 0 { return nil }
                    if k[p] == key { return Int(s) - 1 }
                    p = (p + 1) & mask
                }
            }
        }
    }

    /// Sets the slot of `key` (inserting it or replacing its slot).
    mutating func set(_ key: DeviceKey, to index: Int) {
        precondition(index >= 0 && index < Int(Int32.max), "slot index out of range")
        if (count + 1) * 2 > values.count { grow() }
        var p = home(key)
        while values[p] != 0 {
            if keys[p] == key { values[p] = Int32(index + 1); return }
            p = (p + 1) & mask
        }
        keys[p] = key
        values[p] = Int32(index + 1)
        count += 1
    }

    /// Removes `key`; does nothing if it is absent.
    mutating func remove(_ key: DeviceKey) {
        var p = home(key)
        while true {
            if values[p] == 0 { return }
            if keys[p] == key { break }
            p = (p + 1) & mask
        }
        // Backward shift: move later entries of the run into the hole when their home allows.
        var hole = p
        var q = (p + 1) & mask
        while values[q] != 0 {
            let h = home(keys[q])
            // q's entry may fill the hole if its home is not in (hole, q] (cyclically).
            let between = hole <= q ? (h > hole && h <= q) : (h > hole || h <= q)
            if !between {
                keys[hole] = keys[q]
                values[hole] = values[q]
                hole = q
            }
            q = (q + 1) & mask
        }
        values[hole] = 0
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = oldValues.count * 2
        keys = [DeviceKey](repeating: DeviceKey(high: 0, low: 0), count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        for p in oldValues.indices where oldValues[p] != 0 {
            var q = home(oldKeys[p])
            while values[q] != 0 { q = (q + 1) & mask }
            keys[q] = oldKeys[p]
            values[q] = oldValues[p]
        }
    }
}
