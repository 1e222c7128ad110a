/// Resolves access point ids, given as raw bytes, to ``AccessPointID``s without creating
/// Strings: an open-addressing hash table (linear probing) over a 64-bit hash of the bytes,
/// with full byte comparison on a hash match.
///
/// Build it once per ``Network`` and share it; it is immutable and `Sendable`.
public struct AccessPointResolver: Sendable {
    /// Per slot: the entry's hash in the high 32 bits, `index + 1` in the low 32 bits;
    /// 0 = empty. Power-of-two count, at most half full. One load per probe.
    @usableFromInline let slots: [UInt64]
    /// Start of each entry's bytes in ``bytes``; one extra element at the end.
    @usableFromInline let offsets: [UInt32]
    /// The access point of each entry.
    @usableFromInline let ids: [AccessPointID]
    /// All id bytes, concatenated.
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let mask: Int

    /// How the parser turns device tokens into keys (default ``DeviceKeying/unkeyed``; the
    /// batch engine uses a random secret per run).
    public var deviceKeying: DeviceKeying

    /// Number of ids the resolver knows.
    public var count: Int { ids.count }

    /// A resolver for the network's access points (``Network/accessPointByID``).
    public init(network: Network, deviceKeying: DeviceKeying = .unkeyed) {
        self.init(pairs: network.accessPointByID.map { ($0.key, $0.value) }, deviceKeying: deviceKeying)
    }

    /// A resolver for explicit pairs of id and access point. If an id appears twice, the
    /// last pair wins.
    public init(pairs: [(String, AccessPointID)], deviceKeying: DeviceKeying = .unkeyed) {
        self.deviceKeying = deviceKeying
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var hashes: [UInt64] = []
        var ids: [AccessPointID] = []
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (name, id) in pairs {
            let utf8 = Array(name.utf8)
            let h = utf8.withUnsafeBytes { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: h) & mask
            var replaced = false
            while slots[slot] != 0 {
                let e = Int(slots[slot] & 0xFFFF_FFFF) - 1
                if hashes[e] == h && Array(bytes[Int(offsets[e])..<Int(offsets[e + 1])]) == utf8 {
                    ids[e] = id
                    replaced = true
                    break
                }
                slot = (slot + 1) & mask
            }
            if replaced { continue }
            bytes.append(contentsOf: utf8)
            offsets.append(UInt32(bytes.count))
            hashes.append(h)
            ids.append(id)
            slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(ids.count)
        }
        self.slots = slots
        self.offsets = offsets
        self.ids = ids
        self.bytes = bytes
        self.mask = mask
    }

    /// The access point whose id has exactly these bytes, if any.
    @inlinable
    public func lookup(_ key: UnsafeRawBufferPointer) -> AccessPointID? {
        let h = Self.hash(key)
        let tag = h & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { offsets in
                bytes.withUnsafeBytes { all in
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let s = slots[slot]
                        if s == 0 { return nil }
                        if s & 0xFFFF_FFFF_0000_0000 == tag {
                            let e = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1
                            let start = Int(offsets[e])
                            let end = Int(offsets[e &+ 1])
                            if end &- start == key.count
                                && (key.count == 0 || Self.equal(UnsafeRawBufferPointer(start: all.baseAddress! + start, count: end &- start), key))
                            {
                                return ids[e]
                            }
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
    }

    @inlinable @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// A fast 64-bit hash of a short byte string: 8-byte words folded with a multiply-xorshift.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = UInt64(truncatingIfNeeded: key.count) &* k
        let n = key.count
        var i = 0
        while i + 8 <= n {
            let w = key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(key[i]) << shift
                shift &+= 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        // MurmurHash3's fmix64: every input bit affects every output bit.
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
