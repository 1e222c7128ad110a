/// How the HTTP server runs (`throng serve` sets it from its options).
public struct ServerConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host = "127.0.0.1"
    /// Port to bind (0: any free port).
    public var port = 8080
    /// API keys accepted for `/v1/`; empty: `/v1/` is open.
    public var apiKeys: Set<String> = []
    /// `Access-Control-Allow-Origin` for browser clients: `*` by default; nil disables CORS.
    public var corsAllowOrigin: String? = "*"
    /// Seconds a keep-alive connection may stay idle (and the bound on a slow client's request).
    public var idleTimeoutSeconds = 30
    /// `Cache-Control: max-age` of typical (snapshot) responses.
    public var typicalMaxAgeSeconds = 3600
    /// Longest request URI accepted (414 beyond).
    public var maxURILength = 4096
    /// Longest header block accepted.
    public var maxHeaderBytes = 16 * 1024

    /// The defaults.
    public init() {}
}
