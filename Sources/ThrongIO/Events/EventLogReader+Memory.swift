public import ThrongCore

extension EventLogReader {
    /// Parses an event log already in memory (uncompressed text), with the same rules,
    /// batches and summary as reading a file. For tests, benchmarks and embedders that
    /// receive logs by other means.
    ///
    /// - Parameters:
    ///   - text: the log's bytes; not retained after the call.
    ///   - name: the file name put in rejects and batches.
    ///   - resolver: maps access point ids to the network's access points.
    ///   - options: batch and chunk sizes.
    ///   - body: called with each batch.
    public static func read(
        text: UnsafeRawBufferPointer, name: String = "<memory>", resolver: AccessPointResolver,
        options: Options = Options(), _ body: (EventBatch) throws -> Void
    ) throws -> ReadSummary {
        var state = BatchBuilder(file: name, resolver: resolver, options: options)
        state.summary.files = 1
        var source = MemorySource(bytes: text)
        try pump(&source, &state, body)
        return try state.finishThrowing(body)
    }
}
