import ThrongCore

/// Formats event lines `timestamp,device,ap` into bytes: epoch milliseconds, or ISO-8601
/// with milliseconds and `Z` for events flagged ISO; the device as 16 hex digits.
struct EventFormatter: Sendable {
    /// UTF-8 bytes of each access point id.
    let apBytes: [[UInt8]]
    static let header: [UInt8] = Array("timestamp,device,ap\n".utf8)

    init(network: Network) {
        apBytes = network.accessPoints.map { Array($0.id.utf8) }
    }

    func format(_ events: [SimEvent], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + events.count * 48)
        for e in events {
            let ts = e.timestamp
            if e.iso { Self.appendISO(ts, &out) } else { Self.appendDecimal(ts, &out) }
            out.append(0x2C)
            let v = e.token
            var shift: UInt64 = 60
            for _ in 0..<16 {
                out.append(Tokens.hexDigits[Int((v >> shift) & 15)])
                shift &-= 4
            }
            out.append(0x2C)
            out.append(contentsOf: apBytes[Int(e.ap)])
            out.append(0x0A)
        }
    }

    static func appendDecimal(_ value: Int64, _ out: inout [UInt8]) {
        var v = UInt64(max(0, value))
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    static func appendISO(_ ms: Int64, _ out: inout [UInt8]) {
        out.append(contentsOf: Timestamp.iso8601(millis: ms).utf8)
    }
}
