/// Where a live run's events come from (docs/live.md, "Feeds").
public enum LiveFeed: Sendable, Hashable, CustomStringConvertible {
    /// Standard input, one source, until end of file.
    case standardInput
    /// A TCP listener on the loopback interface: one source per connection.
    case tcp(port: UInt16)
    /// A directory where controllers write `.csv` files that grow (tailed) and `.csv.zst` files
    /// (read once they stop growing): one source per file.
    case directory(String)

    /// Parses `stdin` (or `-`), `tcp://127.0.0.1:PORT`, `dir:PATH`.
    public init(parsing text: String) throws(LiveError) {
        if text == "stdin" || text == "-" {
            self = .standardInput
        } else if text.hasPrefix("tcp://") {
            let rest = text.dropFirst("tcp://".count)
            guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]), port > 0 else {
                throw LiveError(.invalidConfiguration, "a TCP feed is tcp://127.0.0.1:PORT, got \(text)")
            }
            let host = rest[..<colon]
            guard host == "127.0.0.1" || host == "localhost" else {
                throw LiveError(.invalidConfiguration, "the TCP feed listens on loopback only (127.0.0.1): device tokens must not cross a network unprotected; got \(host)")
            }
            self = .tcp(port: port)
        } else if text.hasPrefix("dir:") {
            let path = String(text.dropFirst("dir:".count))
            guard !path.isEmpty else { throw LiveError(.invalidConfiguration, "a directory feed is dir:PATH") }
            self = .directory(path)
        } else {
            throw LiveError(.invalidConfiguration, "a feed is stdin, tcp://127.0.0.1:PORT or dir:PATH, got \(text)")
        }
    }

    /// The feed as written on the command line.
    public var description: String {
        switch self {
        case .standardInput: "stdin"
        case .tcp(let port): "tcp://127.0.0.1:\(port)"
        case .directory(let path): "dir:\(path)"
        }
    }
}
