/// A station's index in ``Network/stations``. Stable for one loaded network.
public struct StationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into ``Network/stations``.
    public var rawValue: UInt16
    /// Wraps an index.
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    /// The index as an `Int`, for subscripting.
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `S<index>`.
    public var description: String { "S\(rawValue)" }
}

/// A line's index in ``Network/lines`` (Bakerloo, Central, …).
public struct LineID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into ``Network/lines``.
    public var rawValue: UInt8
    /// Wraps an index.
    @inlinable public init(_ rawValue: UInt8) { self.rawValue = rawValue }
    /// The index as an `Int`, for subscripting.
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `L<index>`.
    public var description: String { "L\(rawValue)" }
}

/// An access point's index in ``Network/accessPoints``.
public struct AccessPointID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into ``Network/accessPoints``.
    public var rawValue: UInt32
    /// Wraps an index.
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// The index as an `Int`, for subscripting.
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `AP<index>`.
    public var description: String { "AP\(rawValue)" }
}

/// A directed link's index in ``Network/links``.
public struct LinkID: Hashable, Comparable, Sendable {
    /// The index into ``Network/links``.
    public var rawValue: UInt32
    /// Wraps an index.
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// The index as an `Int`, for subscripting.
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
