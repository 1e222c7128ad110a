import Foundation

/// The wall clock, in epoch milliseconds.
enum WallClock {
    static func millis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
