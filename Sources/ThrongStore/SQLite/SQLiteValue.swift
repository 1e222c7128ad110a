/// One SQLite value: what a column holds or a parameter is bound to.
public enum SQLiteValue: Sendable, Hashable, CustomStringConvertible {
    /// A 64-bit signed integer (`INTEGER`).
    case integer(Int64)
    /// An IEEE double (`REAL`).
    case real(Double)
    /// UTF-8 text (`TEXT`).
    case text(String)
    /// Bytes (`BLOB`).
    case blob([UInt8])
    /// `NULL`.
    case null

    /// The integer, or `nil` for any other kind.
    public var integerValue: Int64? { if case .integer(let v) = self { v } else { nil } }
    /// The real, or the integer converted to a double; `nil` for other kinds.
    public var doubleValue: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    /// The text, or `nil` for any other kind.
    public var textValue: String? { if case .text(let v) = self { v } else { nil } }
    /// Whether this is `NULL`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as SQL would print it (text without quotes, `NULL`, blobs as `x'…'`).
    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): v
        case .blob(let b): "x'" + b.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
        case .null: "NULL"
        }
    }
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    /// `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `.real`.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `.null`.
    public init(nilLiteral: ()) { self = .null }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
