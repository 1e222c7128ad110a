/// One record of a CSV file: its fields and the 1-based line it starts on.
struct CSVRecord: Sendable, Equatable {
    /// The fields, unquoted.
    var fields: [String]
    /// The 1-based physical line the record starts on (the header is line 1).
    var line: Int
}
