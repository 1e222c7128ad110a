import ThrongCore
import ThrongIO

/// One source as a checkpoint records it: its counts and where to resume it.
struct CheckpointSource: Sendable {
    var name: String
    var linesRead: Int
    var accepted: Int
    /// Rejected lines per reason code.
    var rejects: [String: Int]
    var late: Int
    var lateByBin: [Int64: Int]
    var watermark: Int64?
    var finished: Bool
    /// Where the feed resumes it (docs/live.md, "Checkpoint and restart"): `tail:OFFSET:LINE:INODE`
    /// for a followed `.csv`, `done` for a `.csv.zst` read whole, empty when it cannot be resumed.
    var position: String
}

/// What a checkpoint holds: the accepted events so far (the engine rebuilds its state from
/// them, with the batch code: no aggregate needs a file format of its own) and the sources.
struct CheckpointContents: Sendable {
    var events: [Event]
    var sources: [CheckpointSource]
}

extension Event {
    /// 28 bytes: device high and low, time, access point (little endian).
    static let packedSize = 28

    static func pack(_ events: [Event]) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(events.count * packedSize)
        for e in events {
            withUnsafeBytes(of: e.device.high.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: e.device.low.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: e.time.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: e.accessPoint.rawValue.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func unpack(_ bytes: [UInt8], into events: inout [Event]) {
        bytes.withUnsafeBytes { raw in
            var o = 0
            while o + packedSize <= raw.count {
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))
                let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self))
                let time = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: o + 16, as: Int64.self))
                let ap = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 24, as: UInt32.self))
                events.append(Event(time: time, device: DeviceKey(high: high, low: low), accessPoint: AccessPointID(ap)))
                o += packedSize
            }
        }
    }
}
