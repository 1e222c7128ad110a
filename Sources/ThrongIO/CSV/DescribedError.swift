/// A non-`Sendable` error (e.g. from Foundation) reduced to its text, usable as a
/// ``ThrongIOError/cause``.
struct DescribedError: Error, Sendable, CustomStringConvertible {
    /// The original error's text.
    var description: String

    /// Captures `"\(error)"`.
    init(_ error: any Error) { description = "\(error)" }

    /// Wraps a text.
    init(text: String) { description = text }
}
