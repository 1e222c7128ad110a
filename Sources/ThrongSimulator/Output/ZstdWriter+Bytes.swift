import ThrongIO

extension ZstdWriter {
    /// Writes an array's bytes (typed-throws wrapper over `withUnsafeBytes`).
    mutating func write(bytes: [UInt8]) throws(ThrongIOError) {
        let r: Result<Void, ThrongIOError> = bytes.withUnsafeBytes { b in
            do throws(ThrongIOError) {
                try self.write(b)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try r.get()
    }
}
