import ArgumentParser
import ThrongCore

/// A memory size: `512M`, `2G`, `1048576` (bytes; K, M, G, T are powers of 1024).
struct ByteSize: ExpressibleByArgument, Sendable {
    var bytes: Int
    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        guard let last = argument.uppercased().last else { return nil }
        if let unit = units[last] {
            guard let v = Double(argument.dropLast()), v > 0, v.isFinite else { return nil }
            bytes = Int(v * Double(unit))
        } else {
            guard let v = Int(argument), v > 0 else { return nil }
            bytes = v
        }
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// A bin width in minutes: 5, 10, 15, 20, 30 or 60.
struct BinWidth: ExpressibleByArgument, Sendable {
    static let allowed = [5, 10, 15, 20, 30, 60]
    var minutes: Int
    init?(argument: String) {
        guard let m = Int(argument), Self.allowed.contains(m) else { return nil }
        minutes = m
    }
    init(minutes: Int) { self.minutes = minutes }
    static var allValueStrings: [String] { allowed.map(String.init) }
}

/// An instant: epoch milliseconds or ISO-8601 with an offset.
struct InstantArgument: ExpressibleByArgument, Sendable {
    var millis: Int64
    init?(argument: String) {
        if let ms = Int64(argument) { millis = ms; return }
        var copy = argument
        guard case .millis(let ms) = copy.withUTF8({ Timestamp.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        millis = ms
    }
}

/// A time zone: Europe/London, UTC or a fixed offset such as +01:00.
struct TimeZoneArgument: ExpressibleByArgument, Sendable {
    var rule: TimeZoneRule
    init?(argument: String) {
        guard let r = TimeZoneRule(argument) else { return nil }
        rule = r
    }
    init(rule: TimeZoneRule) { self.rule = rule }
    var defaultValueDescription: String { rule.description }
}

/// A line closure, `LINE:FROM-TO` with NaPTAN codes.
struct ClosureArgument: ExpressibleByArgument, Sendable {
    var closure: LineClosure
    init?(argument: String) {
        guard let c = LineClosure(parsing: argument) else { return nil }
        closure = c
    }
}
