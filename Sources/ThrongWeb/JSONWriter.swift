/// A small, fast JSON writer: keys in the order written, numbers in their shortest form that
/// reads back to the same value, non-finite numbers as `null`, strings escaped per RFC 8259.
///
/// Used for every API response and for the data embedded in the report: no Foundation encoder,
/// no intermediate dictionaries, and byte-for-byte stable output (so ETags are stable).
package struct JSONWriter: Sendable {
    package private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    package init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    package var string: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: containers

    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    package mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    package mutating func object(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    package mutating func array(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        array(body)
    }

    /// Writes `"key":`; the value written next completes the member.
    package mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: values

    package mutating func value(_ v: String) { separate(); appendString(v); needsComma = true }
    package mutating func value(_ v: Bool) { separate(); bytes.append(contentsOf: v ? Self.trueBytes : Self.falseBytes); needsComma = true }
    package mutating func value(_ v: Int) { separate(); bytes.append(contentsOf: String(v).utf8); needsComma = true }
    package mutating func value(_ v: Int64) { value(Int(v)) }
    package mutating func null() { separate(); bytes.append(contentsOf: Self.nullBytes); needsComma = true }

    package mutating func value(_ v: Double) {
        separate()
        if !v.isFinite {
            bytes.append(contentsOf: Self.nullBytes)
        } else if v == v.rounded(), abs(v) < 1e15 {
            bytes.append(contentsOf: String(Int64(v)).utf8)
        } else {
            bytes.append(contentsOf: v.description.utf8)
        }
        needsComma = true
    }

    /// A number rounded to `digits` decimals (for published figures: no false precision).
    package mutating func value(_ v: Double, digits: Int) {
        guard v.isFinite else { null(); return }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        value((v * scale).rounded() / scale)
    }

    package mutating func value(_ v: String?) { if let v { value(v) } else { null() } }
    package mutating func value(_ v: Double?) { if let v { value(v) } else { null() } }
    package mutating func value(_ v: Double?, digits: Int) { if let v { value(v, digits: digits) } else { null() } }
    package mutating func value(_ v: Int?) { if let v { value(v) } else { null() } }

    // MARK: members

    package mutating func member(_ k: String, _ v: String) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: String?) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Bool) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Int) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Int?) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Int64) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Double) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Double?) { key(k); value(v) }
    package mutating func member(_ k: String, _ v: Double?, digits: Int) { key(k); value(v, digits: digits) }
    package mutating func memberNull(_ k: String) { key(k); null() }

    /// Appends already-encoded JSON as one value (the caller vouches for it).
    package mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json); needsComma = true }

    // MARK: internals

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(b >> 4)]); bytes.append(Self.hex[Int(b & 0xF)])
            case UInt8(ascii: "<"):
                // Safe to embed in an HTML <script> block.
                bytes.append(contentsOf: Array("\\u003c".utf8))
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
