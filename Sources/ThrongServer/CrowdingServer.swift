import HTTPTypes
public import Hummingbird
import HummingbirdCore
public import Logging
public import ServiceLifecycle
public import ThrongCore
public import ThrongLive
public import ThrongQuery

/// The HTTP API: TfL-compatible crowding, Throng's `/v1/`, operations and the dashboard, over a
/// snapshot's typical figures and, when given, a live engine running in the same process.
///
/// ```swift
/// let server = try CrowdingServer(network: network, typical: index, typicalTag: path, live: nil, configuration: .init())
/// try await server.run()   // until SIGINT / SIGTERM
/// ```
public struct CrowdingServer: Sendable {
    let data: CrowdingData
    let configuration: ServerConfiguration
    let metrics = ServerMetrics()
    let liveCache: LiveAnswerCache
    let logger: Logger

    /// - Parameters:
    ///   - typical: the snapshot's index (typical days, baselines); nil to serve live figures only.
    ///   - typicalTag: changes whenever the snapshot does (its ETags derive from it).
    ///   - live: a started live engine whose epochs are served; nil without a feed.
    /// - Throws: ``ServerError`` `.badConfiguration` when neither is given, or the snapshot's network is another.
    public init(network: Network, typical: CrowdingIndex?, typicalTag: String, live: LiveEngine?,
                configuration: ServerConfiguration, logger: Logger = Logger(label: "throng.server")) throws(ServerError) {
        guard typical != nil || live != nil else { throw ServerError(.badConfiguration, "give a snapshot, a live feed, or both") }
        self.data = try CrowdingData(network: network, typical: typical, typicalTag: typicalTag, live: live)
        self.configuration = configuration
        self.logger = logger
        self.liveCache = LiveAnswerCache(stations: network.stations.count)
    }

    /// The router with every route and middleware (tests drive it in process).
    package func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: [.caseInsensitive, .autoGenerateHeadEndpoints])
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: MetricsRecorder(metrics: metrics))
        if logger.logLevel <= .debug { router.add(middleware: LogRequestsMiddleware(.debug)) }
        router.add(middleware: RequestBoundsMiddleware(maxURILength: configuration.maxURILength))
        if let origin = configuration.corsAllowOrigin {
            router.add(middleware: CORSMiddleware(
                allowOrigin: origin == "*" ? .all : .custom(origin),
                allowHeaders: [.accept, .authorization, .ifNoneMatch, HTTPField.Name("X-API-Key")!],
                allowMethods: [.get, .head, .options],
                exposedHeaders: ["ETag"], maxAge: .seconds(600)
            ))
        }
        TfLCrowdingRoutes(data: data, typicalMaxAge: configuration.typicalMaxAgeSeconds, liveCache: liveCache).add(to: router)
        OperationsRoutes(data: data, metrics: metrics).add(to: router)
        DashboardRoutes().add(to: router)
        let v1 = router.group("/v1")
        if !configuration.apiKeys.isEmpty { v1.add(middleware: APIKeyMiddleware(keys: configuration.apiKeys)) }
        V1StationRoutes(data: data, typicalMaxAge: configuration.typicalMaxAgeSeconds).add(to: v1)
        V1NetworkRoutes(data: data, typicalMaxAge: configuration.typicalMaxAgeSeconds).add(to: v1)
        return router
    }

    /// The Hummingbird application, with `services` run beside it and shut down after it.
    package func application(services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var http = HTTP1Channel.Configuration(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))
        http.httpDecoder = .init(maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes, maxHeaderFieldCount: 100)
        return Application(
            router: router(),
            server: .http1(configuration: http),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "throng"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM; then stops accepting, lets requests in flight finish, and
    /// shuts `services` down (the live engine's service checkpoints and writes its snapshot).
    public func run(services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(services: services, onServerRunning: onServerRunning).runService()
    }
}
