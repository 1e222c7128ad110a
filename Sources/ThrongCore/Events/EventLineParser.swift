/// Parses one event-log line, `timestamp,device,ap[,ignored…]`, from raw bytes into an
/// ``Event`` or a ``RejectReason``, without allocating.
///
/// The line is given without its LF; a trailing CR (CRLF files) is ignored. Fields are not
/// trimmed and not quoted: a space in a device token makes it ``RejectReason/badDevice``.
/// Checks run in the order of ``RejectReason``'s cases and the first failure is reported.
/// Header lines are the reader's business (see ``isHeader(_:)``).
public enum EventLineParser {
    /// The longest accepted line in bytes, terminator excluded.
    public static let maxLineLength = 4096
    /// The longest accepted device token in characters (= bytes: the alphabet is ASCII).
    public static let maxDeviceLength = 128
    /// The longest accepted access point id in characters (Unicode scalars).
    public static let maxAccessPointLength = 64

    /// An event, or why the line is not one.
    public enum ParseResult: Hashable, Sendable {
        /// The line is a valid event.
        case event(Event)
        /// The line is rejected.
        case rejected(RejectReason)
    }

    /// Whether a first line is a header: it starts with the bytes `timestamp`. Readers take
    /// the first line of a file as a header if this holds and it is at most
    /// ``maxLineLength`` bytes, and a later line only if it is exactly that header (or
    /// exactly `timestamp,device,ap`, as in concatenated files); a header is counted, not
    /// read as an event (see `EventLogReader`).
    public static func isHeader(_ line: UnsafeRawBufferPointer) -> Bool {
        let word: StaticString = "timestamp"
        guard line.count >= word.utf8CodeUnitCount else { return false }
        for i in 0..<word.utf8CodeUnitCount where line[i] != word.utf8Start[i] { return false }
        return true
    }

    /// Parses a line (without LF; a trailing CR is ignored).
    public static func parse(_ line: UnsafeRawBufferPointer, resolver: AccessPointResolver) -> ParseResult {
        var n = line.count
        if n > 0 && line[n - 1] == 0x0D { n -= 1 }
        guard n <= maxLineLength else { return .rejected(.lineTooLong) }
        guard n > 0 else { return .rejected(.emptyLine) }
        let bytes = UnsafeRawBufferPointer(rebasing: line[0..<n])
        let ascii = isASCII(bytes)
        if !ascii && !isValidUTF8(bytes) { return .rejected(.invalidUTF8) }

        // Split the first three fields.
        guard let c1 = firstComma(bytes, from: 0),
              let c2 = firstComma(bytes, from: c1 + 1)
        else { return .rejected(.missingFields) }
        let apEnd = firstComma(bytes, from: c2 + 1) ?? n

        // Timestamp.
        let millis: Int64
        switch Timestamp.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<c1])) {
        case .millis(let m): millis = m
        case .rejected(let r): return .rejected(r)
        }

        // Device.
        let deviceLength = c2 - c1 - 1
        guard deviceLength > 0 else { return .rejected(.badDevice) }
        let device = UnsafeRawBufferPointer(rebasing: bytes[(c1 + 1)..<c2])
        guard allDeviceBytes(device) else { return .rejected(.badDevice) }
        guard deviceLength <= maxDeviceLength else { return .rejected(.deviceTooLong) }

        // Access point.
        let ap = UnsafeRawBufferPointer(rebasing: bytes[(c2 + 1)..<apEnd])
        guard !ap.isEmpty, ap.count <= maxAccessPointLength * 4 else { return .rejected(.badAccessPoint) }
        if ascii {
            guard ap.count <= maxAccessPointLength, !hasControlASCII(ap) else { return .rejected(.badAccessPoint) }
        } else {
            guard !hasControlOrSeparator(ap), scalarCount(ap) <= maxAccessPointLength else { return .rejected(.badAccessPoint) }
        }
        guard let id = resolver.lookup(ap) else { return .rejected(.unknownAccessPoint) }
        return .event(Event(time: millis, device: resolver.deviceKeying.key(device), accessPoint: id))
    }

    /// Whether valid UTF-8 contains a control character, C0 (U+0000–U+001F), DEL or C1
    /// (U+0080–U+009F, e.g. U+0085 NEXT LINE), or a line or paragraph separator (U+2028,
    /// U+2029): characters that break a line or are invisible in an id.
    static func hasControlOrSeparator(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x20 || b == 0x7F { return true }
            // C1 controls are C2 80 … C2 9F; U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            if b == 0xC2 && i + 1 < n && p[i + 1] < 0xA0 { return true }
            if b == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9) { return true }
            i += 1
        }
        return false
    }

    /// The number of Unicode scalars in valid UTF-8 (bytes that are not continuation bytes).
    static func scalarCount(_ p: UnsafeRawBufferPointer) -> Int {
        var scalars = 0
        for b in p where b & 0xC0 != 0x80 { scalars += 1 }
        return scalars
    }

    /// Whether a byte is in `[A-Za-z0-9+/=_-]`.
    @inline(__always)
    static func isDeviceByte(_ b: UInt8) -> Bool {
        deviceByteTable[Int(b)] != 0
    }

    /// 1 for the bytes of `[A-Za-z0-9+/=_-]`, 0 for all others. Allocated once, never freed.
    nonisolated(unsafe) static let deviceByteTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for b in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-".utf8) { table[Int(b)] = 1 }
        return UnsafePointer(table)
    }()

    /// Whether all bytes are device-token bytes (no early exit: tokens are short and valid).
    @inline(__always)
    static func allDeviceBytes(_ p: UnsafeRawBufferPointer) -> Bool {
        let table = deviceByteTable
        var ok: UInt8 = 1
        for b in p { ok &= table[Int(b)] }
        return ok != 0
    }

    /// Whether an ASCII buffer contains a control character (below 0x20, or 0x7F).
    @inline(__always)
    static func hasControlASCII(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        var found: UInt64 = 0
        while i + 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // With all bytes < 0x80: a byte < 0x20 borrows into bit 7; 0x7F becomes 0 after xor.
            found |= (w &- 0x2020_2020_2020_2020) & ~w
            let x = w ^ 0x7F7F_7F7F_7F7F_7F7F
            found |= (x &- 0x0101_0101_0101_0101) & ~x
            i += 8
        }
        found &= 0x8080_8080_8080_8080
        while i < n {
            let b = p[i]
            if b < 0x20 || b == 0x7F { return true }
            i += 1
        }
        return found != 0
    }

    /// The index of the first comma at or after `start`, eight bytes at a time.
    @inline(__always)
    static func firstComma(_ p: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var i = start
        let n = p.count
        while i + 8 <= n {
            let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2C2C_2C2C_2C2C_2C2C
            let z = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if z != 0 { return i + z.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            if p[i] == 0x2C { return i }
            i += 1
        }
        return nil
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    static func isASCII(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var acc: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            acc |= p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            acc |= UInt64(p[i])
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, at most U+10FFFF).
    static func isValidUTF8(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            @inline(__always) func cont(_ j: Int) -> Bool { j < n && p[j] & 0xC0 == 0x80 }
            if b0 >= 0xC2 && b0 <= 0xDF {
                guard cont(i + 1) else { return false }
                i += 2
            } else if b0 >= 0xE0 && b0 <= 0xEF {
                guard cont(i + 1), cont(i + 2) else { return false }
                let b1 = p[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                if b0 == 0xED && b1 > 0x9F { return false }  // surrogate
                i += 3
            } else if b0 >= 0xF0 && b0 <= 0xF4 {
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                let b1 = p[i + 1]
                if b0 == 0xF0 && b1 < 0x90 { return false }  // overlong
                if b0 == 0xF4 && b1 > 0x8F { return false }  // > U+10FFFF
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
